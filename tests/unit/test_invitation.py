"""The participant's calendar invitation, read back with `icalendar`: the session's time in
Asia/Shanghai with its VTIMEZONE, one UID per registration, sample sessions marked tentative."""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from icalendar import Calendar

from chalicelib.catalog.trainings import Trainings, load_trainings
from chalicelib.domain.invitation import invitation
from chalicelib.domain.registration import Registration, RegistrationStatus

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=timezone.utc)


def _registration(lang):
    return Registration("TR261202-ABCDEFGHJK", "archive-training-2027-03", 1, 2, RegistrationStatus.CONFIRMED,
                        "沈阳示例建设有限公司", "91210100MA0Y9KQX13", "张工", "+8613800138000", None, lang, "h", NOW)


def test_the_invitation_reads_back_in_shanghai_time_with_its_zone(catalog):
    t = Trainings(load_trainings()).get("archive-training-2027-03")
    for lang, prefix in (("zh", "【示例】"), ("en", "[Sample] ")):
        url = "https://portal.example.test/trainings/registration/#no=TR261202-ABCDEFGHJK&token=x"
        cal = Calendar.from_ical(invitation(t, _registration(lang), catalog, url, NOW))
        (event,) = cal.walk("VEVENT")
        (zone,) = cal.walk("VTIMEZONE")
        assert str(zone["TZID"]) == "Asia/Shanghai" and str(cal["METHOD"]) == "PUBLISH"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert start == datetime(2027, 3, 24, 9, 0, tzinfo=ZoneInfo("Asia/Shanghai"))
        assert start.utcoffset().total_seconds() == 8 * 3600 and event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert end == datetime(2027, 3, 24, 11, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
        assert str(event["UID"]) == "TR261202-ABCDEFGHJK@portal.example.test"
        assert str(event["SUMMARY"]) == prefix + t.title[lang] and str(event["STATUS"]) == "TENTATIVE"
        assert url in str(event["DESCRIPTION"]) and str(event["LOCATION"]) == t.place[lang]

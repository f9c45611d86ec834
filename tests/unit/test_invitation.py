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


def test_the_zone_is_utc_plus_eight_all_year_as_one_standard_rule():
    from icalendar import Calendar as Cal

    from chalicelib.domain.invitation import vtimezone

    zone = Cal.from_ical(vtimezone().to_ical())
    assert str(zone["TZID"]) == "Asia/Shanghai" and str(zone["X-LIC-LOCATION"]) == "Asia/Shanghai"
    (rule,) = zone.walk("STANDARD")
    assert not zone.walk("DAYLIGHT")
    assert rule.decoded("DTSTART") == datetime(1991, 9, 15, 0, 0)
    assert rule.decoded("TZOFFSETFROM").total_seconds() == rule.decoded("TZOFFSETTO").total_seconds() == 8 * 3600
    assert str(rule["TZNAME"]) == "CST"


def test_the_invitation_names_the_calendar_the_organiser_and_the_seats(catalog):
    import dataclasses

    t = Trainings(load_trainings()).get("archive-training-2027-03")
    url = "https://portal.example.test/trainings/registration/#no=TR261202-ABCDEFGHJK"
    for lang, seats, seats_text in (("zh", 2, "2 人"), ("en", 2, "2 seats"), ("en", 1, "1 seat")):
        r = dataclasses.replace(_registration(lang), seats=seats)
        cal = Calendar.from_ical(invitation(t, r, catalog, url, NOW.replace(microsecond=123456)))
        (event,) = cal.walk("VEVENT")
        assert str(cal["PRODID"]).endswith("//" + lang.upper()) and "Proactive service" in str(cal["PRODID"])
        assert str(cal["VERSION"]) == "2.0"
        assert event.decoded("DTSTAMP") == NOW  # in UTC, without microseconds
        assert event["DTSTAMP"].to_ical() == b"20261202T020000Z"
        description = str(event["DESCRIPTION"]).split("\n")
        note = {"zh": "示例日期：正式日期以本局通知为准。", "en": "Sample date: the real date will be in the bureau's notice."}
        assert description == [note[lang], catalog.department(t.organiser).name[lang],
                               f"TR261202-ABCDEFGHJK · {seats_text}", url]
        from chalicelib.catalog.trainings import KINDS

        assert [str(c) for c in event["CATEGORIES"].cats] == [KINDS[t.kind][lang]]


def test_a_confirmed_online_session_is_not_marked_sample(catalog):
    t = Trainings(load_trainings()).get("archive-training-2027-03").model_copy(update={"sample": False, "online": True})
    for lang, online in (("zh", "线上"), ("en", "Online")):
        cal = Calendar.from_ical(invitation(t, _registration(lang), catalog, "https://p.example.test/x", NOW))
        (event,) = cal.walk("VEVENT")
        assert str(event["STATUS"]) == "CONFIRMED" and str(event["SUMMARY"]) == t.title[lang]
        assert str(event["LOCATION"]) == f"{online}: {t.place[lang]}"
        assert str(event["DESCRIPTION"]).split("\n")[0] == catalog.department(t.organiser).name[lang]
    cal = Calendar.from_ical(invitation(t, _registration("en"), catalog, "/no-host", NOW))
    assert str(cal.walk("VEVENT")[0]["UID"]) == "TR261202-ABCDEFGHJK@localhost"

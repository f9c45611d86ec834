"""The iCalendar feeds in the build (RFC 5545): read back with the `icalendar` parser."""
from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from chalicelib.catalog import load_catalog
from ical_feed import calendar
from render_trainings import feed_name

SHANGHAI = ZoneInfo("Asia/Shanghai")


def _read(path):
    return Calendar.from_ical(path.read_bytes())


@pytest.mark.parametrize("lang, prefix, sample", [("zh", "", "【示例】"), ("en", "en/", "[Sample] ")])
def test_the_full_feed_has_every_event_in_shenyang_time(built, content_data, lang, prefix, sample):
    cal = _read(built / prefix / feed_name())
    assert cal["VERSION"] == "2.0" and cal["PRODID"] and cal["METHOD"] == "PUBLISH"
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Asia/Shanghai"
    assert tz.walk("STANDARD")[0]["TZOFFSETTO"].td == dt.timedelta(hours=8)
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert set(events) == {t.id for t in content_data.trainings}
    for t in content_data.trainings:
        ev = events[t.id]
        start = ev.decoded("DTSTART")
        assert ev["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert start == t.start.replace(tzinfo=SHANGHAI) and start.utcoffset() == dt.timedelta(hours=8)
        assert ev.decoded("DTEND") == t.end.replace(tzinfo=SHANGHAI)
        assert str(ev["SUMMARY"]) == sample + t.title[lang]
        assert ev["STATUS"] == "TENTATIVE"  # samples until an organiser confirms the date
        assert str(ev["URL"]).endswith(f"/trainings/#{t.id}") and ev["DTSTAMP"]


def test_one_feed_per_stage_holds_only_that_stages_events(built, content_data):
    for stage in load_catalog().stages:
        for prefix in ("", "en/"):
            cal = _read(built / prefix / feed_name(stage.id))
            uids = {str(e["UID"]).split("@")[0] for e in cal.walk("VEVENT")}
            assert uids == {t.id for t in content_data.trainings if stage.id in t.stages}, stage.id
            assert cal.walk("VTIMEZONE"), "each feed carries its own VTIMEZONE"
    archive = _read(built / feed_name("archive-acceptance"))
    assert len(archive.walk("VEVENT")) >= 3  # the March-to-June archive trainings


def test_a_confirmed_event_is_confirmed_and_unprefixed(content_data):
    real = content_data.trainings[0].model_copy(update={"sample": False})
    cal = Calendar.from_ical(calendar([real], load_catalog(), "zh", "https://example.org/trainings/", "T"))
    [ev] = cal.walk("VEVENT")
    assert ev["STATUS"] == "CONFIRMED" and not str(ev["SUMMARY"]).startswith("【示例】")
    assert "示例" not in str(ev["DESCRIPTION"])
    assert str(ev["UID"]) == f"{real.id}@example.org"

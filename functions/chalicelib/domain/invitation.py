"""iCalendar (RFC 5545) for the training calendar: the time zone every feed and invitation
carries, and a participant's personal invitation, attached to the confirmation email.

Times are Shenyang local time, sent with TZID=Asia/Shanghai and the VTIMEZONE that defines it.
`icalendar` is imported inside the functions: the API's cold start must not pay for it."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from ..catalog import Catalog
from ..catalog.trainings import KINDS, Training

if TYPE_CHECKING:
    from icalendar import Timezone

    from .registration import Registration

TZID = "Asia/Shanghai"
SAMPLE_PREFIX = {"zh": "【示例】", "en": "[Sample] "}
SAMPLE_NOTE = {"zh": "示例日期：正式日期以本局通知为准。", "en": "Sample date: the real date will be in the bureau's notice."}
ONLINE = {"zh": "线上", "en": "Online"}


def vtimezone() -> "Timezone":
    """China has kept UTC+8 without daylight saving since 1991: one STANDARD rule is exact."""
    from icalendar import Timezone, TimezoneStandard

    tz = Timezone()
    tz.add("tzid", TZID)
    tz.add("x-lic-location", TZID)
    std = TimezoneStandard()
    std.add("dtstart", dt.datetime(1991, 9, 15, 0, 0))
    std.add("tzoffsetfrom", dt.timedelta(hours=8))
    std.add("tzoffsetto", dt.timedelta(hours=8))
    std.add("tzname", "CST")
    tz.add_component(std)
    return tz


def location(t: Training, lang: str) -> str:
    return f"{ONLINE[lang]}: {t.place[lang]}" if t.online else t.place[lang]


def invitation(t: Training, r: "Registration", catalog: Catalog, manage_url: str, now: dt.datetime) -> str:
    """The participant's own calendar entry (METHOD:PUBLISH: nothing for a calendar app to
    answer), with a UID of the registration, so a second copy updates the first."""
    from icalendar import Calendar, Event

    lang, zone = r.lang, ZoneInfo(TZID)
    cal = Calendar()
    cal.add("prodid", "-//Shenyang Urban-Rural Construction Bureau//Proactive service training registration//"
            + lang.upper())
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    cal.add_component(vtimezone())
    ev = Event()
    ev.add("uid", f"{r.registration_no}@{urlsplit(manage_url).hostname or 'localhost'}")
    ev.add("dtstamp", now.astimezone(dt.timezone.utc).replace(microsecond=0))
    ev.add("dtstart", t.start.replace(tzinfo=zone))
    ev.add("dtend", t.end.replace(tzinfo=zone))
    ev.add("summary", (SAMPLE_PREFIX[lang] if t.sample else "") + t.title[lang])
    ev.add("location", location(t, lang))
    ev.add("categories", [KINDS[t.kind][lang]])
    ev.add("status", "TENTATIVE" if t.sample else "CONFIRMED")
    organiser = catalog.department(t.organiser).name[lang]
    seats = f"{r.seats} 人" if lang == "zh" else f"{r.seats} seat{'s' if r.seats > 1 else ''}"
    lines = ([SAMPLE_NOTE[lang]] if t.sample else []) + [organiser, f"{r.registration_no} · {seats}", manage_url]
    ev.add("description", "\n".join(lines))
    cal.add_component(ev)
    return cal.to_ical().decode("utf-8")

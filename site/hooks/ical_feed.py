"""iCalendar feeds (RFC 5545) of the training calendar: one of all events and one per stage,
written into the build by the hook's on_post_build. Times are Shenyang local time, sent with
TZID=Asia/Shanghai and the VTIMEZONE that defines it, so every calendar app shows the right hour."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from chalicelib.catalog import Catalog
from content_data import ContentData
from chalicelib.catalog.trainings import Training
from chalicelib.domain.invitation import TZID, location, vtimezone
from icalendar import Calendar, Event
from render_trainings import KINDS, UI, feed_name
from ui_common import COLON

SHANGHAI = ZoneInfo(TZID)
NAMES = {"zh": ("沈阳市城乡建设局 · 培训安排", "【示例】", "示例日期：正式日期以本局通知为准。"),
         "en": ("Shenyang Urban-Rural Construction Bureau · Trainings", "[Sample] ",
                "Sample date: the real date will be in the bureau's notice.")}


def calendar(events: list[Training], catalog: Catalog, lang: str, page_url: str, title: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//Shenyang Urban-Rural Construction Bureau//Proactive service trainings//{lang.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", title)
    cal.add("x-wr-timezone", TZID)
    cal.add_component(vtimezone())
    stamp = _stamp()
    host = urlsplit(page_url).hostname or "localhost"
    for t in events:
        cal.add_component(_event(t, catalog, lang, page_url, host, stamp))
    return cal.to_ical()


def write_feeds(site_dir: Path, data: ContentData, catalog: Catalog, lang: str, site_url: str) -> list[Path]:
    """trainings.ics and trainings-<stage>.ics for every stage (an empty stage gets an empty feed,
    so a subscription made today keeps working when its first event is added)."""
    page_url = site_url.rstrip("/") + "/trainings/"
    name = NAMES[lang][0]
    written = []
    for stage in (None, *catalog.stages):
        events = [t for t in data.trainings if stage is None or stage.id in t.stages]
        title = name if stage is None else f"{name} · {stage.name[lang]}"
        path = site_dir / feed_name(stage.id if stage else None)
        path.write_bytes(calendar(events, catalog, lang, page_url, title))
        written.append(path)
    return written


def _event(t: Training, catalog: Catalog, lang: str, page_url: str, host: str, stamp: dt.datetime) -> Event:
    prefix, sample_note = NAMES[lang][1:]
    ui = UI[lang]
    ev = Event()
    ev.add("uid", f"{t.id}@{host}")   # stable across builds: calendar apps update, not duplicate
    ev.add("dtstamp", stamp)
    ev.add("dtstart", t.start.replace(tzinfo=SHANGHAI))
    ev.add("dtend", t.end.replace(tzinfo=SHANGHAI))
    ev.add("summary", (prefix if t.sample else "") + t.title[lang])
    ev.add("location", location(t, lang))
    ev.add("categories", [KINDS[t.kind][lang]])
    ev.add("status", "TENTATIVE" if t.sample else "CONFIRMED")
    ev.add("url", f"{page_url}#{t.id}")
    c = COLON[lang]
    lines = [f"{ui['who']}{c}{t.audience[lang]}", f"{ui['organiser']}{c}{catalog.department(t.organiser).name[lang]}",
             f"{ui['join']}{c}{t.how_to_join[lang]}", t.source[lang], f"{page_url}#{t.id}"]
    if t.sample:
        lines.insert(0, sample_note)
    ev.add("description", "\n".join(lines))
    return ev


def _stamp() -> dt.datetime:
    """DTSTAMP: the build time, or SOURCE_DATE_EPOCH for reproducible builds."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    now = dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc) if epoch else dt.datetime.now(dt.timezone.utc)
    return now.replace(microsecond=0)

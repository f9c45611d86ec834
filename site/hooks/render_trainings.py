"""The training calendar (content/data/trainings.yml): events by month, each with how to take part,
a stage filter (enhanced by assets/portal/trainings.js; without JavaScript every event shows and
the per-stage iCalendar feeds still work), and the feed links."""
from __future__ import annotations

from html import escape
from itertools import groupby

from chalicelib.catalog import Catalog
from content_data import ContentData
from chalicelib.catalog.trainings import KINDS, MONTHS_EN, Training, when  # noqa: F401 - ical_feed imports KINDS here
from chalicelib.domain.invitation import location
from render_registration import registration_line
from render_contacts import badge
from ui_common import COLON, SEP

UI = {
    "zh": {"filter": "按阶段筛选", "all": "全部阶段", "when": "时间", "where": "地点", "who": "对象",
           "organiser": "主办", "stage": "阶段", "join": "怎样参加", "contact": "联系主办部门",
           "ask": "在线咨询", "count": "显示 {n} 场活动", "none": "这个阶段暂时没有安排的活动。",
           "feed_all": "全部活动", "sample_dates": "示例日期：正式日期以本局通知为准。"},
    "en": {"filter": "Filter by stage", "all": "All stages", "when": "When", "where": "Where", "who": "For",
           "organiser": "Organiser", "stage": "Stage", "join": "How to take part", "contact": "Contact the organiser",
           "ask": "Ask online", "count": "Showing {n} events", "none": "No events are scheduled for this stage yet.",
           "feed_all": "All events",
           "sample_dates": "Sample date: the real date will be in the bureau's notice."},
}


def feed_name(stage_id: str | None = None) -> str:
    """File name of the iCalendar feed: all events, or one stage's (written by ical_feed.py)."""
    return f"trainings-{stage_id}.ics" if stage_id else "trainings.ics"


def month_title(year: int, month: int, lang: str) -> str:
    return f"{year}年{month}月" if lang == "zh" else f"{MONTHS_EN[month - 1]} {year}"


def trainings(catalog: Catalog, data: ContentData, lang: str, root: str, online: set[str]) -> str:
    ui, out = UI[lang], []
    if any(t.sample for t in data.trainings):
        out.append(f'<p class="portal-sample-note">{badge(lang)} {escape(ui["sample_dates"])}</p>')
    out.append(_filter(catalog, lang))
    for (year, month), events in groupby(data.trainings, key=lambda t: (t.start.year, t.start.month)):
        out += [f'<section class="portal-month" markdown>', "",
                f"### {month_title(year, month, lang)} {{#m-{year}-{month:02d}}}", ""]
        out += [_event(t, catalog, lang, root, online) for t in events]
        out += ["", "</section>", ""]
    out.append(f'<p class="portal-training-none" hidden>{escape(ui["none"])}</p>')
    return "\n".join(out)


def feed_links(catalog: Catalog, lang: str, root: str) -> str:
    ui = UI[lang]
    items = [f'<li><a href="{root}{feed_name()}" type="text/calendar">{ui["feed_all"]}</a></li>']
    items += [f'<li data-stage="{s.id}"><a href="{root}{feed_name(s.id)}" type="text/calendar">'
              f'{escape(s.name[lang])}</a></li>' for s in catalog.stages]
    return f'<ul class="portal-feeds">{"".join(items)}</ul>'


def _filter(catalog: Catalog, lang: str) -> str:
    # Hidden until trainings.js shows it: without the script a select that does nothing would mislead.
    ui = UI[lang]
    options = "".join(f'<option value="{s.id}">{escape(s.name[lang])}</option>' for s in catalog.stages)
    return (f'<form class="portal-training-filter" hidden><label for="training-stage">{ui["filter"]}</label>'
            f'<select id="training-stage" name="stage"><option value="">{ui["all"]}</option>{options}</select>'
            f'<p class="portal-meta" role="status" aria-live="polite" data-msg-count="{escape(ui["count"])}"></p></form>')


def catalog_stage_ids(catalog: Catalog, service) -> set[str]:
    return {s.id for s in catalog.stages_of(service)}


def facts(t: Training, catalog: Catalog, lang: str, root: str) -> str:
    """When, where, for whom, who organises, which stage: the calendar's and the session page's."""
    ui, mark = UI[lang], badge(lang) if t.sample else ""
    stages = SEP[lang].join(f'<a href="{root}guides/{s}/">{escape(catalog.stage(s).name[lang])}</a>' for s in t.stages)
    rows = [(ui["when"], escape(when(t, lang)) + mark), (ui["where"], escape(location(t, lang)) + mark),
            (ui["who"], escape(t.audience[lang])),
            (ui["organiser"], escape(catalog.department(t.organiser).name[lang])), (ui["stage"], stages)]
    return "<dl>" + "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in rows) + "</dl>"


def how_to_join(t: Training, catalog: Catalog, lang: str, root: str, online: set[str]) -> str:
    ui = UI[lang]
    links = [f'<a href="{root}contacts/#{t.stages[0]}">{ui["contact"]}</a>',
             f'<a href="{root}services/consultation/?stage={t.stages[0]}">{ui["ask"]}</a>']
    request = catalog.service("training-request")
    if t.kind != "afternoon-tea" and "training-request" in online and t.stages[0] in catalog_stage_ids(catalog, request):
        links.append(f'<a href="{root}services/training-request/?stage={t.stages[0]}">{escape(request.name[lang])}</a>')
    return f'<p><strong>{ui["join"]}{COLON[lang]}</strong>{escape(t.how_to_join[lang])} {" · ".join(links)}</p>'


def _event(t: Training, catalog: Catalog, lang: str, root: str, online: set[str]) -> str:
    mark = badge(lang) if t.sample else ""
    page = f"{root}trainings/{t.id}/"
    return (f'<article class="portal-event" data-stages="{" ".join(t.stages)}">'
            f'<h4 id="{t.id}"><a href="{page}">{escape(t.title[lang])}</a>{mark}</h4><p class="portal-meta">'
            f'{escape(KINDS[t.kind][lang])} · {escape(t.source[lang])}</p>{facts(t, catalog, lang, root)}'
            f'{registration_line(t, lang, page)}{how_to_join(t, catalog, lang, root, online)}</article>')

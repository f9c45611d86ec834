"""The dashboard of the workbench (/staff/dashboard/, /en/staff/dashboard/): the assessment
figures (绩效考核) of the departments the officer may see, as charts, each beside the table of
its numbers (a real <table>, for screen readers and for reading off a value), with filters and
the exports.

Whose figures they are, the months and the departments come from the API (which scopes them:
a supervisor gets every department, a head their own); the filters' options from the catalog
(render_workbench's facets), the rating levels from the domain; every word is here, in both
languages (the figures' words: the one table, chalicelib/domain/figure_labels.py), and reaches the scripts (dashboard*.js) as data-msg-* and data-series attributes."""
from __future__ import annotations

import json
from html import escape

from chalicelib.catalog import Catalog
from chalicelib.domain.actions import RATING_LABELS
from chalicelib.domain.figure_labels import Figure, figure
from dashboard_figures import CHARTS, EXPORTS, FILTERS, ONE_DEPARTMENT, TOTALS
from render_workbench import _FACET_OPTIONS, _field, _options, signin_form
from render_workbench import _UI as WORKBENCH_UI
from render_figures import sample_notice
from ui_common import SEP

_SIGNIN = ("signin_title", "signin_hint", "username", "password", "signin", "signout", "signed_out", "expired",
           "idle", "network", "error", "loading", "service", "stage", "district", "any", "department", "one_filter", "filters")
_UI = {
    "zh": {
        "title": "绩效考核数据", "workbench": "返回工作台", "every_department": "全部部门", "whose_all": "全部部门的数据", "whose": "{}的数据",
        "period_filter": "期间和筛选", "from": "起始日期", "to": "截止日期", "show": "显示", "range_error": "截止日期不能早于起始日期。",
        "exports": "导出", "figures_xlsx": "考核数据（XLSX）", "figures_csv": "考核数据（CSV）",
        "requests_xlsx": "申请清单（XLSX）", "requests_csv": "申请清单（CSV）", "exported": "文件已下载。",
        "choose_department": "申请清单按部门导出：请先在上方选择一个部门。",
        "volumes": "每月申请量", "on_time": "每月按时率", "ratings": "评价等级分布", "ranking": "部门排名（按时办结率）",
        "month": "月份", "level": "评价等级",
        "totals": "所选期间合计", "figure": "指标", "value": "数值", "no_value": "“—”表示没有可计算的申请。",
        "reference": "一次验收通过率对比", "reference_hint": "部门填报的本部门全部项目（不论是否使用靠前服务）的一次验收通过率。",
        "period": "期间", "all_projects": "全部项目", "sample_value": "（示例）", "notes": "统计口径", "table": "{}：数据表", "chart": "{}：图表，数据见旁边的表格",
        "empty": "所选范围内没有数据。",
        "noscript": "考核数据页面需要启用浏览器的 JavaScript。",
    },
    "en": {
        "title": "Performance assessment figures", "workbench": "Back to the workbench",
        "every_department": "Every department",
        "whose_all": "Figures of every department", "whose": "Figures of {}",
        "period_filter": "Period and filter", "from": "From", "to": "To", "show": "Show", "range_error": "The end date cannot be before the start date.",
        "exports": "Export", "figures_xlsx": "Figures (XLSX)", "figures_csv": "Figures (CSV)",
        "requests_xlsx": "List of requests (XLSX)", "requests_csv": "List of requests (CSV)", "exported": "The file has been downloaded.",
        "choose_department": "The list of requests is exported one department at a time: choose a department above first.",
        "volumes": "Requests by month", "on_time": "On-time rates by month", "ratings": "Ratings by level",
        "ranking": "Departments ranked (completed on time)",
        "month": "Month", "level": "Rating",
        "totals": "Totals of the chosen period", "figure": "Figure", "value": "Value", "no_value": "“—”: no request to count.",
        "reference": "First-time acceptance pass rate compared",
        "reference_hint": "The department's own rate for all its projects (with proactive service or not), as it enters it.",
        "period": "Period", "all_projects": "All projects", "sample_value": " (sample)", "notes": "How the figures are counted", "table": "{}: the figures", "chart": "{}: chart; the table beside it has its figures",
        "empty": "No figures in the chosen range.",
        "noscript": "The figures page needs JavaScript in your browser.",
    },
}
assert _UI["zh"].keys() == _UI["en"].keys(), "every word of the dashboard in both languages"
_ROW_HEAD = {"months": "month", "levels": "level", "departments": "department"}


def _words(path: str) -> Figure:
    """A figure's words and kind (the one table); the rating chart's column counts the ratings
    of each level, so it is named as ratings are counted."""
    return figure("ratings.rated" if figure(path).kind == "levels" else path)


def _series(series: tuple[str, ...], lang: str) -> str:
    """[[path, words, kind]] of a chart's figures, for the scripts."""
    return json.dumps([[path, _words(path).label[lang], _words(path).kind] for path in series], ensure_ascii=False)


def chart_section(chart: tuple, ui: dict) -> str:
    """One figure: its chart (a canvas the script draws, named for assistive technology as a
    picture whose numbers are in the table) beside its table (filled by the script)."""
    cid, rows, kind, series = chart
    title = ui[cid]
    return (
        f'<section class="portal-db-chart" data-chart="{cid}" data-rows="{rows}" data-kind="{kind}" '
        f'data-series="{escape(_series(series, ui["lang"]))}" aria-labelledby="db-{cid}-title">\n'
        f'<h2 id="db-{cid}-title">{escape(title)}</h2>\n<div class="portal-db-pair">\n'
        f'<figure class="portal-db-figure"><canvas role="img" aria-label="{escape(ui["chart"].format(title))}"></canvas></figure>\n'
        f'<div class="portal-db-table" tabindex="0" role="region" aria-labelledby="db-{cid}-caption">\n'
        f'<table class="portal-rows"><caption id="db-{cid}-caption">{escape(ui["table"].format(title))}</caption>\n'
        f'<thead><tr><th scope="col">{escape(ui[_ROW_HEAD[rows]])}</th>'
        + "".join(f'<th scope="col">{escape(_words(path).label[ui["lang"]])}</th>' for path in series)
        + '</tr></thead>\n<tbody></tbody></table>\n</div>\n</div>\n</section>\n')


def _totals(ui: dict) -> str:
    """The period's totals (every figure of the assessment) and the acceptance reference."""
    lang = ui["lang"]
    rows = "".join(f'<tr><th scope="row">{escape(figure(path).label[lang])}</th>'
                   f'<td data-path="{path}" data-format="{figure(path).kind}"></td></tr>\n' for path in TOTALS)
    return (
        f'<section class="portal-db-totals" aria-labelledby="db-totals-title">\n'
        f'<h2 id="db-totals-title">{escape(ui["totals"])}</h2>\n<p class="portal-hint">{escape(ui["no_value"])}</p>\n'
        f'<div class="portal-db-table" tabindex="0" role="region" aria-labelledby="db-totals-caption">\n'
        f'<table class="portal-rows"><caption id="db-totals-caption">{escape(ui["totals"])}</caption>\n'
        f'<thead><tr><th scope="col">{escape(ui["figure"])}</th><th scope="col">{escape(ui["value"])}</th></tr></thead>\n'
        f'<tbody>\n{rows}</tbody></table>\n</div>\n'
        f'<h3 id="db-reference-title">{escape(ui["reference"])}</h3>\n<p class="portal-hint">{escape(ui["reference_hint"])}</p>\n'
        f'<div class="portal-db-table" tabindex="0" role="region" aria-labelledby="db-reference-caption">\n'
        f'<table class="portal-rows portal-db-reference"><caption id="db-reference-caption">{escape(ui["reference"])}</caption>\n'
        f'<thead><tr><th scope="col">{escape(ui["department"])}</th><th scope="col">{escape(ui["period"])}</th>'
        f'<th scope="col">{escape(ui["all_projects"])}</th></tr></thead>\n<tbody></tbody></table>\n</div>\n'
        f'<h3>{escape(ui["notes"])}</h3>\n<ul class="portal-db-notes"></ul>\n</section>\n')


def _filters(catalog: Catalog, ui: dict) -> str:
    lang = ui["lang"]
    dates = "\n".join(_field(f"db-{name}", ui[name], f'<input id="db-{name}" name="{name}" type="date" '
                             f'aria-describedby="db-{name}-error">') for name in ("from", "to"))
    # Whose figures: every department the officer may read (the script keeps those the API names).
    departments = [(d.id, d.name[lang]) for d in catalog.departments]
    dates += "\n" + _field("db-department", ui["department"], f'<select id="db-department" name="department" '
                           f'aria-describedby="db-department-error">{_options(departments, ui["every_department"])}</select>')
    selects = "\n".join(_field(f"db-{name}", ui[name], f'<select id="db-{name}" name="{name}" aria-describedby="db-{name}-error">'
                               f'{_options(_FACET_OPTIONS[name](catalog, lang), ui["any"])}</select>') for name in FILTERS)
    return (f'<form class="portal-db-filters" novalidate aria-labelledby="db-filters-title">\n'
            f'<h2 id="db-filters-title">{escape(ui["period_filter"])}</h2>\n'
            f'<p class="portal-error" id="db-range-error" role="alert" hidden></p>\n'
            f'<div class="portal-db-fields">\n{dates}\n</div>\n'
            # The API filters by one facet at a time (as the queue does): the script keeps one set.
            f'<fieldset class="portal-wb-filter-set" aria-describedby="db-one-filter"><legend>{escape(ui["filters"])}</legend>\n'
            f'<p class="portal-hint" id="db-one-filter">{escape(ui["one_filter"])}</p>\n{selects}\n</fieldset>\n'
            f'<button type="submit" class="md-button md-button--primary">{escape(ui["show"])}</button>\n</form>\n')


def _exports(ui: dict) -> str:
    """Buttons, not links: the files need the officer's token, which never goes in a URL; the
    period and the filter chosen above go with them."""
    buttons = "".join(f'<li><button type="button" class="md-button portal-db-export" data-path="{path}" '
                      f'data-accept="{accept}" data-filename="{filename}"{" data-one-department" if name in ONE_DEPARTMENT else ""}>'
                      f'{escape(ui[name])}</button></li>'
                      for name, (path, accept, filename) in EXPORTS.items())
    return (f'<section class="portal-db-exports" aria-labelledby="db-exports-title">\n'
            f'<h2 id="db-exports-title">{escape(ui["exports"])}</h2>\n<ul>{buttons}</ul>\n'
            f'<p class="portal-db-exported" role="status" aria-live="polite"></p>\n</section>\n')


def render_dashboard(catalog: Catalog, lang: str) -> str:
    """The dashboard; its sample notice shows when the API's answer says its figures are sample."""
    ui = {k: WORKBENCH_UI[lang][k] for k in _SIGNIN} | _UI[lang] | {"lang": lang, "sep": SEP[lang]}
    levels = json.dumps({str(n): pair[0 if lang == "zh" else 1] for n, pair in RATING_LABELS.items()}, ensure_ascii=False)
    data = " ".join(f'data-msg-{k.replace("_", "-")}="{escape(v)}"' for k, v in ui.items() if k != "lang")
    return (
        f'<div class="portal-dashboard" data-lang="{lang}" data-levels="{escape(levels)}" {data}>\n'
        f'<p class="portal-wb-message" role="status" aria-live="polite" tabindex="-1"></p>\n'
        + signin_form(ui) +
        f'<div class="portal-db" hidden>\n'
        f'<div class="portal-wb-bar"><p class="portal-wb-who"></p><a href="../">{escape(ui["workbench"])}</a>'
        f'<button type="button" class="md-button portal-signout">{escape(ui["signout"])}</button></div>\n'
        f'<p class="portal-db-whose" role="status" aria-live="polite"></p>\n'
        + sample_notice(lang)
        + _filters(catalog, ui) + _exports(ui) +
        f'<p class="portal-db-empty" hidden>{escape(ui["empty"])}</p>\n'
        + "".join(chart_section(c, ui) for c in CHARTS) + _totals(ui) + '</div>\n'
        f'<noscript><p class="portal-noscript">{escape(ui["noscript"])}</p></noscript>\n</div>\n')

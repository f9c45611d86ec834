"""HTTP bodies of the figures routes, through their response models (figures_schemas.py)."""
from __future__ import annotations

from datetime import date
from typing import Any

from ..catalog import Catalog
from ..domain.figure_sets import figure_set
from ..i18n import Text
from ..service_layer.figures import Figures, Row
from .figures_schemas import FigureRowOut, FigureSetOut, FiguresOut, FilterOut, PublicFiguresOut, ReferenceOut
from .presenters import _named

NOTES = (
    Text(zh="工作日按国务院公布的节假日安排计算（含调休上班日）；补正期间不计时。",
         en="Working days follow the State Council's holiday calendar (make-up working days included); "
            "time waiting for the applicant's information (补正) is not counted."),
    Text(zh="各项按发生日期统计：受理、转派等按操作日，首次联系按派单日，办结按办结日，评价按评价日，一次验收结果按办结日。",
         en="Each figure counts on the date it happened: steps on their day, first contact on the assignment, "
            "completion on its day, ratings on the rating's day, acceptance outcomes on the completion's day."),
    Text(zh="满意率为“基本满意”及以上的评价占比；申诉成立的评价不计入评价各项，只计入“已排除”。",
         en="The satisfaction rate is the share of ratings of 'basically satisfied' or better; ratings whose appeal "
            "was upheld are left out of every rating figure and counted only as excluded."),
    Text(zh="转派的申请在其到达的每个部门各计一次“收到”；“当前超期”为今天仍超期未办的申请数。",
         en="A transferred request counts as received in each department it reached; 'overdue now' is the open "
            "requests past their deadline today."),
)


def month_label(key: str) -> Text:
    year, month = key.split("-")
    return Text(zh=f"{year}年{int(month)}月", en=date(int(year), int(month), 1).strftime("%B %Y"))


def row_label(by: str, key: str, catalog: Catalog, names: dict[str, str]) -> Text:
    try:
        if by == "month":
            return month_label(key)
        if by == "department":
            return catalog.department(key).name
        if by == "service":
            return catalog.service(key).name
        if by == "stage":
            return catalog.stage(key).name
        if by == "district":
            return catalog.district_authority(key).district_name or Text(zh=key, en=key)
    except KeyError:  # a value the catalog no longer has: its id stands for it
        pass
    name = names.get(key, key)
    return Text(zh=name, en=name)


def figure_set_out(row: Row) -> FigureSetOut:
    return FigureSetOut.model_validate(figure_set(row.counts, row.overdue))


def figures(f: Figures, catalog: Catalog, names: dict[str, str] | None = None, sample: bool = False) -> dict[str, Any]:
    return figures_out(f, catalog, names, sample).model_dump()


def figures_out(f: Figures, catalog: Catalog, names: dict[str, str] | None = None, sample: bool = False) -> FiguresOut:
    q = f.query
    filt = None
    if q.filter:
        filt = FilterOut(kind=q.filter[0], value=q.filter[1], label=row_label(q.filter[0], q.filter[1], catalog, {}))
    return FiguresOut(
        start=q.start.isoformat(), end=q.end.isoformat(), today=f.today.isoformat(), by=q.by, filter=filt,
        departments=[_named(catalog.department(d)) for d in f.departments], total=figure_set_out(f.total),
        rows=[FigureRowOut(key=r.key, label=row_label(q.by, r.key, catalog, names or {}), figures=figure_set_out(r))
              for r in f.rows],
        acceptance_reference=references(f.departments, catalog), notes=list(NOTES), sample=sample)


def references(departments: tuple[str, ...], catalog: Catalog) -> list[ReferenceOut]:
    """The departments' own pass rates for all projects (acceptance-reference.yml)."""
    if catalog.acceptance is None:
        return []
    return [ReferenceOut(department=_named(catalog.department(r.department)), period=r.period,
                         first_time_pass_rate=r.first_time_pass_rate, sample=r.sample,
                         note=catalog.acceptance.sample_note if r.sample else Text(zh="部门填报", en="entered by the department"))
            for r in catalog.acceptance.references if r.department in departments]


PUBLIC_NOTES = (
    Text(zh="全局汇总数据，按月统计，工作日按国务院节假日安排计算；不含任何个人信息。",
         en="Bureau-wide figures by month, working days on the State Council's holiday calendar; no personal data."),
    Text(zh="按时率为在服务时限内办结的申请占比；满意率为“基本满意”及以上评价的占比；一次验收通过率为验收类服务项目首次验收即通过的占比。",
         en="On-time rate: completed within the service's time limit; satisfaction rate: ratings of 'basically "
            "satisfied' or better; first-time pass rate: acceptance-related services passed at the first attempt."),
)


def public(generated_at: str, months: list[dict[str, Any]], sample: bool = False) -> dict[str, Any]:
    return PublicFiguresOut(generated_at=generated_at, months=months, notes=list(PUBLIC_NOTES),
                            sample=sample).model_dump()

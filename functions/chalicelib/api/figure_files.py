"""The figures' exports as files: XLSX (what the bureau's offices open in Excel or WPS: Chinese
headers, dates as dates, rates as percentages) and CSV (UTF-8 with a byte-order mark, so Excel
reads the Chinese). openpyxl is imported on the first XLSX export. Text cells are never
formulas: a value beginning with "=" stays text (formula injection)."""
from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any, Callable

from ..catalog import Catalog
from ..domain.calendar import BEIJING
from ..domain.figure_sets import figure_set
from ..service_layer.figure_exports import RequestLine
from ..service_layer.figures import Figures, Row
from .figures_presenters import NOTES, references, row_label

PERCENT = "percent"
Column = tuple[str, Callable[[dict[str, Any]], Any], str | None]  # header, value of a figure set, format
LEVELS = ("非常不满意", "不满意", "基本满意", "满意", "非常满意")
FIGURE_COLUMNS: tuple[Column, ...] = (
    ("收到", lambda s: s["received"], None), ("受理", lambda s: s["accepted"], None),
    ("不予受理", lambda s: s["rejected"], None), ("转派", lambda s: s["transferred"], None),
    ("撤回", lambda s: s["withdrawn"], None), ("办结", lambda s: s["completed"], None),
    ("首次联系件数", lambda s: s["first_contact"]["count"], None),
    ("首次联系按时率", lambda s: s["first_contact"]["on_time_rate"], PERCENT),
    ("首次联系平均工作日", lambda s: s["first_contact"]["average_working_days"], None),
    ("首次联系90%分位工作日", lambda s: s["first_contact"]["p90_working_days"], None),
    ("办结按时率", lambda s: s["completion"]["on_time_rate"], PERCENT),
    ("办结平均工作日", lambda s: s["completion"]["average_working_days"], None),
    ("办结90%分位工作日", lambda s: s["completion"]["p90_working_days"], None),
    ("当前超期", lambda s: s["overdue_now"], None),
    ("补正次数", lambda s: s["information"]["rounds"], None),
    ("每件补正次数", lambda s: s["information"]["rounds_per_request"], None),
    ("二次告知件数", lambda s: s["information"]["second_notice_requests"], None),
    ("评价件数", lambda s: s["ratings"]["rated"], None), ("评价率", lambda s: s["ratings"]["rated_share"], PERCENT),
    *((f"评价：{name}", (lambda i: lambda s: s["ratings"]["levels"][i])(i), None) for i, name in enumerate(LEVELS)),
    ("满意率", lambda s: s["ratings"]["satisfaction_rate"], PERCENT), ("差评", lambda s: s["ratings"]["poor"], None),
    ("差评按时回访核实", lambda s: s["ratings"]["poor_verified_on_time"], None),
    ("差评按时整改反馈", lambda s: s["ratings"]["poor_rectified_on_time"], None),
    ("申诉", lambda s: s["ratings"]["appeals"], None), ("申诉成立", lambda s: s["ratings"]["appeals_upheld"], None),
    ("已排除评价", lambda s: s["ratings"]["excluded"], None),
    ("验收结果登记", lambda s: s["acceptance"]["recorded"], None),
    ("一次验收通过", lambda s: s["acceptance"]["first_attempt"], None),
    ("一次验收通过率", lambda s: s["acceptance"]["first_time_pass_rate"], PERCENT),
)
ROW_HEADER = {"month": "月份", "department": "部门", "service": "服务事项", "district": "区县", "officer": "服务人员"}
REQUEST_HEADERS = ("受理编号", "服务事项", "区县", "牵头部门", "状态", "企业名称", "项目名称", "联系人", "手机号码",
                   "提交时间", "受理时间", "首次联系时间", "办结时间", "评价时间", "评价等级")
STAMP_ORDER = ("submitted", "accepted", "first_contact", "completed", "rated")


def figure_rows(f: Figures, catalog: Catalog, names: dict[str, str]) -> tuple[list[str], list[list[Any]]]:
    """The table: a header, a line per row, and the total."""
    header = [ROW_HEADER[f.query.by], *(c[0] for c in FIGURE_COLUMNS)]
    lines = [[row_label(f.query.by, r.key, catalog, names).zh, *_values(r)] for r in f.rows]
    return header, lines + [["合计", *_values(f.total)]]


def _values(row: Row) -> list[Any]:
    s = figure_set(row.counts, row.overdue)
    return [c[1](s) for c in FIGURE_COLUMNS]


def request_rows(lines: list[RequestLine], catalog: Catalog) -> tuple[list[str], list[list[Any]]]:
    out = []
    for line in lines:
        r, form = line.request, line.request.form
        district = catalog.district_authority(r.district).district_name.zh if r.district else ""
        out.append([r.tracking_no, catalog.service(r.service).name.zh, district,
                    "、".join(catalog.department(d).name.zh for d in r.lead_departments), r.status.label.zh,
                    form.get("organisation") or "", form.get("project_name") or "",
                    form.get("contact_name") or "" if line.personal else "",
                    form.get("mobile") or "" if line.personal else "",
                    *(_local(line.stamps[k]) for k in STAMP_ORDER), r.rating or ""])
    return list(REQUEST_HEADERS), out


def _local(at: datetime | None) -> datetime | None:
    """Beijing wall time without a zone: what a spreadsheet's date cell holds."""
    return at.astimezone(BEIJING).replace(tzinfo=None, microsecond=0) if at else None


def notes(f: Figures, catalog: Catalog) -> list[str]:
    out = [f"统计期间：{f.query.start.isoformat()} 至 {f.query.end.isoformat()}（北京时间）", *(n.zh for n in NOTES)]
    for ref in references(f.departments, catalog):
        out.append(f"{ref.department.name.zh}全部项目一次验收通过率（{ref.period}）：{ref.first_time_pass_rate:.0%}"
                   + (f"（{ref.note.zh}）" if ref.sample else ""))
    return out


def csv_text(header: list[str], rows: list[list[Any]]) -> str:
    """UTF-8 with BOM on the wire (the route's charset): Excel then reads the Chinese."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv(v) for v in row])
    return "\ufeff" + out.getvalue()


def _csv(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if value is None:
        return ""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value  # never a formula in the spreadsheet (CSV injection)
    return value


def xlsx_bytes(title: str, header: list[str], rows: list[list[Any]], formats: list[str | None],
               sheet_notes: list[str] = ()) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = title
    sheet.append(header)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for line in sheet.iter_rows(min_row=2):
        for cell, fmt in zip(line, formats):
            if isinstance(cell.value, datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif fmt == PERCENT and cell.value is not None:
                cell.number_format = "0.0%"
            elif isinstance(cell.value, str):
                cell.data_type = "s"  # text, even when it starts with "="
    sheet.freeze_panes = "B2"
    if sheet_notes:
        about = book.create_sheet("说明")
        for line in sheet_notes:
            about.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def figure_formats() -> list[str | None]:
    return [None, *(c[2] for c in FIGURE_COLUMNS)]

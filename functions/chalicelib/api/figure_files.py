"""The figures' exports as files: XLSX (what the bureau's offices open in Excel or WPS: Chinese
headers, dates as dates, rates as percentages) and CSV (UTF-8 with a byte-order mark, so Excel
reads the Chinese); the figures' table in English for an officer who reads English (`lang=en`,
the words of domain/figure_labels.py). openpyxl is imported on the first XLSX export. Text cells are never
formulas: a value beginning with "=" stays text (formula injection)."""
from __future__ import annotations

import csv
import io
from datetime import datetime
from typing import Any, Callable

from ..catalog import Catalog
from ..domain.actions import RATING_LABELS
from ..domain.calendar import BEIJING
from ..domain.figure_labels import FIGURES, value
from ..domain.figure_sets import figure_set
from ..i18n import Text
from ..service_layer.figure_exports import RequestLine
from ..service_layer.figures import Figures, Row
from .figures_presenters import NOTES, references, row_label

PERCENT = "percent"
Column = tuple[Text, Callable[[dict[str, Any]], Any], str | None]  # header, value of a figure set, format
ROW_HEADER = {"month": Text(zh="月份", en="Month"), "department": Text(zh="部门", en="Department"),
              "service": Text(zh="服务事项", en="Service"), "district": Text(zh="区县", en="District"),
              "officer": Text(zh="服务人员", en="Officer")}
TOTAL = Text(zh="合计", en="Total")
SHEETS = {"figures": Text(zh="绩效指标", en="Figures"), "requests": Text(zh="申请清单", en="Requests"),
          "notes": Text(zh="说明", en="Notes")}


def _columns() -> tuple[Column, ...]:
    """A column per figure of the table (domain/figure_labels.py), in its order; the rating
    levels one column each, lowest first (as figure sets count them)."""
    out: list[Column] = []
    for fig in FIGURES:
        if fig.kind == "levels":
            for i, level in enumerate(sorted(RATING_LABELS)):
                zh, en = RATING_LABELS[level]
                out.append((Text(zh=f"{fig.label.zh}：{zh}", en=f"{fig.label.en}: {en}"),
                            (lambda p, i: lambda s: value(s, p)[i])(fig.path, i), None))
        else:
            out.append((fig.label, (lambda p: lambda s: value(s, p))(fig.path), PERCENT if fig.kind == "rate" else None))
    return tuple(out)


FIGURE_COLUMNS = _columns()
REQUEST_HEADERS = ("受理编号", "服务事项", "区县", "牵头部门", "状态", "企业名称", "项目名称", "联系人", "手机号码",
                   "提交时间", "受理时间", "首次联系时间", "办结时间", "评价时间", "评价等级")
STAMP_ORDER = ("submitted", "accepted", "first_contact", "completed", "rated")


def figure_rows(f: Figures, catalog: Catalog, names: dict[str, str],
                lang: str = "zh") -> tuple[list[str], list[list[Any]]]:
    """The table in `lang` (Chinese unless the officer reads English): a header, a line per
    row, and the total."""
    header = [ROW_HEADER[f.query.by][lang], *(c[0][lang] for c in FIGURE_COLUMNS)]
    lines = [[row_label(f.query.by, r.key, catalog, names)[lang], *_values(r)] for r in f.rows]
    return header, lines + [[TOTAL[lang], *_values(f.total)]]


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


def notes(f: Figures, catalog: Catalog, lang: str = "zh") -> list[str]:
    start, end = f.query.start.isoformat(), f.query.end.isoformat()
    out = [f"统计期间：{start} 至 {end}（北京时间）" if lang == "zh" else f"Period: {start} to {end} (Beijing time)",
           *(n[lang] for n in NOTES)]
    for ref in references(f.departments, catalog):
        name, rate = ref.department.name[lang], f"{ref.first_time_pass_rate:.0%}"
        line = (f"{name}全部项目一次验收通过率（{ref.period}）：{rate}" if lang == "zh"
                else f"{name}, first-time acceptance pass rate of all projects ({ref.period}): {rate}")
        out.append(line + ((f"（{ref.note.zh}）" if lang == "zh" else f" ({ref.note.en})") if ref.sample else ""))
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
               sheet_notes: list[str] = (), notes_title: str = SHEETS["notes"].zh) -> bytes:
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
        about = book.create_sheet(notes_title)
        for line in sheet_notes:
            about.append([line])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def figure_formats() -> list[str | None]:
    return [None, *(c[2] for c in FIGURE_COLUMNS)]

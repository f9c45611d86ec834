"""The figures' routes in the OpenAPI document (openapi_staff.py joins them to the staff paths)."""
from __future__ import annotations

from typing import Any, Callable

from ..domain.figure_query import BY, FILTERS, MAX_MONTHS
from .figures_schemas import FiguresOut, PublicFiguresOut

MODELS = (FiguresOut, PublicFiguresOut)
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _params(query: Callable[..., dict]) -> list[dict[str, Any]]:
    return [query("from", "First day, YYYY-MM-DD (Beijing); default 1 January of this year"),
            query("to", f"Last day, YYYY-MM-DD (Beijing), inclusive; default today; at most {MAX_MONTHS} months"),
            query("department", "One department the officer reads (default: every one: supervisors all, "
                                "heads and officers their own)"),
            query("by", "The rows: by month, department, service, district or officer (heads and supervisors)",
                  enum=list(BY)),
            *[query(f, f"Only requests of this {f} (one filter at a time; not with by=service, district or officer)")
              for f in FILTERS]]


def _file(kind: str) -> dict[str, Any]:
    return {"description": kind, "content": {
        _XLSX: {"schema": {"type": "string", "format": "binary"}},
        "text/csv": {"schema": {"type": "string", "description": "UTF-8 with a byte-order mark"}}}}


def figures_paths(ref: dict[str, Any], op: Callable[..., dict], query: Callable[..., dict],
                  json: Callable[[str, dict], dict], staff: tuple[str, ...], secured: dict[str, Any]) -> dict:
    params = _params(query)
    figures = [ref, "invalid", "not_found_staff", *staff]
    exports = {f"/api/staff/figures.{fmt}": {"get": op(
        f"exportFigures{fmt.title()}", f"The same figures as {fmt.upper()} (Chinese headers, English with lang=en; "
                                       "the export is audited)",
        [*params, query("lang", "Language of the headers, row names and notes", enum=["zh", "en"])], None, {"200": _file("The figures' table")}, *figures) | secured} for fmt in ("xlsx", "csv")}
    lists = {f"/api/staff/figures/requests.{fmt}": {"get": op(
        f"exportRequestList{fmt.title()}",
        f"The requests of the period as {fmt.upper()} with their timestamps (submitted, accepted, first contact, "
        "completed, rated); names and mobiles only for the officer's own department's requests (the export "
        "is audited)", params, None, {"200": _file("The list of requests")}, *figures) | secured}
        for fmt in ("xlsx", "csv")}
    return {
        "/api/staff/figures": {"get": op(
            "getFigures", "Performance figures (绩效考核) from the per-department monthly aggregates: "
                          "departments × months items read, never one per request", params, None,
            {"200": json("The figures, in total and by row", ref["FiguresOut"])}, *figures) | secured},
        **exports, **lists,
        "/api/figures/public": {"get": op(
            "getPublicFigures", "The bureau-wide monthly figures of the last twelve months, no personal data "
                                "(cached for 15 minutes)", [], None,
            {"200": json("The months, oldest first", ref["PublicFiguresOut"])}, ref, "unavailable_now")},
    }

"""Routes of the performance figures (绩效考核): the dashboard's figures and their exports on the
staff blueprint (the same sign-in and scoping), the bureau-wide monthly figures on the public
one. Use cases: service_layer/figures.py and figure_exports.py; imports on a route's first call."""
from __future__ import annotations

from chalice import Response

from ..bootstrap import deps
from . import public
from .errors import json_response
from .staff import _officer, blueprint

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PUBLIC_MAX_AGE = 900  # seconds: the public page's figures change with the aggregates, not by the second
_public: dict[tuple[object, bool, int], dict] = {}  # (aggregates, sample, 15-minute window) → body: one read per window a Lambda


def _params() -> dict[str, str]:
    return dict(blueprint.current_request.query_params or {})


@blueprint.route("/api/staff/figures", methods=["GET"])
def staff_figures() -> Response:
    from ..service_layer import figures
    from . import figures_presenters as present

    officer, d = _officer(), deps()
    found = figures.figures(officer, _params(), d)
    return json_response(200, present.figures(found, d.catalog, figures.officer_names(found, d), d.sample_figures))


def _export(kind: str, fmt: str) -> Response:
    from ..service_layer import figure_exports, figures
    from . import figure_files as files

    officer, d, params = _officer(), deps(), _params()
    lang = "en" if params.get("lang") == "en" else "zh"  # the figures' table; the request list is Chinese
    if kind == "figures":
        found = figure_exports.figures_export(officer, params, fmt, d)
        header, rows = files.figure_rows(found, d.catalog, figures.officer_names(found, d), lang)
        formats, notes, start, end = files.figure_formats(), files.notes(found, d.catalog, lang), found.query.start, found.query.end
    else:
        query, lines = figure_exports.request_list(officer, params, fmt, d)
        header, rows = files.request_rows(lines, d.catalog)
        formats, notes, start, end = [None] * len(header), [], query.start, query.end
    name = f"{kind}-{start.isoformat()}-{end.isoformat()}.{fmt}"
    body = files.xlsx_bytes(files.SHEETS[kind][lang if kind == "figures" else "zh"], header, rows, formats, notes,
                            files.SHEETS["notes"][lang]) if fmt == "xlsx" else files.csv_text(header, rows)
    return Response(body=body, status_code=200, headers={
        "Content-Type": XLSX if fmt == "xlsx" else "text/csv; charset=utf-8", "Cache-Control": "no-store",
        "Content-Disposition": f'attachment; filename="{name}"'})


@blueprint.route("/api/staff/figures.xlsx", methods=["GET"])
def figures_xlsx() -> Response:
    return _export("figures", "xlsx")


@blueprint.route("/api/staff/figures.csv", methods=["GET"])
def figures_csv() -> Response:
    return _export("figures", "csv")


@blueprint.route("/api/staff/figures/requests.xlsx", methods=["GET"])
def requests_xlsx() -> Response:
    return _export("requests", "xlsx")


@blueprint.route("/api/staff/figures/requests.csv", methods=["GET"])
def requests_csv() -> Response:
    return _export("requests", "csv")


@public.blueprint.route("/api/figures/public", methods=["GET"])
def public_figures() -> Response:
    from ..service_layer.public_figures import public_months
    from . import figures_presenters as present

    d = deps()
    now = d.clock.now()
    key = (d.figures, d.sample_figures, int(now.timestamp()) // PUBLIC_MAX_AGE)
    if key not in _public:
        _public.clear()
        _public[key] = present.public(now.isoformat(), public_months(d), d.sample_figures)
    return json_response(200, _public[key],
                         {"Cache-Control": f"public, max-age={PUBLIC_MAX_AGE}"})

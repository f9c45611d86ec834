"""The figures' exports: the same figures as the dashboard, and a list of the period's requests
with their timestamps. Names and mobiles go only into the request list, and only for requests
the exporting officer's own department leads (a supervisor's list, or a copied department's
line, carries none). Every export goes on the exports' audit trail; a request whose personal
data left in one also gets an entry on its own trail."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping

from ..domain.calendar import beijing_date
from ..domain.errors import NotFound
from ..domain.officers import Officer
from ..domain.request import ServiceRequest
from . import figures as f
from .deps import Deps
from .staff_ports import AuditEntry

STAMPS = {"accepted": "accept", "first_contact": "assign", "completed": "complete", "rated": "rate"}


@dataclass(frozen=True)
class RequestLine:
    """One line of the request list: the request, when each step happened, and whether the
    exporting officer may see its applicant's name and mobile."""

    request: ServiceRequest
    stamps: dict[str, datetime | None]
    personal: bool


def stamps(request: ServiceRequest) -> dict[str, datetime | None]:
    """Submitted, accepted, first contact (the assignment), completed, rated: the first of each."""
    out: dict[str, datetime | None] = {"submitted": request.created_at}
    for name, action in STAMPS.items():
        out[name] = next((e.at for e in request.timeline if e.action == action), None)
    return out


def figures_export(officer: Officer, params: Mapping[str, str], fmt: str, deps: Deps) -> f.Figures:
    found = f.figures(officer, params, deps)
    _audit(officer, "figures", fmt, params, found.departments, len(found.rows), False, deps)
    return found


def request_list(officer: Officer, params: Mapping[str, str], fmt: str,
                 deps: Deps) -> tuple[f.FigureQuery, list[RequestLine]]:
    """The requests of one department (the query's, or the officer's only one) submitted in the
    period and matching its filter, oldest first."""
    query, departments, _ = f.scoped_query(officer, params, deps)
    if len(departments) != 1:
        raise NotFound()  # a list is of one department: name it
    department = departments[0]
    lines = []
    for entry in deps.staff_store.department_entries(department):
        if not query.start <= beijing_date(entry.created_at) <= query.end:
            continue
        request = deps.store.get(entry.tracking_no)
        if request is None or not _matches(request, query.filter):
            continue
        own = officer.serves(department) and department in request.lead_departments
        lines.append(RequestLine(request, stamps(request), own))
    lines.sort(key=lambda line: (line.request.created_at, line.request.tracking_no))
    personal = [line.request.tracking_no for line in lines if line.personal]
    _audit(officer, "requests", fmt, params, departments, len(lines), bool(personal), deps)
    for no in personal:
        deps.staff_store.add_audit(AuditEntry(no, deps.clock.now(), officer.username, officer.name, "export",
                                              f"request list ({fmt})"))
    return query, lines


def _matches(request: ServiceRequest, filt: tuple[str, str] | None) -> bool:
    if filt is None:
        return True
    kind, value = filt
    return {"service": request.service == value, "district": request.district == value,
            "stage": value in request.stages}[kind]


def _audit(officer: Officer, kind: str, fmt: str, params: Mapping[str, str], departments: tuple[str, ...],
           rows: int, personal: bool, deps: Deps) -> None:
    deps.staff_store.add_export(AuditEntry(
        kind, deps.clock.now(), officer.username, officer.name, f"export_{kind}", fmt,
        {"query": dict(params), "departments": list(departments), "rows": rows, "personal_data": personal}))

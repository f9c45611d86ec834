"""The one-time notices' use cases: an officer of a lead department issues one (a step of the
lifecycle, so one atomic write with its event and the applicant's messages); staff who see the
request, and the applicant with their secret, read and download it. An issued notice is final."""
from __future__ import annotations

from typing import Any

from ..domain.errors import NotFound
from ..domain.notices import Notice, NoticeFinal, notice_of
from ..domain.officers import Officer
from ..domain.request import ServiceRequest
from .deps import Deps
from .public import open_as_applicant
from .staff import _get, act
from .staff_ports import AuditEntry


def issue(officer: Officer, tracking_no: str, body: Any, deps: Deps) -> tuple[ServiceRequest, Notice]:
    """Issue the notice the body composes (its items and, while one is in force, the number it
    replaces); the request after it and the notice. The body's own `action`, if any, is ignored:
    this route issues notices and nothing else."""
    if isinstance(body, dict):
        body = {**body, "action": "issue_notice"}
    request = act(officer, tracking_no, body, deps)
    return request, request.notices[-1]


def for_staff(officer: Officer, tracking_no: str, seq: str, deps: Deps) -> tuple[ServiceRequest, Notice]:
    """A notice of a request the officer's departments see (supervisors: any); its download
    goes on the request's audit trail, as an opening does."""
    request = _get(tracking_no, deps)
    if request is None or request.party(officer.viewer()) is None:
        raise NotFound()
    notice = notice_of(request, seq)
    deps.staff_store.add_audit(AuditEntry(request.tracking_no, deps.clock.now(), officer.username, officer.name,
                                          "download_notice", details={"notice": notice.seq}))
    return request, notice


def for_applicant(tracking_no: str, token: str | None, seq: str, deps: Deps,
                  client: str | None = None) -> tuple[ServiceRequest, Notice]:
    """A notice of the request the applicant's secret opens (the lookups' limits apply)."""
    request, _ = open_as_applicant(tracking_no, token, deps, client)
    return request, notice_of(request, seq)


def refuse_change(officer: Officer, tracking_no: str, seq: str, deps: Deps) -> None:
    """Any change to an issued notice: NoticeFinal for one the officer may see, else NotFound."""
    request = _get(tracking_no, deps)
    if request is None or request.party(officer.viewer()) is None:
        raise NotFound()
    notice_of(request, seq)
    raise NoticeFinal()

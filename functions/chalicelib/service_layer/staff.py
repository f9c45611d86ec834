"""The signed-in staff's use cases. Every one takes the officer whom the token names and is
scoped by them: an officer reads and acts for their own departments only, a department head
also reassigns, a supervisor reads every department and decides rating appeals only. Whatever
lies outside an officer's departments is NotFound, exactly like what does not exist."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ..domain.calendar import beijing_date
from ..domain.errors import FieldError, InvalidRequest, NotFound
from ..domain.officers import Officer, Role, from_groups
from ..domain.queue import APPEALS, BUREAU, FACETS, Lane
from ..domain.request import ServiceRequest
from ..domain.staff_actions import AssignIn, TransferIn
from ..domain.tokens import normalise_tracking_no, plausible_tracking_no
from ..i18n import Text
from .deps import Deps
from .staff_ports import AuditEntry, QueuePage, SignInFailed, Unauthorized
from .secret_gate import guessing
from .steps import parse_action, take_step

PAGE = 20


def signed_in(token: str | None, deps: Deps) -> Officer:
    """The officer a valid, signed-in token names; Unauthorized for anything else."""
    if not token or deps.verifier is None:
        raise Unauthorized("no token")
    claims = deps.verifier.verify(token)
    session = claims.get("jti") or claims.get("origin_jti")
    if not session or deps.staff_store.revoked(session):
        raise Unauthorized("signed out")
    officer = from_groups(str(claims.get(deps.username_claim) or claims["sub"]), str(claims.get("name") or ""),
                          claims.get(deps.groups_claim) or [], (d.id for d in deps.catalog.departments),
                          email=claims.get("email"), session=session)
    if officer is None:
        raise Unauthorized("not staff")
    return officer


def sign_in(username: str, password: str, deps: Deps, client: str | None) -> tuple[str, Officer]:
    """An ID token and the officer it names. One `client` may get only so many passwords wrong
    in ten minutes (the lookups' limit), then every try is Limited."""
    try:
        with guessing(deps, "sign-in", client, wrong=(SignInFailed, Unauthorized)):
            if deps.directory is None:
                raise SignInFailed()
            token = deps.directory.sign_in(username, password)
            return token, signed_in(token, deps)
    except Unauthorized:
        raise SignInFailed() from None


def sign_out(token: str | None, deps: Deps) -> None:
    officer = signed_in(token, deps)
    claims = deps.verifier.verify(token or "")
    deps.staff_store.revoke(officer.session or "", datetime.fromtimestamp(int(claims["exp"]), timezone.utc))


def _readable(officer: Officer, department: str, deps: Deps) -> None:
    if department not in {d.id for d in deps.catalog.departments} or not officer.may_read(department):
        raise NotFound()


def queue(officer: Officer, department: str, lane: str, filters: dict[str, str], cursor: str | None,
          deps: Deps, limit: int = PAGE) -> QueuePage:
    """One page of a lane of `department`'s queue, filtered by at most one facet."""
    _readable(officer, department, deps)
    errors = []
    if lane not in {x.value for x in Lane}:
        errors.append(FieldError("lane", Text(zh="没有这个分类。", en="No such lane.")))
    given = {k: v for k, v in filters.items() if k in FACETS and v}
    if len(given) > 1:
        errors.append(FieldError("filter", Text(zh="一次只能按一项筛选。", en="Filter by one thing at a time.")))
    if errors:
        raise InvalidRequest(errors)
    facet = next((f"{k}={v}" for k, v in given.items()), "all")
    return _page(department, facet, lane, cursor, deps, limit)


def appeals(officer: Officer, cursor: str | None, deps: Deps, limit: int = PAGE) -> QueuePage:
    """One page of the appeals awaiting a supervisor's decision, every department's, oldest
    appeal first (one index query). Supervisors only: anyone else gets NotFound, as for the
    audit trail."""
    if officer.role is not Role.SUPERVISOR:
        raise NotFound()
    return _page(BUREAU, APPEALS.key, Lane.POOR_RATING.value, cursor, deps, limit)


def _page(department: str, facet: str, lane: str, cursor: str | None, deps: Deps, limit: int) -> QueuePage:
    try:
        return deps.staff_store.queue(department, facet, lane, beijing_date(deps.clock.now()).isoformat(),
                                      max(1, min(limit, 50)), cursor)
    except ValueError:
        raise InvalidRequest([FieldError("cursor", Text(zh="翻页参数无效，请从第一页开始。",
                                                        en="The page cursor is not valid; start from the first page."))])


def _get(tracking_no: str, deps: Deps) -> ServiceRequest | None:
    """The request of a number however it was typed (case, spaces, full width), if plausible."""
    tracking_no = normalise_tracking_no(tracking_no)
    return deps.store.get(tracking_no) if plausible_tracking_no(tracking_no) else None


def open_request(officer: Officer, tracking_no: str, deps: Deps) -> ServiceRequest:
    """The request, if the officer's departments see it; the opening goes on its audit trail."""
    request = _get(tracking_no, deps)
    if request is None or request.party(officer.viewer()) is None:
        raise NotFound()
    deps.staff_store.add_audit(AuditEntry(request.tracking_no, deps.clock.now(), officer.username, officer.name, "open"))
    return request


def act(officer: Officer, tracking_no: str, body: Any, deps: Deps) -> ServiceRequest:
    """Take a step on the request as `officer`; the step's event names them (the audit trail)."""
    request = _get(tracking_no, deps)
    if request is None or request.party(officer.viewer()) is None:
        raise NotFound()
    params = parse_action(body, beijing_date(deps.clock.now()))
    assignee = None
    if isinstance(params, AssignIn):
        assignee = _colleague(params.assignee, request, deps)
    if isinstance(params, TransferIn):
        _check_transfer(params.department, request, deps)
    return take_step(request, params, officer.viewer(), deps, deps.store.get, assignee)


def _colleague(username: str, request: ServiceRequest, deps: Deps) -> Officer:
    found = deps.directory.officer(username) if deps.directory else None
    if found is None or found.role is Role.SUPERVISOR or not set(found.departments) & set(request.lead_departments):
        raise InvalidRequest([FieldError("assignee", Text(zh="请从本部门的人员中选择。",
                                                          en="Choose an officer of the department."))])
    if username == request.assignee:
        raise InvalidRequest([FieldError("assignee", Text(zh="该人员已是本申请的服务人员。",
                                                          en="This officer is already assigned."))])
    return found


def _check_transfer(department: str, request: ServiceRequest, deps: Deps) -> None:
    known = {d.id for d in deps.catalog.departments}
    if department not in known or department in request.lead_departments:
        raise InvalidRequest([FieldError("department", Text(zh="请选择另一个部门。",
                                                            en="Choose another department."))])


def officers_of(officer: Officer, department: str, deps: Deps) -> list[Officer]:
    _readable(officer, department, deps)
    return deps.directory.officers(department) if deps.directory else []


def audit_trail(officer: Officer, tracking_no: str, deps: Deps) -> tuple[ServiceRequest, list[AuditEntry]]:
    """Every staff step (from the timeline) and every opening, oldest first: supervisors only."""
    if officer.role is not Role.SUPERVISOR:
        raise NotFound()
    request = open_request(officer, tracking_no, deps)
    steps = [AuditEntry(request.tracking_no, e.at, e.by, e.by_name or "", e.action, e.note_zh, e.details)
             for e in request.timeline if e.by]
    return request, sorted(steps + deps.staff_store.audit(request.tracking_no), key=lambda a: a.at)


"""HTTP bodies of the staff routes, through their response models (staff_schemas.py)."""
from __future__ import annotations

import csv
import io
from typing import Any

from ..catalog import Catalog
from ..domain.calendar import beijing_date
from ..domain.forms import fields_of
from ..domain.lifecycle import Status
from ..domain.notifications import deadline_note
from ..domain.outbox import OutboundMessage
from ..domain.officers import Officer, Role
from ..domain.actions import RATING_LABELS
from ..domain.queue import APPEALS_LABEL, Lane
from ..domain.request import ServiceRequest
from ..i18n import Text
from ..service_layer.staff_ports import AuditEntry, QueuePage
from .findings import parties
from .presenters import _named, status_fields
from .schemas import Named, StatusLabel
from .staff_schemas import (AppealItemOut, AppealsOut, ApplicantOut, AuditOut, ColleagueOut, FieldOut, LaneOut, OfficerOut, OfficerRef,
                            OfficersOut, QueueItemOut, QueueOut, SessionOut, StaffRequestOut, TransferredOut)


def officer(o: Officer, catalog: Catalog) -> dict[str, Any]:
    return _officer(o, catalog).model_dump()


def _officer(o: Officer, catalog: Catalog) -> OfficerOut:
    departments = catalog.departments if o.role is Role.SUPERVISOR else [catalog.department(d) for d in o.departments]
    return OfficerOut(username=o.username, name=o.name, role=o.role.value, role_label=o.role.label,
                      departments=[_named(d) for d in departments])


def session(token: str, expires_at: str, idle_minutes: int, o: Officer, catalog: Catalog) -> dict[str, Any]:
    return SessionOut(token=token, expires_at=expires_at, idle_minutes=idle_minutes,
                      officer=_officer(o, catalog)).model_dump()


def colleagues(officers: list[Officer]) -> dict[str, Any]:
    return OfficersOut(officers=[ColleagueOut(username=o.username, name=o.name, role=o.role.value)
                                 for o in officers if o.role is not Role.SUPERVISOR]).model_dump()


def queue(department: str, lane: str, page: QueuePage, today: str, catalog: Catalog) -> dict[str, Any]:
    items = [QueueItemOut(
        tracking_no=e.tracking_no, service=_named(catalog.service(e.service)),
        stages=[_named(catalog.stage(s)) for s in e.stages],
        district=Named(id=e.district, name=catalog.district_authority(e.district).district_name) if e.district else None,
        status=StatusLabel(id=e.status, label=Status(e.status).label), submitted_at=e.created_at.isoformat(),
        due=e.due, overdue=bool(e.due and e.due < today),
        assignee=OfficerRef(username=e.assignee, name=e.assignee_name or e.assignee) if e.assignee else None,
        organisation=e.organisation, project=e.project) for e in page.entries]
    return QueueOut(department=_named(catalog.department(department)), lane=lane,
                    lanes=[LaneOut(id=x.value, label=x.label) for x in Lane], items=items,
                    next_cursor=page.cursor).model_dump()


def appeals(page: QueuePage, catalog: Catalog) -> dict[str, Any]:
    items = [AppealItemOut(
        tracking_no=e.tracking_no, service=_named(catalog.service(e.service)),
        department=_named(catalog.department(e.department or "")), rating=e.rating or 0,
        rating_label=_rating_label(e.rating), appealed_at=e.appealed_at or "",
        submitted_at=e.created_at.isoformat(), organisation=e.organisation, project=e.project) for e in page.entries]
    return AppealsOut(label=APPEALS_LABEL, lanes=[LaneOut(id=x.value, label=x.label) for x in Lane], items=items,
                      next_cursor=page.cursor).model_dump()


def _rating_label(level: int | None) -> Text:
    zh, en = RATING_LABELS.get(level or 0, ("—", "—"))
    return Text(zh=zh, en=en)


def request(r: ServiceRequest, o: Officer, catalog: Catalog, audit: list[AuditEntry] | None = None,
            deliveries: list[OutboundMessage] | None = None, replies: Any = None) -> dict[str, Any]:
    """The request as the officer sees it: everything the applicant gave, and who did what;
    with `deliveries` (a service with findings), its parties and how the findings reached each;
    with `replies` (api/findings.RepliesOut), the filled reply templates of the steps allowed now."""
    form = r.form
    fields = status_fields(r, o.viewer(), catalog) | {
        "assignee": OfficerRef(username=r.assignee, name=r.assignee_name or r.assignee) if r.assignee else None,
        "applicant": ApplicantOut(organisation=form.get("organisation"), credit_code=form.get("uscc"),
                                  contact=form.get("contact_name"), mobile=form.get("mobile"), email=form.get("email")),
        "fields": [FieldOut(name=n, label=Text(**label), value=Text(**value)) for n, label, value in fields_of(r.service, form)],
        "cc_departments": [_named(catalog.department(d)) for d in r.cc_departments],
        "due": r.due, "due_note": deadline_note(catalog, beijing_date(r.created_at), r.due),
        "paused": r.status is Status.AWAITING_APPLICANT,
        "audit": [AuditOut(at=a.at.isoformat(), officer=a.officer_name or a.officer, action=a.action, reason=a.reason)
                  for a in audit] if audit is not None else None,
        "parties": parties(r, deliveries) if deliveries is not None else None, "findings": r.findings,
        "replies": replies}
    return StaffRequestOut(**fields).model_dump()


def transferred(r: ServiceRequest, catalog: Catalog) -> dict[str, Any]:
    leads = [catalog.department(d) for d in r.lead_departments]
    return TransferredOut(tracking_no=r.tracking_no, transferred_to=[_named(d) for d in leads], message=Text(
        zh="已转派至" + "、".join(d.name.zh for d in leads) + "，本部门不再办理此申请。",
        en="Transferred to " + ", ".join(d.name.en for d in leads) + "; your department no longer handles it.")
    ).model_dump()


def audit_csv(r: ServiceRequest, audit: list[AuditEntry]) -> str:
    """The audit trail as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["tracking_no", "at", "officer", "username", "action", "reason"])
    for a in audit:
        writer.writerow([r.tracking_no, a.at.isoformat(), a.officer_name, a.officer, a.action, _safe(a.reason)])
    return "\ufeff" + out.getvalue()


def _safe(text: str) -> str:
    """No cell a spreadsheet would run as a formula (CSV injection)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text

"""HTTP bodies made from the use cases' domain results, through the response models (schemas.py)."""
from __future__ import annotations

from typing import Any

from ..catalog import Catalog
from ..domain.actions import RATING_LABELS
from ..domain.calendar import beijing_date
from ..domain.notifications import context, deadline_note, render
from ..domain.request import ServiceRequest, TimelineEvent, Viewer
from ..domain.staff_actions import RECORD_KINDS
from ..domain.tokens import Links
from ..i18n import Text
from ..service_layer.public import Submission
from .review_presenters import INTERNAL, rating_review, step_label
from .schemas import (ActionOut, ByOut, InfoRequestOut, Named, NoticeItemOut, NoticeOut, Note, RatingOut, RecordOut,
                      StatusLabel, StatusOut, SubmittedOut, TimelineEntry)


def _named(catalog_entry) -> Named:
    return Named(id=catalog_entry.id, name=catalog_entry.name)


def _status(request: ServiceRequest) -> StatusLabel:
    return StatusLabel(id=request.status.value, label=request.status.label)


def submitted(submission: Submission, catalog: Catalog, links: Links) -> dict[str, Any]:
    """The 201 body: the tracking number, the secret and its link, and what happens next."""
    r = submission.request
    leads = [catalog.department(d) for d in r.lead_departments]
    return SubmittedOut(
        tracking_no=r.tracking_no, access_token=links.access_token(r.tracking_no), status=_status(r),
        status_url=links.status_url(r.tracking_no, r.lang), respond_by=r.respond_by,
        respond_by_sample=catalog.standards.sample, lead_departments=[_named(d) for d in leads],
        next_steps=next_steps(r, catalog, links)).model_dump()


def next_steps(r: ServiceRequest, catalog: Catalog, links: Links) -> Text:
    """What happens next, in the words of the acknowledgement email (templates/steps.*.txt.j2)."""
    ctx = context(r, catalog, links)
    return Text(zh=render("confirmation.zh.txt.j2", **ctx)[1], en=render("confirmation.en.txt.j2", **ctx)[1])


def status(request: ServiceRequest, viewer: Viewer, catalog: Catalog) -> dict[str, Any]:
    """The request as `viewer` may see it, with the actions the lifecycle lets them take now."""
    return StatusOut(**status_fields(request, viewer, catalog)).model_dump()


def rating_out(level: int) -> RatingOut:
    """One of the five levels with its words (a request's rating, a training session's)."""
    return RatingOut(level=level, label=Text(zh=RATING_LABELS[level][0], en=RATING_LABELS[level][1]))


def status_fields(request: ServiceRequest, viewer: Viewer, catalog: Catalog) -> dict[str, Any]:
    """The fields every view of a request shares; staff views add theirs (staff_presenters)."""
    party = request.party(viewer)
    assert party is not None, "the use case lets only a viewer who may see it through"
    staff = viewer.kind != "applicant"
    rating = None if request.rating is None else rating_out(request.rating)
    return dict(
        tracking_no=request.tracking_no, service=_named(catalog.service(request.service)),
        stages=[_named(catalog.stage(s)) for s in request.stages], status=_status(request),
        submitted_at=request.created_at.isoformat(), respond_by=request.first_contact_due,
        respond_by_note=deadline_note(catalog, beijing_date(request.created_at), request.first_contact_due),
        lead_departments=[_named(catalog.department(d)) for d in request.lead_departments],
        assignee=request.assignee_name,  # the steward's or liaison's name only, nobody else's data
        rating=rating,
        actions=[ActionOut(id=s.action, label=s.label, confirm=s.confirm and s.confirm.question)
                 for s in request.allowed_steps(viewer)],
        viewer=party.value,
        window=request.window if staff else None,  # which window's QR code brought it: staff only
        timeline=[_entry(e, catalog, staff) for e in request.timeline if staff or _public(e)],
        summary=request.summary, records=records(request, staff), info_requests=info_requests(request),
        notices=[notice(request, n, catalog, staff) for n in request.notices],
        rating_review=rating_review(request, catalog, staff))


def notice(request: ServiceRequest, n, catalog: Catalog, staff: bool) -> NoticeOut:
    """A notice as its reader sees it; `pdf` is the path the reader's own credentials fetch."""
    from ..domain.calendar import BEIJING
    from ..domain.notices import FORMS, notice_number, superseded_by

    later = superseded_by(request, n)
    base = "/api/staff/requests/" if staff else "/api/requests/"
    return NoticeOut(
        seq=n.seq, number=n.number, issued_at=n.issued_at.isoformat(),
        issued_on=n.issued_at.astimezone(BEIJING).date().isoformat(),
        department=_named(catalog.department(n.department)), officer=n.officer_name,
        replaces=notice_number(request.tracking_no, n.replaces) or None, superseded_by=later.number if later else None,
        in_force=later is None, pdf=f"{base}{request.tracking_no}/notices/{n.seq}/pdf",
        sample_note=catalog.documents.note,
        items=[NoticeItemOut(problem=Text(**i.problem.model_dump()), basis=Text(**i.basis.model_dump()),
                             provide=Text(**i.provide.model_dump()),
                             form=StatusLabel(id=i.form, label=Text(**FORMS[i.form])), copies=i.copies)
               for i in n.items])


def _public(e: TimelineEvent) -> bool:
    """Whether the applicant sees the event: all but the service records kept internal and the
    internal records of a poor rating's follow-up (review_presenters.INTERNAL)."""
    if e.action in INTERNAL:
        return False
    return e.action != "record" or bool(e.details.get("visible"))


def _entry(e: TimelineEvent, catalog: Catalog, staff: bool) -> TimelineEntry:
    by = None
    if staff and e.by:
        by = ByOut(name=e.by_name or e.by, department=_named(catalog.department(e.department)) if e.department else None)
    return TimelineEntry(at=e.at.isoformat(), status=e.status.value, action=e.action,
                         label=step_label(e) or e.status.label,
                         note=Note(zh=e.note_zh, en=e.note_en), by=by)


def records(request: ServiceRequest, staff: bool) -> list[RecordOut]:
    """The service records; the applicant sees only those marked visible."""
    out = []
    for e in request.timeline:
        d = e.details
        if e.action != "record" or not (staff or d.get("visible")):
            continue
        out.append(RecordOut(kind=StatusLabel(id=d["kind"], label=Text(**RECORD_KINDS[d["kind"]])), date=d["date"],
                             minutes=d["minutes"], notes=d["notes"], visible=d["visible"],
                             by=e.by_name if staff else None, at=e.at.isoformat()))
    return out


def info_requests(request: ServiceRequest) -> list[InfoRequestOut]:
    out: list[InfoRequestOut] = []
    for e in request.timeline:
        if e.action == "ask_for_info":
            out.append(InfoRequestOut(items=e.details.get("items", []), asked_at=e.at.isoformat(), answer=None,
                                      answered_at=None))
        elif e.action == "answer" and out:
            out[-1] = out[-1].model_copy(update={"answer": e.details.get("answer"), "answered_at": e.at.isoformat()})
    return out

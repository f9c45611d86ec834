"""The view of a request for its applicant (with the access token) or its lead departments (with
their key). Unknown number and wrong secret are indistinguishable on purpose."""
from __future__ import annotations

from typing import Any

from ..catalog import Catalog
from ..domain.lifecycle import Status
from ..domain.model import RATING_LABELS, token_matches
from .ports import RequestStore


class NotFound(Exception):
    """Unknown number or wrong token: the two are indistinguishable on purpose."""


def plausible(tracking_no: str) -> bool:
    return 8 <= len(tracking_no) <= 40 and tracking_no.replace("-", "").isalnum()


def status_view(tracking_no: str, token: str | None, store: RequestStore, catalog: Catalog,
                staff_key: str | None = None) -> dict[str, Any]:
    request = store.get(tracking_no) if plausible(tracking_no) else None
    staff = request is not None and token_matches(staff_key, request.staff_key_hash)
    if request is None or not (staff or token_matches(token, request.token_hash)):
        raise NotFound(tracking_no)
    service = catalog.service(request.service)
    rating = None if request.rating is None else {
        "level": request.rating, "label": dict(zip(("zh", "en"), RATING_LABELS[request.rating]))}
    return {
        "tracking_no": request.tracking_no,
        "service": {"id": service.id, "name": service.name.model_dump()},
        "stages": [{"id": s, "name": catalog.stage(s).name.model_dump()} for s in request.stages],
        "status": {"id": request.status.value, "label": request.status.label.model_dump()},
        "submitted_at": request.created_at.isoformat(),
        "respond_by": request.respond_by,
        "lead_departments": [{"id": d, "name": catalog.department(d).name.model_dump()}
                             for d in request.lead_departments],
        "assignee": request.assignee,  # the steward's or liaison's name only, nobody else's data
        "rating": rating,
        "can_withdraw": request.status in (Status.SUBMITTED, Status.ACCEPTED),
        "can_rate": request.status is Status.COMPLETED,
        "viewer": "department" if staff else "applicant",
        "window": request.window if staff else None,  # which window's QR code brought it
        "timeline": [{"at": e.at.isoformat(), "status": e.status.value,
                      "label": e.status.label.model_dump(),
                      "note": {"zh": e.note_zh, "en": e.note_en}} for e in request.timeline],
    }

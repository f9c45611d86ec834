"""The applicant's view of a request: only with its secret token, and only what is theirs."""
from __future__ import annotations

from typing import Any

from ..catalog import Catalog
from ..domain.model import token_matches
from .ports import RequestStore


class NotFound(Exception):
    """Unknown number or wrong token: the two are indistinguishable on purpose."""


def status_view(tracking_no: str, token: str | None, store: RequestStore,
                catalog: Catalog) -> dict[str, Any]:
    request = store.get(tracking_no) if _plausible(tracking_no) else None
    if request is None or not token_matches(token, request.token_hash):
        raise NotFound(tracking_no)
    service = catalog.service(request.service)
    return {
        "tracking_no": request.tracking_no,
        "service": {"id": service.id, "name": service.name.model_dump()},
        "stages": [{"id": s, "name": catalog.stage(s).name.model_dump()} for s in request.stages],
        "status": {"id": request.status.value, "label": request.status.label.model_dump()},
        "submitted_at": request.created_at.isoformat(),
        "lead_departments": [{"id": d, "name": catalog.department(d).name.model_dump()}
                             for d in request.lead_departments],
        "timeline": [{"at": e.at.isoformat(), "status": e.status.value,
                      "label": e.status.label.model_dump(),
                      "note": {"zh": e.note_zh, "en": e.note_en}} for e in request.timeline],
    }


def _plausible(tracking_no: str) -> bool:
    return 8 <= len(tracking_no) <= 40 and tracking_no.replace("-", "").isalnum()

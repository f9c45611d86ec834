"""The lead departments' use cases, opened with the key of the link in their email: the request
as they see it, and the steps the table lets them take. (Signed-in officers replace the key.)"""
from __future__ import annotations

from typing import Any

from ..domain.errors import NotFound
from ..domain.request import ServiceRequest, Viewer
from ..domain.tokens import opens, plausible_tracking_no
from .deps import Deps
from .steps import parse_action, take_step


def open_as_department(tracking_no: str, key: str | None, deps: Deps) -> tuple[ServiceRequest, Viewer]:
    """The request its department key opens; whoever holds the key acts for the lead departments."""
    request = deps.store.get(tracking_no) if plausible_tracking_no(tracking_no) else None
    if not opens(key, request.staff_key_hash if request else None) or request is None:
        raise NotFound()
    return request, Viewer.officer(request.lead_departments)


def act_as_department(tracking_no: str, key: str | None, body: Any, deps: Deps) -> tuple[ServiceRequest, Viewer]:
    request, viewer = open_as_department(tracking_no, key, deps)
    after = take_step(request, parse_action(body), viewer, deps, deps.store.get)
    return after, viewer

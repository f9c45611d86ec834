"""The lead departments' use cases, opened with the key of the link in their email: the request
as they see it, and the steps the table lets them take. (Signed-in officers replace the key.)"""
from __future__ import annotations

from typing import Any

from ..domain.request import ServiceRequest, Viewer
from .deps import Deps
from .public import open_with_secret
from .steps import parse_action, take_step


def open_as_department(tracking_no: str, key: str | None, deps: Deps,
                       client: str | None = None) -> tuple[ServiceRequest, Viewer]:
    """The request its department key opens; whoever holds the key acts for the lead departments."""
    request = open_with_secret(tracking_no, key, deps, client, "staff_key")
    return request, Viewer.officer(request.lead_departments)


def act_as_department(tracking_no: str, key: str | None, body: Any, deps: Deps,
                      client: str | None = None) -> tuple[ServiceRequest, Viewer]:
    request, viewer = open_as_department(tracking_no, key, deps, client)
    after = take_step(request, parse_action(body), viewer, deps, deps.store.get)
    return after, viewer

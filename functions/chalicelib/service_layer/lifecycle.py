"""What happens to a request after submission: the applicant withdraws or rates it; the lead
department accepts, rejects, assigns, starts and completes it. Each step is one atomic write."""
from __future__ import annotations

import dataclasses
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..domain.errors import FieldError, InvalidRequest, from_validation_error
from ..domain.lifecycle import Status
from ..domain.model import POOR_RATING, RATING_LABELS, ServiceRequest, TimelineEvent, token_matches
from ..domain.notifications import Links, compose_event
from ..domain.transitions import Transition
from ..i18n import Text
from .errors import NotAllowedNow
from .lookup import NotFound, plausible
from .ports import Conflict
from .submit import SubmitDeps


class RatingIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    level: int = Field(ge=1, le=5, json_schema_extra={"x-choices": {str(k): {"zh": v[0], "en": v[1]} for k, v in RATING_LABELS.items()}})
    comment: str | None = Field(default=None, max_length=500)


class DepartmentActionIn(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)
    action: Literal["accept", "reject", "assign", "start", "complete"]
    assignee: str | None = Field(default=None, min_length=1, max_length=40)
    reason: str | None = Field(default=None, min_length=2, max_length=300)


# action → (the statuses it may start from, the status it leads to)
_ACTIONS: dict[str, tuple[frozenset[Status], Status]] = {
    "accept": (frozenset({Status.SUBMITTED}), Status.ACCEPTED),
    "reject": (frozenset({Status.SUBMITTED}), Status.REJECTED),
    "assign": (frozenset({Status.ACCEPTED}), Status.ASSIGNED),  # first-contact: assigned once
    "start": (frozenset({Status.ASSIGNED}), Status.IN_SERVICE),
    "complete": (frozenset({Status.IN_SERVICE}), Status.COMPLETED),
}


def _load(tracking_no: str, secret: str | None, deps: SubmitDeps, staff: bool) -> ServiceRequest:
    request = deps.store.get(tracking_no) if plausible(tracking_no) else None
    if request is None or not token_matches(secret, request.staff_key_hash if staff else request.token_hash):
        raise NotFound(tracking_no)
    return request


def _parse(model: type[BaseModel], body: Any) -> Any:
    try:
        return model.model_validate(body if isinstance(body, dict) else {})
    except ValidationError as exc:
        raise InvalidRequest(from_validation_error(exc)) from None


def _apply(request: ServiceRequest, deps: SubmitDeps, expected: frozenset[Status], status: Status,
           event: str, note: tuple[str, str] = ("", ""), fields: dict[str, Any] | None = None,
           to_departments: bool = False, to_applicant: bool = False, **extra: Any) -> None:
    if request.status not in expected:
        raise NotAllowedNow(request.status)
    now = deps.clock.now()
    after = dataclasses.replace(request, status=status, **(fields or {}))
    messages = compose_event(event, after, deps.catalog, deps.addresses, Links(status=""), now,
                             to_departments=to_departments, to_applicant=to_applicant, **extra)
    try:
        deps.store.transition(Transition(
            tracking_no=request.tracking_no, expected=expected, status=status,
            event=TimelineEvent(at=now, status=status, note_zh=note[0], note_en=note[1]),
            created_at=request.created_at, departments=request.lead_departments + request.cc_departments,
            fields=fields or {}, messages=tuple(messages)))
    except Conflict:  # someone moved it first: report the state it is in now
        raise NotAllowedNow(deps.store.get(request.tracking_no).status) from None


def withdraw(tracking_no: str, token: str | None, deps: SubmitDeps) -> None:
    request = _load(tracking_no, token, deps, staff=False)
    _apply(request, deps, frozenset({Status.SUBMITTED, Status.ACCEPTED}), Status.WITHDRAWN, "withdrawn",
           to_departments=True, to_applicant=False)


def rate(tracking_no: str, token: str | None, body: Any, deps: SubmitDeps) -> None:
    request = _load(tracking_no, token, deps, staff=False)
    rating = _parse(RatingIn, body)
    label = RATING_LABELS[rating.level]
    poor = rating.level <= POOR_RATING
    _apply(request, deps, frozenset({Status.COMPLETED}), Status.RATED, "follow-up" if poor else "rated",
           note=label, fields={"rating": rating.level, "rating_comment": rating.comment}, to_departments=poor)


def department_action(tracking_no: str, key: str | None, body: Any, deps: SubmitDeps) -> None:
    request = _load(tracking_no, key, deps, staff=True)
    action = _parse(DepartmentActionIn, body)
    if action.action == "assign" and not action.assignee:
        raise InvalidRequest([FieldError("assignee", Text(zh="请填写服务人员姓名。", en="Enter the officer's name."))])
    if action.action == "reject" and not action.reason:
        raise InvalidRequest([FieldError("reason", Text(zh="请填写不予受理的理由。", en="Give the reason for rejecting."))])
    expected, status = _ACTIONS[action.action]
    fields = {"assignee": action.assignee} if action.action == "assign" else {}
    note = (action.reason, action.reason) if action.reason and action.action == "reject" else ("", "")
    _apply(request, deps, expected, status, status.value, note=note, fields=fields,
           to_applicant=action.action in {"reject", "assign", "complete"}, reason=action.reason or "")

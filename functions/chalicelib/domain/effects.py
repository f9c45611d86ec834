"""What a step does besides moving the status: the deadlines it sets, stops and restarts, the
department a transfer hands the request to, the officer an assignment names. The aggregate
(request.py) applies these; everything they need from outside comes in a `StepContext`."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from .calendar import add_working_days, working_days_between
from .errors import NotAllowedNow
from .lifecycle import AWAITING_FIRST_CONTACT, Status
from .rating_review import review_of

if TYPE_CHECKING:
    from .request import ServiceRequest

TRANSFER_WITHIN = 2  # working days after arrival in which a department may pass a request on
SERVING = frozenset({Status.ASSIGNED, Status.IN_SERVICE})  # first contact made: the completion clock runs


@dataclass(frozen=True)
class StepContext:
    """What a step needs to know that the request does not hold: today's date (Beijing), the
    service's time limits (catalog), and the named officer of an assignment (the directory)."""

    today: date
    first_contact_days: int = 2
    completion_days: int = 10
    assignee_name: str | None = None
    verify_days: int = 5  # a poor rating's follow-up: call back and verify within (rating_review.py)
    rectify_days: int = 15  # … and rectify and report back within


class TooLateToTransfer(NotAllowedNow):
    """More than TRANSFER_WITHIN working days have passed since the request arrived (the API's
    words for it: api/errors.py, too_late_to_transfer)."""


def _later(deadline: str | None, days: int) -> str | None:
    return None if deadline is None else add_working_days(date.fromisoformat(deadline), days)[0].isoformat()


def effects(request: "ServiceRequest", action: str, params: Any, ctx: StepContext) -> dict[str, Any]:
    """The request's fields that `action` sets, besides its status and the params' own."""
    today = ctx.today.isoformat()
    if action == "ask_for_info":
        return {"paused_from": request.status, "paused_on": today}
    if action == "answer":
        paused = working_days_between(date.fromisoformat(request.paused_on or today), ctx.today)
        return {"status": request.paused_from or Status.NOTIFIED, "paused_from": None, "paused_on": None,
                "respond_by": _later(request.respond_by, paused), "complete_by": _later(request.complete_by, paused)}
    if action == "transfer":
        arrived = date.fromisoformat(request.arrived_on or request.created_on)
        if working_days_between(arrived, ctx.today) > TRANSFER_WITHIN:
            raise TooLateToTransfer()
        return {"lead_departments": (params.department,),
                "cc_departments": tuple(d for d in request.cc_departments if d != params.department),
                "arrived_on": today, "respond_by": add_working_days(ctx.today, ctx.first_contact_days)[0].isoformat()}
    if action in ("assign", "reassign"):
        fields: dict[str, Any] = {"assignee": params.assignee, "assignee_name": ctx.assignee_name or params.assignee}
        if action == "assign":
            fields["complete_by"] = add_working_days(ctx.today, ctx.completion_days)[0].isoformat()
        return fields
    if action == "complete":
        return {"completed_on": today}
    if action == "rate" and params.poor:  # both timers run from the rating (rating_review.py)
        return {"verify_by": add_working_days(ctx.today, ctx.verify_days)[0].isoformat(),
                "rectify_by": add_working_days(ctx.today, ctx.rectify_days)[0].isoformat()}
    return {}


def due(request: "ServiceRequest") -> str | None:
    """The working-day deadline that runs now: first contact, then completion, then a poor
    rating's follow-up (verify, then rectify); none while the request waits for the applicant
    or once it is closed."""
    if request.status in AWAITING_FIRST_CONTACT:
        return request.respond_by
    if request.status in SERVING:
        return request.complete_by
    if request.status is Status.RATED:  # a poor rating's follow-up timer, while one runs
        review = review_of(request)
        return review.running if review else None
    return None

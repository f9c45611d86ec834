"""The poor-rating loop (差评整改, 好差评): a rating of 不满意 or 非常不满意 opens a follow-up task for
the lead department with two working-day timers, to call back and verify (回访核实) and to
rectify and report back (整改反馈); the applicant rates the rectification; the department may
appeal the rating once, and a supervisor decides. An upheld appeal sets `rating_excluded`:
the rating stays on the request, out of the statistics.

The task's state is read from the request's timeline (`review_of`): each step writes one event,
so the figures and this module read the same record. No I/O; imports nothing of lifecycle.py
(which imports the steps' bodies, rating_review_steps.py)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .actions import POOR_RATING

if TYPE_CHECKING:
    from .request import ServiceRequest, TimelineEvent

TIMERS = ("verify_by", "rectify_by")  # the rate step's deadlines, also kept on its event


def timers(fields: dict[str, Any]) -> dict[str, Any]:
    """The follow-up deadlines a step set (a poor rating's), for its timeline event's details."""
    return {k: fields[k] for k in TIMERS if fields.get(k)}


@dataclass(frozen=True)
class Review:
    """Where the follow-up of one poor rating stands: the events of its steps, if taken."""

    verify_by: str | None
    rectify_by: str | None
    verification: "TimelineEvent | None" = None
    rectification: "TimelineEvent | None" = None
    rectification_rating: "TimelineEvent | None" = None
    appeal: "TimelineEvent | None" = None
    decision: "TimelineEvent | None" = None

    @property
    def upheld(self) -> bool:
        return bool(self.decision and self.decision.details.get("upheld"))

    @property
    def appeal_pending(self) -> bool:
        return self.appeal is not None and self.decision is None

    @property
    def owed(self) -> bool:
        """The department still owes its verification or its rectification (an upheld appeal
        ends the task: there is nothing to put right in a rating found malicious or mistaken)."""
        return not self.upheld and self.rectification is None

    @property
    def running(self) -> str | None:
        """The timer that runs now: verify first, then rectify; none once reported or upheld."""
        if not self.owed:
            return None
        return self.verify_by if self.verification is None else self.rectify_by


def review_of(r: "ServiceRequest") -> Review | None:
    """The follow-up of the request's rating, if it was a poor one."""
    if r.rating is None or r.rating > POOR_RATING:
        return None
    rated = next((e.seq for e in reversed(r.timeline) if e.action == "rate"), 0)
    found: dict[str, Any] = {}
    for e in r.timeline:
        if e.seq > rated and e.action in _FIELDS:
            found.setdefault(_FIELDS[e.action], e)
    return Review(verify_by=r.verify_by, rectify_by=r.rectify_by, **found)


_FIELDS = {"verify_rating": "verification", "report_rectification": "rectification",
           "rate_rectification": "rectification_rating", "appeal_rating": "appeal", "decide_appeal": "decision"}
STEPS_OF_LOOP = frozenset(_FIELDS)  # the loop's steps, after the rating itself

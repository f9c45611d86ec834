"""A department's queue: the lanes the bureau works in, and where a request stands in them.

A request sits in one lane of each department that sees it (`lane_of`), ordered by the date
that matters there (`position`); "due today" and "overdue" are the open lanes read by their
running deadline (effects.due). Filters by service, stage, district or assignee are facets: the
store keeps one queue entry per facet value, so that every page of every lane, filtered or not,
is read by one index query that returns only what it shows. No I/O."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from ..i18n import Text
from .calendar import add_working_days
from .rating_review import review_of
from .lifecycle import Status
from .request import ServiceRequest, TimelineEvent


class Lane(str, Enum):
    NEW = "new"
    DUE_TODAY = "due_today"
    OVERDUE = "overdue"
    IN_SERVICE = "in_service"
    AWAITING_APPLICANT = "awaiting_applicant"
    FOLLOW_UP = "follow_up"
    POOR_RATING = "poor_rating"
    CLOSED = "closed"

    @property
    def label(self) -> Text:
        return LANE_LABELS[self]

    @property
    def by_deadline(self) -> bool:
        """Read through the deadline index instead of the lane index."""
        return self in (Lane.DUE_TODAY, Lane.OVERDUE)

    @property
    def until_today(self) -> bool:
        """Lists only the entries whose date has come: a completed request enters the follow-up
        lane once its follow-up (回访) is due, `follow_up_after` working days after completion."""
        return self is Lane.FOLLOW_UP


LANE_LABELS = {
    Lane.NEW: Text(zh="待受理", en="New"),
    Lane.DUE_TODAY: Text(zh="今日到期", en="Due today"),
    Lane.OVERDUE: Text(zh="已超期", en="Overdue"),
    Lane.IN_SERVICE: Text(zh="办理中", en="In service"),
    Lane.AWAITING_APPLICANT: Text(zh="待补正", en="Awaiting the applicant"),
    Lane.FOLLOW_UP: Text(zh="待回访", en="Follow-up due"),
    Lane.POOR_RATING: Text(zh="差评整改", en="Poor rating open"),
    Lane.CLOSED: Text(zh="已结束", en="Closed"),
}
_BY_STATUS = {
    Status.SUBMITTED: Lane.NEW, Status.NOTIFIED: Lane.NEW,
    Status.ACCEPTED: Lane.IN_SERVICE, Status.ASSIGNED: Lane.IN_SERVICE, Status.IN_SERVICE: Lane.IN_SERVICE,
    Status.AWAITING_APPLICANT: Lane.AWAITING_APPLICANT, Status.COMPLETED: Lane.FOLLOW_UP,
    Status.REJECTED: Lane.CLOSED, Status.WITHDRAWN: Lane.CLOSED,
}
FACETS = ("service", "stage", "district", "assignee")  # the filters a queue page takes, one at a time
NEWEST_FIRST = frozenset({Lane.CLOSED})  # the other lanes list what is due first


def lane_of(r: ServiceRequest) -> Lane:
    """A rated request stays in the poor-rating lane while its follow-up is owed or its appeal
    waits for the supervisor (rating_review.py), then closes."""
    if r.status is Status.RATED:
        review = review_of(r)
        return Lane.POOR_RATING if review and (review.owed or review.appeal_pending) else Lane.CLOSED
    return _BY_STATUS[r.status]


# The supervisors' bureau-wide list of appeals awaiting their decision: one more queue partition,
# written by the same transaction as the step, so no read ever scans the requests. "bureau" is no
# department's id (the figures' bureau-wide partition uses the same word).
BUREAU = "bureau"
APPEALS_LABEL = Text(zh="待决定的申诉", en="Appeals to decide")


def appeal_awaiting(r: ServiceRequest) -> TimelineEvent | None:
    """The department's appeal of the request's rating, while the supervisor has not decided:
    the request is in the bureau's appeals list exactly then, ordered by the appeal's time."""
    review = review_of(r) if r.status is Status.RATED else None
    return review.appeal if review and review.appeal_pending else None


def follow_up_on(r: ServiceRequest, after_days: int) -> str | None:
    """When a completed request not yet rated is due its follow-up visit (回访)."""
    if r.status is not Status.COMPLETED or not r.completed_on:
        return None
    return add_working_days(date.fromisoformat(r.completed_on), after_days)[0].isoformat()


def position(r: ServiceRequest, follow_up_after: int) -> str:
    """The date a request is ordered by in its lane: its running deadline, its follow-up date,
    or (closed, rated) the day it was submitted."""
    return r.due or follow_up_on(r, follow_up_after) or r.created_on


@dataclass(frozen=True)
class Facet:
    """One filter value a request can be found by in a department's queue ("" = unfiltered)."""

    name: str = ""
    value: str = ""

    @property
    def key(self) -> str:
        return f"{self.name}={self.value}" if self.name else "all"


def facets(r: ServiceRequest) -> list[Facet]:
    """Every facet of a request: unfiltered, its service, each stage, its district, its officer."""
    out = [Facet(), Facet("service", r.service)] + [Facet("stage", s) for s in r.stages]
    if r.district:
        out.append(Facet("district", r.district))
    if r.assignee:
        out.append(Facet("assignee", r.assignee))
    return out


APPEALS = Facet("appeal", "pending")  # the facet of the bureau's appeals list (BUREAU)

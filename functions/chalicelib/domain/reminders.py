"""Reminders (催办), escalation (督办) and the follow-up of an unrated request (回访): which of
them a request is due on a given day, counted in working days (calendar.py) from its running
deadline or its completion, with the thresholds of the catalog's service standards.

Each is sent at most once per deadline: its `key` (kind and deadline) names the one record a
request may hold of it, written in the same transaction as its messages. The follow-up's key
has no date, so an applicant gets its SMS once whatever happens later. No I/O."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import Enum

from ..catalog.models import ServiceStandards
from ..i18n import Text
from .calendar import add_working_days, beijing_date, working_days_before, working_days_between
from .lifecycle import Status
from .queue import follow_up_on
from .request import ServiceRequest

# Working days after a reminder fell due in which a late scheduler run still sends it; bounds
# the date range the sweep reads (service_layer/reminders.py).
CATCH_UP = 10


class Kind(str, Enum):
    REMINDER = "reminder"                  # 催办: the deadline is next (working) day
    TO_HEAD = "escalation_head"            # 督办: overdue, the department head is told
    TO_SUPERVISOR = "escalation_supervisor"  # … overdue longer, the supervisor is told
    FOLLOW_UP = "follow_up"                # 回访: completed, not rated: the applicant is asked once

    @property
    def label(self) -> Text:
        return KIND_LABELS[self]


KIND_LABELS = {
    Kind.REMINDER: Text(zh="催办", en="Reminder"),
    Kind.TO_HEAD: Text(zh="督办（部门负责人）", en="Escalation to the department head"),
    Kind.TO_SUPERVISOR: Text(zh="督办（考核督查）", en="Escalation to the supervisor"),
    Kind.FOLLOW_UP: Text(zh="回访", en="Follow-up"),
}


@dataclass(frozen=True)
class Thresholds:
    """Working days: before a deadline for the reminder, after it for each escalation, after
    completion for the follow-up (the catalog's service standards: `of`)."""

    before: int
    to_head: int
    to_supervisor: int
    follow_up: int

    @classmethod
    def of(cls, s: ServiceStandards) -> "Thresholds":
        return cls(before=s.reminder_before_working_days, to_head=s.escalate_to_head_after_working_days,
                   to_supervisor=s.escalate_to_supervisor_after_working_days, follow_up=s.follow_up_after_working_days)

    def deadlines_read(self, today: date) -> tuple[date, date]:
        """The range of running deadlines that can owe something today: from those overdue long
        enough to be past the supervisor's threshold and the catch-up, to those due within the
        reminder's lead time."""
        return working_days_before(today, self.to_supervisor + CATCH_UP), add_working_days(today, self.before)[0]

    def follow_ups_read(self, today: date) -> tuple[date, date]:
        """The range of follow-up dates (queue.follow_up_on) that can owe an SMS today."""
        return working_days_before(today, CATCH_UP), today


@dataclass(frozen=True)
class Reminder:
    """One reminder of one request: its kind and the deadline it is about ("" for a follow-up)."""

    tracking_no: str
    kind: Kind
    deadline: str = ""

    @property
    def key(self) -> str:
        """What makes it once: per kind and deadline; the follow-up once per request."""
        return self.kind.value if self.kind is Kind.FOLLOW_UP else f"{self.kind.value}.{self.deadline}"


def due_kinds(deadline: str, today: date, t: Thresholds) -> list[Kind]:
    """What a running deadline owes today: the reminder on the last `before` working days up to
    it, and each escalation once it is overdue by that many working days (both, if a late run
    finds it past the two)."""
    day = date.fromisoformat(deadline)
    if today <= day:
        return [Kind.REMINDER] if working_days_between(today, day) <= t.before else []
    late = working_days_between(day, today)
    return [k for k, after in ((Kind.TO_HEAD, t.to_head), (Kind.TO_SUPERVISOR, t.to_supervisor)) if late >= after]


def still_due(r: ServiceRequest, reminder: Reminder, today: date, t: Thresholds) -> bool:
    """Whether the request, read afresh, still owes `reminder`: the deadline still runs (no step
    moved or stopped it since the index was read) and the kind is due, or it is still completed
    and unrated past its follow-up date. A reminder waits while the request had a step today:
    its officers have just had it in hand (a new request was just notified), and the deadline
    day itself still brings the reminder."""
    if reminder.kind is Kind.REMINDER and r.timeline and beijing_date(r.timeline[-1].at) == today:
        return False
    if reminder.kind is Kind.FOLLOW_UP:
        on = follow_up_on(r, t.follow_up)
        return r.status is Status.COMPLETED and r.rating is None and on is not None and on <= today.isoformat()
    return r.due == reminder.deadline and reminder.kind in due_kinds(reminder.deadline, today, t)


def overdue_by(deadline: str, today: date) -> int:
    """Working days a deadline has passed by today (0 if not yet)."""
    return working_days_between(date.fromisoformat(deadline), today)

"""Registrations for a training session (no I/O): what a registration is, a session's seat
count, the decisions the rules (domain/seats.py) make, the participant's action, the refusals.

Every registration gets an arrival number from the session's seat count, in the order the table
accepts the writes. It is confirmed while seats are left and nobody waits (nobody jumps the
queue); otherwise it joins the waiting list. A cancellation frees its seats and promotes from
the head of the waiting list, in arrival order, as long as the next one fits. Each decision is
returned as the state before and after, which the store writes in ONE transaction conditioned
on the state it was judged on, so DynamoDB itself refuses an over-booking or a lost race."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum

from ..i18n import Text
from .errors import FieldError, InvalidRequest


class RegistrationStatus(str, Enum):
    CONFIRMED = "confirmed"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"

    @property
    def label(self) -> Text:
        return {"confirmed": Text(zh="已确认", en="Confirmed"), "waitlisted": Text(zh="候补", en="On the waiting list"),
                "cancelled": Text(zh="已取消", en="Cancelled")}[self.value]


# The one action a participant takes for now, with its words (the manage page renders its
# button from these, and shows it only when the API lists it as allowed now).
CANCEL = "cancel"
CANCEL_LABEL = Text(zh="取消报名", en="Cancel the registration")
CANCEL_CONFIRM = Text(zh="确定取消这次报名吗？您的名额将让给候补名单上的下一位。",
                      en="Cancel this registration? Your seats go to the next on the waiting list.")


class RegistrationClosed(Exception):
    """The session takes no registrations (none on this site, not open, or past its deadline)."""


class AlreadyRegistered(Exception):
    """This mobile number holds a registration for the session already."""


class OrganisationFull(Exception):
    """The organisation would hold more seats than the session allows one organisation."""

    def __init__(self, most: int):
        super().__init__(most)
        self.most = most

    def as_invalid(self) -> InvalidRequest:
        """The refusal on the form's `seats` field, in both languages."""
        return InvalidRequest([FieldError("seats", Text(
            zh=f"每个单位本场最多报名 {self.most} 人，贵单位已有的报名加上这次会超过这一限额。",
            en=f"An organisation may hold at most {self.most} seats for this session; with its earlier "
               "registrations yours would hold more."))])


@dataclass(frozen=True)
class SeatCount:
    """A session's counter: every registration and cancellation is checked against its version."""

    version: int = 0
    arrivals: int = 0  # registrations made so far; the next one arrives as number arrivals + 1
    taken: int = 0     # confirmed seats
    waiting: int = 0   # registrations on the waiting list

    def left(self, capacity: int) -> int:
        return max(0, capacity - self.taken)


@dataclass(frozen=True)
class Registration:
    registration_no: str
    training_id: str
    arrival: int
    seats: int
    status: RegistrationStatus
    organisation: str
    uscc: str
    participant_name: str
    mobile: str  # E.164
    email: str | None
    lang: str
    token_hash: str
    created_at: datetime
    version: int = 1  # counts the writes that changed it; each write expects the last
    promoted_at: datetime | None = None
    cancelled_at: datetime | None = None
    checked_in_at: datetime | None = None
    rating: int | None = None  # the participant's rating of the session (domain/training_rating.py)
    rating_comment: str | None = None
    rated_at: datetime | None = None


@dataclass(frozen=True)
class Placement:
    """A new registration and the seat count after it: what one transaction writes."""

    registration: Registration
    before: SeatCount
    after: SeatCount
    most_per_organisation: int
    capacity: int


@dataclass(frozen=True)
class Cancellation:
    """A cancelled registration, who it promotes, and the seat count before and after."""

    before: Registration
    after: Registration
    count_before: SeatCount
    count_after: SeatCount
    promoted: tuple[tuple[Registration, Registration], ...]  # (before, after) in arrival order

"""Registrations for a training session and the rules of its seats (no I/O).

Every registration gets an arrival number from the session's seat count, in the order the table
accepts the writes. It is confirmed while seats are left and nobody waits (nobody jumps the
queue); otherwise it joins the waiting list. A cancellation frees its seats and promotes from
the head of the waiting list, in arrival order, as long as the next one fits. Each decision is
returned as the state before and after, which the store writes in ONE transaction conditioned
on the state it was judged on, so DynamoDB itself refuses an over-booking or a lost race."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import TYPE_CHECKING

from ..catalog.trainings import RegistrationTerms, Training
from ..i18n import Text
from .calendar import BEIJING
from .errors import FieldError, InvalidRequest, NotAllowedNow

if TYPE_CHECKING:  # the form's module reads the catalog at import: the ports need none of it
    from .registration_form import RegistrationForm

PROMOTIONS_PER_WRITE = 10  # a transaction holds at most 100 items; a promotion writes about six


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


def local(moment: datetime) -> datetime:
    """A calendar time (naive, Shenyang's) as an aware datetime."""
    return moment.replace(tzinfo=BEIJING)


def open_terms(training: Training, now: datetime) -> RegistrationTerms:
    """The session's terms, if it takes registrations now; else RegistrationClosed."""
    terms = training.registration
    if terms is None or not terms.open or now >= local(terms.deadline):
        raise RegistrationClosed(training.id)
    return terms


def too_many_seats(most: int) -> InvalidRequest:
    """More seats than one organisation may hold for the session (the session's own limit)."""
    return InvalidRequest([FieldError("seats", Text(zh=f"每个单位本场最多报名 {most} 人。",
                                                    en=f"An organisation may register at most {most} for this session."))])


def place(form: "RegistrationForm", training: Training, count: SeatCount, registration_no: str,
          token_hash: str, lang: str, now: datetime) -> Placement:
    """Confirmed if the seats fit and nobody waits, else on the waiting list."""
    terms = open_terms(training, now)
    if form.seats > terms.max_seats_per_organisation:
        raise too_many_seats(terms.max_seats_per_organisation)
    fits = count.waiting == 0 and count.taken + form.seats <= terms.capacity
    status = RegistrationStatus.CONFIRMED if fits else RegistrationStatus.WAITLISTED
    after = SeatCount(version=count.version + 1, arrivals=count.arrivals + 1,
                      taken=count.taken + (form.seats if fits else 0), waiting=count.waiting + (0 if fits else 1))
    registration = Registration(
        registration_no=registration_no, training_id=training.id, arrival=after.arrivals, seats=form.seats,
        status=status, organisation=form.organisation, uscc=form.uscc, participant_name=form.participant_name,
        mobile=form.mobile, email=form.email, lang=lang, token_hash=token_hash, created_at=now)
    return Placement(registration, count, after, terms.max_seats_per_organisation, terms.capacity)


def cancel(registration: Registration, training: Training, count: SeatCount,
           waiting: list[Registration], now: datetime) -> Cancellation:
    """Cancel until the session starts; promote from the head of `waiting` (the waiting list in
    arrival order) while the next one fits, and stop at the first that does not."""
    if registration.status is RegistrationStatus.CANCELLED or now >= local(training.start):
        raise NotAllowedNow()
    capacity = training.registration.capacity if training.registration else 0
    confirmed = registration.status is RegistrationStatus.CONFIRMED
    taken = count.taken - (registration.seats if confirmed else 0)
    left_waiting = count.waiting - (0 if confirmed else 1)
    promoted = []
    for r in sorted((w for w in waiting if w.registration_no != registration.registration_no), key=lambda w: w.arrival):
        if len(promoted) == PROMOTIONS_PER_WRITE or taken + r.seats > capacity:
            break
        taken, left_waiting = taken + r.seats, left_waiting - 1
        promoted.append((r, _moved(r, RegistrationStatus.CONFIRMED, promoted_at=now)))
    after = SeatCount(version=count.version + 1, arrivals=count.arrivals, taken=taken, waiting=left_waiting)
    return Cancellation(registration, _moved(registration, RegistrationStatus.CANCELLED, cancelled_at=now),
                        count, after, tuple(promoted))


def check_in(registration: Registration, training: Training, now: datetime) -> Registration:
    """The registration checked in: only a confirmed one, only on the session's day (Beijing);
    a second scan changes nothing and says when the first was."""
    if registration.status is not RegistrationStatus.CONFIRMED or now.astimezone(BEIJING).date() != training.start.date():
        raise NotAllowedNow()
    if registration.checked_in_at is not None:
        return registration
    return dataclasses.replace(registration, checked_in_at=now, version=registration.version + 1)


def _moved(r: Registration, status: RegistrationStatus, **fields: datetime) -> Registration:
    return dataclasses.replace(r, status=status, version=r.version + 1, **fields)

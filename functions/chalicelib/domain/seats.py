"""The rules of a session's seats (no I/O): who is confirmed and who waits, who a cancellation
promotes, who may be checked in. Each returns the state before and after, for the store to
write in one transaction conditioned on the state it was judged on."""
from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import TYPE_CHECKING

from ..catalog.trainings import RegistrationTerms, Training
from ..i18n import Text
from .calendar import BEIJING
from .errors import FieldError, InvalidRequest, NotAllowedNow
from .registration import (Cancellation, Placement, Registration, RegistrationClosed, RegistrationStatus,
                           SeatCount)

if TYPE_CHECKING:  # the form's module reads the catalog at import: the rules need none of it
    from .registration_form import RegistrationForm

PROMOTIONS_PER_WRITE = 10  # a transaction holds at most 100 items; a promotion writes about six


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


class NotConfirmed(NotAllowedNow):
    """The code is genuine, but its registration waits for a seat or was cancelled: no seat to check in to."""


class NotTheDay(NotAllowedNow):
    """Check-in is at the door on the session's day (Beijing), not before or after."""


def check_in(registration: Registration, training: Training, now: datetime) -> Registration:
    """The registration checked in: only a confirmed one, only on the session's day (Beijing);
    a second scan changes nothing and says when the first was."""
    if registration.status is not RegistrationStatus.CONFIRMED:
        raise NotConfirmed()
    if now.astimezone(BEIJING).date() != training.start.date():
        raise NotTheDay()
    if registration.checked_in_at is not None:
        return registration
    return dataclasses.replace(registration, checked_in_at=now, version=registration.version + 1)


def _moved(r: Registration, status: RegistrationStatus, **fields: datetime) -> Registration:
    return dataclasses.replace(r, status=status, version=r.version + 1, **fields)

"""The seats left of every session that takes registrations on this site, for the calendar and
the sessions' pages (one read of all their seat counts)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from ..catalog.trainings import Training
from ..domain.registration import RegistrationClosed, SeatCount
from ..domain.seats import open_terms
from .deps import Deps


@dataclass(frozen=True)
class SessionSeats:
    training: Training
    state: Literal["open", "full", "closed"]  # full: registrations join the waiting list
    left: int
    waiting: int


def seats(deps: Deps) -> list[SessionSeats]:
    """Every session that takes registrations on this site, with its seats left now."""
    sessions, now = deps.trainings.with_registration(), deps.clock.now()
    counts = deps.registrations.seat_counts([t.id for t in sessions])
    return [_seats(t, counts[t.id], now) for t in sessions]


def _seats(t: Training, count: SeatCount, now: datetime) -> SessionSeats:
    assert t.registration is not None
    left = count.left(t.registration.capacity)
    try:
        open_terms(t, now)
    except RegistrationClosed:
        return SessionSeats(t, "closed", left, count.waiting)
    return SessionSeats(t, "full" if left == 0 or count.waiting else "open", left, count.waiting)

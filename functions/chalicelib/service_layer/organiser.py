"""The organiser's use cases (the workbench's training pages): the sessions a department
organises, a session's registrations and waiting list with the participants' ratings, and
check-in at the door with the participant's code. Each takes the officer as a `Viewer`: only an
officer of the session's organising department may check in; a supervisor may read the lists.
Anyone else gets NotFound, as for a session that does not exist."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog.trainings import Training
from ..domain.check_in import read_check_in_code
from ..domain.errors import NotFound
from ..domain.registration import Registration, RegistrationStatus, SeatCount
from ..domain.seats import check_in
from ..domain.training_rating import RatingSummary, summarise
from ..domain.request import Viewer
from .deps import Deps
from .ports import Conflict


class NotACheckInCode(Exception):
    """Forged, altered, of another session, or of a registration that is not this session's."""


@dataclass(frozen=True)
class SessionLists:
    training: Training
    confirmed: list[Registration]  # in arrival order, checked-in ones included
    waiting: list[Registration]    # the waiting list, first to be promoted first

    @property
    def summary(self) -> RatingSummary:
        """The participants' ratings (培训总结): only checked-in, confirmed ones may rate."""
        return summarise(self.confirmed)


@dataclass(frozen=True)
class CheckIn:
    registration: Registration
    first: bool  # False: it had been checked in before (the answer says when)


def _session(training_id: str, viewer: Viewer, deps: Deps, acting: bool) -> Training:
    try:
        training = deps.trainings.get(training_id)
    except KeyError:
        raise NotFound() from None
    organiser = viewer.kind == "officer" and training.organiser in viewer.departments
    if not (organiser or (viewer.kind == "supervisor" and not acting)):
        raise NotFound()
    return training


def organised_sessions(viewer: Viewer, deps: Deps) -> list[tuple[Training, SeatCount]]:
    """The sessions taking registrations here that the officer's departments organise (a
    supervisor: every one), in start order, each with its seat count (one batch read)."""
    if viewer.kind not in ("officer", "supervisor"):
        raise NotFound()
    found = [t for t in deps.trainings.with_registration()
             if viewer.kind == "supervisor" or t.organiser in viewer.departments]
    counts = deps.registrations.seat_counts([t.id for t in found]) if found else {}
    return [(t, counts[t.id]) for t in found]


def session_lists(training_id: str, viewer: Viewer, deps: Deps) -> SessionLists:
    """The confirmed registrations and the waiting list: two Queries of the session's index."""
    training = _session(training_id, viewer, deps, acting=False)
    return SessionLists(training, deps.registrations.registrations(training.id, RegistrationStatus.CONFIRMED),
                        deps.registrations.registrations(training.id, RegistrationStatus.WAITLISTED))


def check_in_participant(training_id: str, code: str | None, viewer: Viewer, deps: Deps) -> CheckIn:
    """Check in the registration of `code` (scanned or typed) for this session. A code that is
    not this session's genuine code is NotACheckInCode; one of a waiting or cancelled
    registration, or shown on another day, NotAllowedNow."""
    training = _session(training_id, viewer, deps, acting=True)
    registration_no = read_check_in_code(deps.links.key, training.id, code)
    registration = deps.registrations.get(registration_no) if registration_no else None
    if registration is None or registration.training_id != training.id:
        raise NotACheckInCode()
    for _ in range(3):
        after = check_in(registration, training, deps.clock.now())
        if after is registration:
            return CheckIn(registration, first=False)
        try:
            deps.registrations.record_check_in(registration, after)
            return CheckIn(after, first=True)
        except Conflict:  # cancelled or scanned at another door meanwhile: judge again
            registration = deps.registrations.get(registration.registration_no) or registration
    raise Conflict(registration.registration_no)

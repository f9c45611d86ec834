"""The participant's use cases: register for a training session, open the registration with the
secret of its manage link, cancel it (the calendar's seats left: service_layer/seats_left.py).

A registration is judged on the session's seat count and written in ONE transaction conditioned
on that count: when another registration landed first, the count has moved on, the write is
refused, and the registration is judged again on the new count (so arrival order is the order
the table accepted the writes, and no decision is ever made on a stale count)."""
from __future__ import annotations

import random
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, ValidationError

from ..catalog.trainings import Training
from ..domain.errors import InvalidRequest, NotFound, from_validation_error
from ..domain.limits import Count, Limited
from ..domain.registration import OrganisationFull, Registration, RegistrationStatus
from ..domain.seats import PROMOTIONS_PER_WRITE, cancel, local, open_terms, place
from ..domain.registration_form import parse_registration
from ..domain.registration_messages import REMINDER, compose_cancellation, compose_placement
from ..domain.tokens import hash_token, new_registration_no, opens, plausible_tracking_no
from .deps import Deps
from .ports import Conflict, Contention, CountMoved, Unavailable
from .public import Unconfirmed
from .secret_gate import guessing

# A popular session's first minute: each lost race costs one write more (the refusal carries the
# count that won). The pause before the next try is random and doubles with each lost race, up
# to BACKOFF_CAP, so that the writers spread out instead of colliding again.
PLACE_ATTEMPTS = 60
BACKOFF_BASE, BACKOFF_CAP = 0.004, 0.25  # seconds
CANCEL_ATTEMPTS = 40  # a cancellation reads the waiting list again after each lost race


@dataclass(frozen=True)
class Registered:
    registration: Registration
    position: int  # on the waiting list, 1 for the first; 0 when confirmed
    by_sms: bool   # False: the mobile had its confirmation SMS for this hour (email only)


class CancelIn(BaseModel):
    """The body of a cancellation (the only action a participant takes for now)."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["cancel"]


def mobile_key(deps: Deps, training_id: str, mobile: str) -> str:
    """What the session's one-registration-per-mobile item is keyed by: never the number itself."""
    return deps.links.pseudonym("registration", f"{training_id}|{mobile}")


def register(training_id: str, body: Any, deps: Deps, lang: str = "zh", client: str | None = None) -> Registered:
    """Confirmed while seats are left and nobody waits, else on the waiting list; with its
    messages in the same write. UnknownTraining, InvalidRequest, RegistrationClosed,
    AlreadyRegistered, OrganisationFull and Limited refuse it, and nothing is stored."""
    training = deps.trainings.get(training_id)
    form = parse_registration(body)
    now = deps.clock.now()
    open_terms(training, now)
    key, by_sms = mobile_key(deps, training.id, form.mobile), True
    count = deps.registrations.seat_count(training.id)
    for attempt in range(PLACE_ATTEMPTS):
        registration_no = new_registration_no(now)  # drawn again: a taken number is a Conflict too
        placement = place(form, training, count, registration_no,
                          hash_token(deps.links.registration_token(registration_no)), lang, deps.clock.now())
        messages = compose_placement(placement, training, deps.catalog, deps.links, by_sms)
        waiting = placement.registration.status is RegistrationStatus.WAITLISTED
        done = Registered(placement.registration, placement.after.waiting if waiting else 0, by_sms)
        try:
            deps.registrations.place(placement, messages, key, _counts(deps, form.mobile, client, now, by_sms))
            return done
        except OrganisationFull as exc:
            raise exc.as_invalid() from None
        except Limited as exc:
            if exc.limit.kind != deps.limits.ack_sms.kind:
                raise
            by_sms = False  # the mobile had its SMS for this hour: confirm by email only
        except Unavailable:  # the reply was lost, or the table said "not now": did it land?
            try:
                landed = deps.registrations.holder(training.id, key) == registration_no
            except Unavailable:
                raise Unconfirmed() from None
            if landed:
                return done
            raise
        except (Conflict, Contention) as exc:  # another write landed first: judge again on the new count
            time.sleep(random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2 ** attempt)))
            current = exc.current if isinstance(exc, CountMoved) else None
            count = current or deps.registrations.seat_count(training.id)
    raise Contention(f"{training.id}: seat count kept moving")


def _counts(deps: Deps, mobile: str, client: str | None, now: datetime, by_sms: bool) -> list[Count]:
    """The request path's limits: so many submissions an hour from one client, so many
    confirmation SMS an hour to one mobile."""
    counts = [Count(deps.limits.submit, deps.links.pseudonym("submit", client), now)] if client else []
    if by_sms:
        counts.append(Count(deps.limits.ack_sms, deps.links.pseudonym("ack-sms", mobile), now))
    return counts


def open_registration(registration_no: str, secret: str | None, deps: Deps, client: str | None = None) -> Registration:
    """The registration `secret` opens. Unknown number and wrong secret both raise NotFound after
    the same small read; one client may try only so many wrong ones (the requests' own limit)."""
    with guessing(deps, "secret", client):
        number = registration_no.upper()
        hashed = deps.registrations.secret_hash(number) if plausible_tracking_no(number) else None
        registration = deps.registrations.get(number) if opens(secret, hashed) else None
        if registration is None:
            raise NotFound()
    return registration


def position(registration: Registration, deps: Deps) -> int:
    """Its place on the waiting list now (1: next to get a seat); 0 when not waiting."""
    if registration.status is not RegistrationStatus.WAITLISTED:
        return 0
    return deps.registrations.waiting_ahead(registration.training_id, registration.arrival) + 1


def may_cancel(registration: Registration, training: Training, now: datetime) -> bool:
    return registration.status is not RegistrationStatus.CANCELLED and now < local(training.start)


def cancel_registration(registration_no: str, secret: str | None, body: Any, deps: Deps,
                        client: str | None = None) -> Registration:
    """Cancel: the seats are freed and the head of the waiting list promoted, in one write with
    every message; a lost race is judged again on what won. NotAllowedNow once cancelled or
    once the session has started."""
    registration = open_registration(registration_no, secret, deps, client)
    try:
        CancelIn.model_validate(body)
    except ValidationError as exc:
        raise InvalidRequest(from_validation_error(exc)) from None
    training = deps.trainings.get(registration.training_id)
    key = mobile_key(deps, training.id, registration.mobile)
    for attempt in range(CANCEL_ATTEMPTS):
        now = deps.clock.now()
        count = deps.registrations.seat_count(training.id)
        waiting = deps.registrations.waiting(training.id, PROMOTIONS_PER_WRITE + 1)
        cancellation = cancel(registration, training, count, waiting, now)
        messages = compose_cancellation(cancellation, training, deps.catalog, deps.links, now)
        try:
            deps.registrations.cancel(cancellation, messages, key, withdraw=(REMINDER,))
            return cancellation.after
        except (Conflict, Contention, Unavailable):
            fresh = deps.registrations.get(registration.registration_no)
            if fresh is not None and fresh.version == cancellation.after.version and fresh.cancelled_at == now:
                return fresh  # ours landed: the reply was lost
            registration = fresh or registration
            time.sleep(random.uniform(0, min(BACKOFF_CAP, BACKOFF_BASE * 2 ** attempt)))
    raise Contention(f"{registration.registration_no} kept changing")

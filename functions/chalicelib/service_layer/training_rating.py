"""The participant rates the session, with the secret of the manage link (the rules:
domain/training_rating.py). One conditioned write; a lost race is judged again on what won,
so a second rating is refused however close the two arrive."""
from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..domain.errors import InvalidRequest, from_validation_error
from ..domain.registration import Registration
from ..domain.training_rating import TrainingRatingIn, rate
from .deps import Deps
from .ports import Conflict, Contention
from .trainings import open_registration

ATTEMPTS = 3


def parse_rating(body: Any) -> TrainingRatingIn:
    try:
        return TrainingRatingIn.model_validate(body)
    except ValidationError as exc:
        raise InvalidRequest(from_validation_error(exc)) from None


def rate_session(registration_no: str, secret: str | None, body: Any, deps: Deps,
                 client: str | None = None) -> Registration:
    """The registration with its rating. NotFound for a wrong secret (like opening it),
    InvalidRequest for a bad body, RatingNotAllowed when the rules say no; nothing stored then."""
    registration = open_registration(registration_no, secret, deps, client)
    params = parse_rating(body)
    training = deps.trainings.get(registration.training_id)
    for _ in range(ATTEMPTS):
        after = rate(registration, training, params, deps.clock.now())
        try:
            deps.registrations.record_rating(registration, after)
            return after
        except Conflict:  # checked in, cancelled or rated meanwhile: judge again on what won
            registration = deps.registrations.get(registration.registration_no) or registration
    raise Contention(registration.registration_no)

"""The participants' rating of a training session (no I/O): the body they send, who may rate and
when, and the organiser's summary of the ratings (培训总结).

The five levels and their words are the request rating's (actions.RATING_LABELS): one scale
for everything the portal asks people to rate.

Who rates: a participant who was checked in at the door, so that the summary speaks for people
who were there (a confirmed registration that never came would rate a session it did not
see). When: from the session's start (the organiser may ask for it in its last minutes) until
RATING_DAYS after its end. Once per registration: a second rating is refused, not overwritten,
so the summary cannot be tilted by one participant."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from ..catalog.trainings import Training
from ..i18n import Text
from .actions import RATING_CHOICES, RATING_LABELS
from .calendar import BEIJING
from .errors import NotAllowedNow
from .labels import labelled
from .registration import Registration, RegistrationStatus
from .text import ManyLines

RATE = "rate"
RATE_LABEL = Text(zh="评价本次培训", en="Rate this session")
RATING_DAYS = 30  # after the session's end: later ratings would speak of a memory, not of the session
LEVELS = tuple(sorted(RATING_LABELS, reverse=True))  # 5 (very satisfied) … 1, the order the summary lists them


class TrainingRatingIn(BaseModel):
    """The participant's rating: one of the five levels and an optional comment."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: Literal["rate"]
    level: int = Field(ge=1, le=5, json_schema_extra={
        "x-label": {"zh": "您对本次培训的评价", "en": "How satisfied are you with this session?"},
        "x-choices": RATING_CHOICES, "x-group": "request"})
    comment: ManyLines | None = labelled("意见和建议（选填）", "Comments (optional)", default=None, max_length=500)


class RatingNotAllowed(NotAllowedNow):
    """Not checked in, rated already, before the session's start or too long after its end."""


def may_rate(r: Registration, training: Training, now: datetime) -> bool:
    start = training.start.replace(tzinfo=BEIJING)
    end = training.end.replace(tzinfo=BEIJING) + timedelta(days=RATING_DAYS)
    return (r.status is RegistrationStatus.CONFIRMED and r.checked_in_at is not None and r.rating is None
            and start <= now < end)


def rate(r: Registration, training: Training, params: TrainingRatingIn, now: datetime) -> Registration:
    """The registration with its rating; RatingNotAllowed when `may_rate` says no."""
    if not may_rate(r, training, now):
        raise RatingNotAllowed()
    return dataclasses.replace(r, rating=params.level, rating_comment=params.comment or None, rated_at=now,
                               version=r.version + 1)


@dataclass(frozen=True)
class RatingSummary:
    """What the participants said of a session: how many rated, of how many checked in, how
    many chose each level (every level listed, 5 first), the average, and the comments."""

    checked_in: int
    rated: int
    distribution: dict[int, int]
    average: float | None
    comments: list[tuple[int, str]]  # (level, comment), in the order they were given


def summarise(registrations: list[Registration]) -> RatingSummary:
    rated = sorted((r for r in registrations if r.rating is not None), key=lambda r: r.rated_at or r.created_at)
    distribution = {level: sum(1 for r in rated if r.rating == level) for level in LEVELS}
    average = round(sum(r.rating or 0 for r in rated) / len(rated), 2) if rated else None
    return RatingSummary(checked_in=sum(1 for r in registrations if r.checked_in_at is not None), rated=len(rated),
                         distribution=distribution, average=average,
                         comments=[(r.rating or 0, r.rating_comment) for r in rated if r.rating_comment])

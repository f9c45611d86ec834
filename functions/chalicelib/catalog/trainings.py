"""The training calendar's events (content/data/trainings.yml, the editors' file): the model,
read by the API through the catalog and by the site's hooks, so both validate it alike."""
from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import Text
from .loader import _BUNDLED, CatalogError, _read_list, load_catalog
from .models import Catalog

TrainingKind = Literal["archive-training", "quality-training", "fire-topic-meeting", "afternoon-tea"]
# The kinds' names, and how a session's time is written: the same on the site, in the
# calendar feeds and in the participants' messages.
KINDS = {
    "archive-training": {"zh": "城建档案培训", "en": "Urban construction archives training"},
    "quality-training": {"zh": "工程质量业务培训", "en": "Construction quality training"},
    "fire-topic-meeting": {"zh": "消防验收专题培训会议", "en": "Fire-protection acceptance topic meeting"},
    "afternoon-tea": {"zh": "营商下午茶", "en": "Business afternoon tea (briefing)"},
}
WEEKDAYS = {"zh": "一二三四五六日", "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
             "October", "November", "December")
# The bundled copy in a Lambda package (infra/package.py), else the editors' file.
_REPO_FILE = Path(__file__).resolve().parents[3] / "content" / "data" / "trainings.yml"


class RegistrationTerms(BaseModel):
    """How many may register for a session, until when, and whether registration is open now.
    The portal enforces these; the organiser's notice still says who takes part."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    open: bool
    sample: bool  # capacity and deadline are this site's sample values, not the organiser's
    capacity: int = Field(ge=1, le=2000)
    deadline: dt.datetime  # local Shenyang time, like start and end
    max_seats_per_organisation: int = Field(ge=1, le=50)

    @model_validator(mode="after")
    def _terms(self) -> "RegistrationTerms":
        if self.deadline.tzinfo is not None:
            raise ValueError("write `deadline` as local Shenyang time without a UTC offset")
        if self.max_seats_per_organisation > self.capacity:
            raise ValueError("`max_seats_per_organisation` cannot be more than `capacity`")
        return self


class Training(BaseModel):
    """A scheduled event of the training calendar. Times are local Shenyang time (Asia/Shanghai)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*[a-z0-9]$", max_length=64)
    kind: TrainingKind
    sample: bool
    title: Text
    stages: tuple[str, ...] = Field(min_length=1)
    organiser: str
    start: dt.datetime
    end: dt.datetime
    place: Text
    online: bool = False  # held online: `place` then says how participants join
    audience: Text
    how_to_join: Text
    source: Text
    registration: RegistrationTerms | None = None  # None: no registration on this site

    @model_validator(mode="after")
    def _times(self) -> "Training":
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("write `start` and `end` as local Shenyang time without a UTC offset")
        if self.end <= self.start:
            raise ValueError("`end` must be after `start`")
        if self.end.date() != self.start.date():
            raise ValueError("an event starts and ends on the same day; add one entry per day")
        # The plan holds the archive trainings "每年3至6月" (plan 4(6)1).
        if self.kind == "archive-training" and not 3 <= self.start.month <= 6:
            raise ValueError("archive trainings take place from March to June (plan 4(6)1)")
        if self.registration and self.registration.deadline >= self.start:
            raise ValueError("the registration `deadline` must be before `start`")
        return self


class TrainingsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    trainings: tuple[Training, ...]


def unknown_references(trainings: tuple[Training, ...], catalog: Catalog) -> list[tuple[str, str, str]]:
    """(training id, field, value) of every stage or organiser the catalog does not know."""
    stages, departments = {s.id for s in catalog.stages}, {d.id for d in catalog.departments}
    out = [(t.id, "stages", s) for t in trainings for s in t.stages if s not in stages]
    return out + [(t.id, "organiser", t.organiser) for t in trainings if t.organiser not in departments]


def when(t: "Training", lang: str) -> str:
    """The session's day and hours as the site shows them (local Shenyang time)."""
    d, span = t.start, f"{t.start:%H:%M}–{t.end:%H:%M}"
    if lang == "zh":
        return f"{d.year}年{d.month}月{d.day}日（周{WEEKDAYS['zh'][d.weekday()]}）{span}"
    return f"{WEEKDAYS['en'][d.weekday()]} {d.day} {MONTHS_EN[d.month - 1]} {d.year}, {span}"


class UnknownTraining(KeyError):
    """No training of the calendar has this id."""


@dataclass(frozen=True)
class Trainings:
    """The calendar's sessions by id, for the use cases (bootstrap reads them once)."""

    sessions: tuple[Training, ...]

    def get(self, training_id: str) -> Training:
        for t in self.sessions:
            if t.id == training_id:
                return t
        raise UnknownTraining(training_id)

    def with_registration(self) -> tuple[Training, ...]:
        return tuple(t for t in self.sessions if t.registration is not None)


@functools.lru_cache(maxsize=2)
def load_trainings(path: Path | None = None) -> tuple[Training, ...]:
    """The events in start order, checked against the catalog; CatalogError names what is wrong."""
    path = path or (_BUNDLED / "trainings.yml" if _BUNDLED.is_dir() else _REPO_FILE)
    trainings = _read_list(path, "trainings", Training)
    for ident, field, value in unknown_references(trainings, load_catalog()):
        raise CatalogError(f"{path.name}: entry `{ident}`: field `{field}` names unknown id `{value}`")
    return tuple(sorted(trainings, key=lambda t: t.start))

"""The training calendar's events (content/data/trainings.yml, the editors' file): the model,
read by the API through the catalog and by the site's hooks, so both validate it alike."""
from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import Text
from .loader import _BUNDLED, CatalogError, _read_list, load_catalog
from .models import Catalog

TrainingKind = Literal["archive-training", "quality-training", "fire-topic-meeting", "afternoon-tea"]
# The bundled copy in a Lambda package (infra/package.py), else the editors' file.
_REPO_FILE = Path(__file__).resolve().parents[3] / "content" / "data" / "trainings.yml"


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
    audience: Text
    how_to_join: Text
    source: Text

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
        return self


class TrainingsFile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    trainings: tuple[Training, ...]


def unknown_references(trainings: tuple[Training, ...], catalog: Catalog) -> list[tuple[str, str, str]]:
    """(training id, field, value) of every stage or organiser the catalog does not know."""
    stages, departments = {s.id for s in catalog.stages}, {d.id for d in catalog.departments}
    out = [(t.id, "stages", s) for t in trainings for s in t.stages if s not in stages]
    return out + [(t.id, "organiser", t.organiser) for t in trainings if t.organiser not in departments]


@functools.lru_cache(maxsize=2)
def load_trainings(path: Path | None = None) -> tuple[Training, ...]:
    """The events in start order, checked against the catalog; CatalogError names what is wrong."""
    path = path or (_BUNDLED / "trainings.yml" if _BUNDLED.is_dir() else _REPO_FILE)
    trainings = _read_list(path, "trainings", Training)
    for ident, field, value in unknown_references(trainings, load_catalog()):
        raise CatalogError(f"{path.name}: entry `{ident}`: field `{field}` names unknown id `{value}`")
    return tuple(sorted(trainings, key=lambda t: t.start))

"""The interface of the figures' aggregates (adapters/dynamodb/figure_store.py; faked in tests)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Protocol

from ..domain.figures import Key


@dataclass(frozen=True)
class Marker:
    """What a request has added to the aggregates so far (`counts`, always exactly that), which
    is its whole contribution as of `version`; `writes` counts the marker's writes, which each
    update is conditioned on (an update too big for one transaction is split: its parts keep
    the old version and a partial count, so a crash between them leaves nothing counted twice)."""

    version: int
    counts: Mapping[Key, int]
    writes: int = 0


@dataclass(frozen=True)
class SliceItems:
    """One slice of a department's aggregates: its month items and its running deadlines."""

    months: list[tuple[str, Mapping[str, int]]]  # (YYYY-MM, counter@DD → n)
    open: Mapping[str, int]  # due@YYYY-MM-DD → requests whose deadline runs to that day


MAX_ITEMS = 100  # DynamoDB's items per transaction: the marker and 99 aggregate items


class FigureStore(Protocol):
    read: int  # items read so far (bench/figures.py)

    def marker(self, tracking_no: str) -> Marker | None:
        """The request's last recorded contribution, None before its first."""

    def apply(self, tracking_no: str, before: Marker | None, after: Marker, delta: Mapping[Key, int]) -> None:
        """Add `delta` to the aggregates and record `after` as the request's marker, in ONE
        transaction that holds only if the marker is still `before`, by its `writes` (Conflict
        otherwise). `delta` touches at most MAX_ITEMS - 1 aggregate items."""

    def slice_items(self, department: str, slice_: str, first: str, last: str) -> SliceItems:
        """The slice's month items from month `first` to `last` (YYYY-MM) and its open item:
        one query, reading months + 1 items."""

    def slices_of(self, department: str, kind: str) -> Mapping[str, SliceItems]:
        """Every slice of one kind (service, district, stage, officer) of a department, by value:
        one query over that kind's items (values × months, never requests)."""

"""Keeping the figures' aggregates up to date: on each new timeline event (the table's stream
in AWS, the dispatcher loop locally), the request's contribution is recomputed from ALL its
stored events and only the difference from what it added before (its marker) is added. The
stream record itself is only a wake-up: a duplicate, or one older than the marker, finds
nothing to do; two consumers racing are told apart by the marker's condition."""
from __future__ import annotations

import logging

from ..domain.figures import Limits, contribution, difference
from ..domain.request import ServiceRequest
from .deps import Deps
from ..domain.figures import Key
from .figure_ports import MAX_ITEMS, FigureStore, Marker
from .ports import Conflict

log = logging.getLogger("portal.figures")


def limits_of(request: ServiceRequest, deps: Deps) -> Limits:
    standards = deps.catalog.standards
    return Limits(standards.first_contact_days(request.service), standards.completion_days(request.service))


def refresh(tracking_no: str, deps: Deps, attempts: int = 3) -> bool:
    """Bring the aggregates up to the request's stored events; whether anything was written."""
    if deps.figures is None:
        return False
    for _ in range(attempts):
        request = deps.store.get(tracking_no)
        if request is None:
            return False
        before = deps.figures.marker(tracking_no)
        if before is not None and before.version >= request.version:
            return False  # a replay, or a record older than what is already counted
        counts = contribution(request, limits_of(request, deps))
        delta = difference(dict(before.counts) if before else {}, counts)
        try:
            _apply(deps.figures, tracking_no, before, Marker(request.version, counts), delta)
            return True
        except Conflict:  # another consumer moved the marker first: judge again on what is stored now
            log.info("figures of %s moved meanwhile; recounting", tracking_no)
    raise Conflict(f"figures of {tracking_no} kept moving")


def _apply(figures: FigureStore, tracking_no: str, before: Marker | None, after: Marker, delta: dict[Key, int]) -> None:
    """The update in transactions of at most MAX_ITEMS items: all parts but the last record what
    they added under the old version, the last moves the marker to the new one."""
    items: dict[tuple[str, str, str], dict[Key, int]] = {}
    for key, n in sorted(delta.items()):
        items.setdefault(key[:3], {})[key] = n
    groups = list(items.values())
    parts = [dict(kv for g in groups[i:i + MAX_ITEMS - 1] for kv in g.items())
             for i in range(0, len(groups), MAX_ITEMS - 1)] or [{}]
    writes = before.writes if before else 0
    added = dict(before.counts) if before else {}
    for i, part in enumerate(parts):
        writes += 1
        last = i == len(parts) - 1
        for key, n in part.items():
            added[key] = added.get(key, 0) + n
        marker = Marker(after.version, after.counts, writes) if last else Marker(
            before.version if before else 0, {k: n for k, n in added.items() if n}, writes)
        figures.apply(tracking_no, before, marker, part)
        before = marker

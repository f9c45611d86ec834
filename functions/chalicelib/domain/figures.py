"""A request's contribution to the performance figures (绩效考核), derived from its timeline
events alone: which counters of which department, slice and day it adds to. The aggregates
(adapters/dynamodb/figure_store.py) hold the sums; a request's contribution is recomputed
whole from its stored events on every change and only the difference is added, so a replayed
or out-of-order stream record changes nothing. No I/O.

Each counter counts on the Beijing date of the event that makes it (received on arrival,
first contact on the assignment, a rating's figures on the rating's date, a formal acceptance
outcome on the completion). `open` counts the running deadlines, for "overdue now"."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .acceptance import OUTCOMES  # noqa: F401 - figure_sets reads them from here
from .figure_walk import BUREAU, HISTOGRAM_CAP, timeline_counts  # noqa: F401 - read from here
from .request import ServiceRequest

OPEN = "open"
Key = tuple[str, str, str, str]  # (department, slice, period: YYYY-MM or "open", attribute)


@dataclass(frozen=True)
class Limits:
    """The service's working-day time limits (catalog.standards), which "on time" is judged by."""

    first_contact: int
    completion: int


def day_attr(counter: str, day: date) -> tuple[str, str]:
    """(period, attribute) of a counter on a day: the month's item, the day inside it."""
    return day.strftime("%Y-%m"), f"{counter}@{day.day:02d}"


def contribution(request: ServiceRequest, limits: Limits) -> dict[Key, int]:
    """Every aggregate counter the request adds to, by (department, slice, period, attribute):
    each department under every slice the request falls in (all, its service, district and
    stages, and its officer for the department that leads it now); the bureau under all."""
    walks, leads = timeline_counts(request, limits)
    out: dict[Key, int] = {}
    for department, walk in walks.items():
        for slice_ in slices(request, department, department in leads):
            for (counter, day), n in walk.counts.items():
                if n:
                    out[(department, slice_, *day_attr(counter, day))] = n
    due = request.due
    if due:
        for department in (*leads, BUREAU):
            for slice_ in slices(request, department, True):
                out[(department, slice_, OPEN, f"due@{due}")] = 1
    return out


def slices(request: ServiceRequest, department: str, leads_now: bool) -> list[str]:
    """The slices a request falls in for `department`: "all", then one per filter value."""
    if department == BUREAU:
        return ["all"]
    out = ["all", f"service={request.service}", *(f"stage={s}" for s in request.stages)]
    if request.district:
        out.append(f"district={request.district}")
    if leads_now and request.assignee:
        out.append(f"officer={request.assignee}")
    return out


def difference(old: dict[Key, int], new: dict[Key, int]) -> dict[Key, int]:
    """What to add to the aggregates to go from `old` to `new` (nonzero entries only)."""
    keys = set(old) | set(new)
    return {key: n for key in keys if (n := new.get(key, 0) - old.get(key, 0))}

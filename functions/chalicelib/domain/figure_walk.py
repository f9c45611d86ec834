"""Walking one request's timeline events: which counters each department (and the bureau) gets
on which Beijing day (figures.py turns them into the aggregates' keys). No I/O."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from .acceptance import ACCEPTANCE_SERVICES, OUTCOMES
from .actions import POOR_RATING
from .calendar import add_working_days, beijing_date, working_days_between
from .request import ServiceRequest

if TYPE_CHECKING:
    from .figures import Limits

BUREAU = "bureau"  # the bureau-wide partition: every request once, whatever department it reached
HISTOGRAM_CAP = 40  # working days: the last bin holds this many or more


def bin_of(days: int) -> int:
    return max(0, min(days, HISTOGRAM_CAP))


@dataclass
class _Walk:
    """What walking one department's share of the timeline has counted so far."""

    counts: dict[tuple[str, date], int] = field(default_factory=lambda: defaultdict(int))

    def add(self, counter: str, day: date, n: int = 1) -> None:
        self.counts[(counter, day)] += n


def _initial_leads(request: ServiceRequest) -> tuple[str, ...]:
    """The lead departments before any transfer: the first transfer's acting department (the
    request's own leads when it never moved). A request led by several departments and then
    transferred keeps only the one that transferred it (the events do not name the others)."""
    first = next((e for e in request.timeline if e.action == "transfer"), None)
    if first is None:
        return request.lead_departments
    return (first.department,) if first.department else request.lead_departments


def timeline_counts(request: ServiceRequest, limits: "Limits") -> tuple[dict[str, _Walk], tuple[str, ...]]:
    """Per department (and BUREAU), the day counters the request's events make; and the
    departments that lead it after the last event."""
    leads, walks = _initial_leads(request), defaultdict[str, _Walk](_Walk)
    arrived = beijing_date(request.created_at)
    paused_on: date | None = None
    paused = 0  # working days paused for 补正 on the clock that runs
    assigned: date | None = None
    notices = 0
    rating: tuple[date, int, dict] | None = None
    verified = rectified = None
    upheld = False
    outcome = None
    completed: date | None = None

    def add(counter: str, day: date, n: int = 1, bureau: bool = True) -> None:
        for d in leads:
            walks[d].add(counter, day, n)
        if bureau:
            walks[BUREAU].add(counter, day, n)

    add("received", arrived)
    for e in request.timeline[1:]:
        day, act, details = beijing_date(e.at), e.action, e.details or {}
        if act in ("accept", "reject", "withdraw"):
            add({"accept": "accepted", "reject": "rejected", "withdraw": "withdrawn"}[act], day)
        elif act == "transfer":
            add("transferred", day, bureau=False)
            leads, arrived, paused = (str(details.get("department")),), day, 0
            add("received", day, bureau=False)
        elif act == "ask_for_info":
            add("rounds", day)
            paused_on = day
        elif act == "answer" and paused_on is not None:
            paused, paused_on = paused + working_days_between(paused_on, day), None
        elif act == "assign" and assigned is None:
            assigned = day
            _timeliness(add, "fc", arrived, day, paused, limits.first_contact)
            paused = 0
        elif act == "complete" and assigned is not None and completed is None:
            completed = day
            add("completed", day)
            _timeliness(add, "ct", assigned, day, paused, limits.completion)
        elif act == "issue_notice":
            notices += 1
            if notices == 2:
                add("second_notice", day)
        elif act == "rate" and rating is None:
            rating = (day, int(details.get("level") or request.rating or 0), details)
        elif act == "verify_rating" and verified is None:
            verified = day
        elif act == "report_rectification" and rectified is None:
            rectified = day
        elif act == "appeal_rating":
            add("appeals", day)
        elif act == "decide_appeal" and details.get("upheld") is True:
            add("upheld", day)
            upheld = True
        elif act == "record_acceptance_outcome" and details.get("outcome") in OUTCOMES:
            outcome = details["outcome"]
    if rating is not None:
        _rating(add, rating, verified, rectified, upheld)
    if outcome and completed and request.service in ACCEPTANCE_SERVICES:
        add(f"acc_{outcome}", completed)
    return walks, leads


def _timeliness(add, prefix: str, start: date, day: date, paused: int, limit: int) -> None:
    """One first contact (fc) or completion (ct): its working days, pauses not counted, and
    whether it was made by the deadline the request showed (the limit plus the pauses)."""
    taken = max(0, working_days_between(start, day) - paused)
    add(prefix, day)
    add(f"{prefix}_wd", day, taken)
    add(f"{prefix}_h{bin_of(taken)}", day)
    if day <= add_working_days(start, limit + paused)[0]:
        add(f"{prefix}_on", day)


def _rating(add, rating: tuple[date, int, dict], verified: date | None, rectified: date | None,
            upheld: bool) -> None:
    day, level, details = rating
    if upheld:  # the rating stays on the request, but out of the figures
        add("excluded", day)
        return
    if not 1 <= level <= 5:
        return
    add("rated", day)
    add(f"lv{level}", day)
    if level <= POOR_RATING:
        add("poor", day)
        if verified and details.get("verify_by") and verified.isoformat() <= details["verify_by"]:
            add("poor_verified", day)
        if rectified and details.get("rectify_by") and rectified.isoformat() <= details["rectify_by"]:
            add("poor_rectified", day)

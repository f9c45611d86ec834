"""From the aggregates' counters to the figures people read: sums over a date range, rates,
averages and the 90th percentile (from the histograms: percentiles cannot be summed, bins can).
No I/O; the shapes match api/figures_schemas.py."""
from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Any, Iterable, Mapping

from .actions import POOR_RATING
from .figures import HISTOGRAM_CAP, OUTCOMES

Counts = Mapping[str, int]


def sum_days(items: Iterable[tuple[str, Mapping[str, int]]], start: date, end: date) -> Counter[str]:
    """The counters of the month items (period YYYY-MM, attributes counter@DD) on the days from
    `start` to `end` inclusive."""
    total: Counter[str] = Counter()
    first, last = start.isoformat(), end.isoformat()
    for period, attrs in items:
        for name, n in attrs.items():
            counter, at, dd = name.rpartition("@")
            if at and first <= f"{period}-{dd}" <= last:
                total[counter] += int(n)
    return total


def overdue(open_attrs: Mapping[str, int], today: date) -> int:
    """Open requests whose running deadline (due@YYYY-MM-DD) is before today."""
    day = today.isoformat()
    return sum(int(n) for name, n in open_attrs.items() if name.startswith("due@") and name[4:] < day)


def rate(hits: int, count: int) -> float | None:
    return round(hits / count, 4) if count else None


def percentile(c: Counts, prefix: str, share: float = 0.9) -> int | None:
    """The nearest-rank percentile of a histogram (bins prefix_h0 … prefix_h<CAP>)."""
    n = sum(c.get(f"{prefix}_h{k}", 0) for k in range(HISTOGRAM_CAP + 1))
    if not n:
        return None
    rank, seen = -(-n * share // 1), 0  # ceil(n × share)
    for k in range(HISTOGRAM_CAP + 1):
        seen += c.get(f"{prefix}_h{k}", 0)
        if seen >= rank:
            return k
    return HISTOGRAM_CAP


def timeliness(c: Counts, prefix: str) -> dict[str, Any]:
    n = c.get(prefix, 0)
    return {"count": n, "on_time": c.get(f"{prefix}_on", 0), "on_time_rate": rate(c.get(f"{prefix}_on", 0), n),
            "average_working_days": round(c.get(f"{prefix}_wd", 0) / n, 2) if n else None,
            "p90_working_days": percentile(c, prefix)}


def satisfied(c: Counts) -> int:
    return sum(c.get(f"lv{k}", 0) for k in range(POOR_RATING + 1, 6))


def figure_set(c: Counts, overdue_now: int) -> dict[str, Any]:
    """The figures of summed counters (a FigureSetOut's fields)."""
    levels = [c.get(f"lv{k}", 0) for k in range(1, 6)]
    decided = sum(c.get(f"acc_{o}", 0) for o in OUTCOMES)
    return {
        **{k: c.get(k, 0) for k in ("received", "accepted", "rejected", "transferred", "withdrawn", "completed")},
        "first_contact": timeliness(c, "fc"), "completion": timeliness(c, "ct"), "overdue_now": overdue_now,
        "information": {"rounds": c.get("rounds", 0), "rounds_per_request": rate(c.get("rounds", 0), c.get("received", 0)),
                        "second_notice_requests": c.get("second_notice", 0)},
        "ratings": {"completed": c.get("completed", 0), "rated": c.get("rated", 0),
                    "rated_share": rate(c.get("rated", 0), c.get("completed", 0)), "levels": levels,
                    "satisfaction_rate": rate(satisfied(c), sum(levels)), "poor": c.get("poor", 0),
                    "poor_verified_on_time": c.get("poor_verified", 0),
                    "poor_rectified_on_time": c.get("poor_rectified", 0), "appeals": c.get("appeals", 0),
                    "appeals_upheld": c.get("upheld", 0), "excluded": c.get("excluded", 0)},
        "acceptance": {"recorded": decided, **{o: c.get(f"acc_{o}", 0) for o in OUTCOMES},
                       "first_time_pass_rate": rate(c.get("acc_first_attempt", 0), decided)},
    }

"""The contract between the poor-rating loop and the figures, on the real aggregate: the events
the loop's steps actually write (through the use cases over the fakes) are the ones the figures
count. tests/figure_events.py builds its histories by hand; this test keeps both in step."""
from collections import Counter

from chalicelib.domain.figure_sets import figure_set
from chalicelib.domain.figures import Limits, contribution
from tests.unit.test_rating_review import HEAD, OFFICER, REPORTED, SUPERVISOR, VERIFIED, act, rated_poorly
from tests.unit.test_reminders import beijing

QUALITY = "quality-station"


def _ratings(request) -> dict:
    summed: Counter = Counter()
    for (dept, slice_, period, name), n in contribution(request, Limits(2, 10)).items():
        if dept == QUALITY and slice_ == "all" and period != "open":
            summed[name.split("@")[0]] += n
    return figure_set(summed, 0)["ratings"]


def test_a_poor_rating_verified_on_time_and_rectified_late_counts_as_such(deps, clock):
    no = rated_poorly(deps, clock)  # rated 12 Feb 2026: verify by 26 Feb, rectify by 11 Mar
    clock.current = beijing("2026-02-25")
    act(deps, OFFICER, no, VERIFIED)
    clock.current = beijing("2026-03-12")
    act(deps, OFFICER, no, REPORTED)
    r = _ratings(deps.store.get(no))
    assert (r["rated"], r["levels"], r["poor"]) == (1, [0, 1, 0, 0, 0], 1)
    assert (r["poor_verified_on_time"], r["poor_rectified_on_time"], r["appeals"], r["appeals_upheld"]) == (1, 0, 0, 0)


def test_an_upheld_appeal_takes_the_rating_out_of_the_figures_but_counts_the_appeal(deps, clock):
    no = rated_poorly(deps, clock, level=1)
    act(deps, HEAD, no, {"action": "appeal_rating", "reason": "评价内容与本次服务无关。"})
    act(deps, SUPERVISOR, no, {"action": "decide_appeal", "upheld": True, "reason": "经核实评价与服务无关。"})
    request = deps.store.get(no)
    assert request.rating == 1 and request.rating_excluded  # kept on the request, never deleted
    r = _ratings(request)
    assert (r["appeals"], r["appeals_upheld"], r["excluded"]) == (1, 1, 1)
    assert (r["levels"], r["poor"], r["satisfaction_rate"]) == ([0, 0, 0, 0, 0], 0, None)

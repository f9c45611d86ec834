"""Each figure from a known history of events (tests/figure_events.py), worked out by hand:
working days on the official calendar through a holiday and a make-up working day, a transfer,
a second one-time notice, a poor rating, an upheld appeal, the acceptance outcome's latest value."""
from collections import Counter
from datetime import date

import pytest

from chalicelib.domain.figure_sets import figure_set, overdue, percentile, sum_days
from chalicelib.domain.figures import BUREAU, OPEN, Limits, contribution, difference
from tests.figure_events import MARKET, OFFICER, QUALITY, history

LIMITS = {"pre-acceptance": Limits(3, 10), "consultation": Limits(1, 10)}


def _aggregate(requests) -> dict:
    items: dict = {}
    for r in requests:
        for (dept, slice_, period, name), n in contribution(r, LIMITS[r.service]).items():
            items.setdefault((dept, slice_, period), Counter())[name] += n
    return items


def _figures(department, start, end, slice_="all", today=date(2026, 3, 20)):
    items = _aggregate(history())
    months = [(p, a) for (d, s, p), a in items.items() if d == department and s == slice_ and p != OPEN]
    return figure_set(sum_days(months, start, end), overdue(items.get((department, slice_, OPEN), {}), today))


MARCH = (date(2026, 3, 1), date(2026, 3, 31))


def test_volumes_count_on_the_days_they_happen_and_a_transfer_counts_in_both_departments():
    march = _figures(QUALITY, *MARCH)
    assert {k: march[k] for k in ("received", "accepted", "rejected", "transferred", "withdrawn", "completed")} == {
        "received": 4, "accepted": 1, "rejected": 1, "transferred": 0, "withdrawn": 1, "completed": 2}
    market = _figures(MARKET, *MARCH)
    assert (market["received"], market["transferred"], market["completed"]) == (1, 1, 0)
    feb = _figures(QUALITY, date(2026, 2, 1), date(2026, 2, 28))
    assert (feb["received"], feb["accepted"]) == (1, 1)
    bureau = _figures(BUREAU, *MARCH)
    assert (bureau["received"], bureau["transferred"]) == (4, 0)  # each request once, at its submission


def test_first_contact_counts_working_days_through_the_holiday_and_the_make_up_day():
    # A: submitted Fri 13 Feb, assigned Tue 24 Feb: Sat 14 (make-up) and Tue 24 are the only working days.
    feb = _figures(QUALITY, date(2026, 2, 1), date(2026, 2, 28))["first_contact"]
    assert feb == {"count": 1, "on_time": 1, "on_time_rate": 1.0, "average_working_days": 2.0, "p90_working_days": 2}
    # B: arrived by transfer Tue 3 Mar, assigned Mon 9 Mar: 4 working days against a limit of 1.
    march = _figures(QUALITY, *MARCH)["first_contact"]
    assert march == {"count": 1, "on_time": 0, "on_time_rate": 0.0, "average_working_days": 4.0, "p90_working_days": 4}


def test_completion_leaves_out_the_days_paused_for_more_information():
    # A: assigned 24 Feb, completed 3 Mar: 6 working days (Sat 28 Feb included), 2 of them paused for 补正.
    # B: assigned 9 Mar, completed 10 Mar: 1.
    done = _figures(QUALITY, *MARCH)["completion"]
    assert done == {"count": 2, "on_time": 2, "on_time_rate": 1.0, "average_working_days": 2.5, "p90_working_days": 4}


def test_rounds_and_the_second_notice():
    assert _figures(QUALITY, date(2026, 2, 1), date(2026, 2, 28))["information"] == {
        "rounds": 1, "rounds_per_request": 1.0, "second_notice_requests": 0}
    assert _figures(QUALITY, *MARCH)["information"]["second_notice_requests"] == 1  # A's second, on 2 March


def test_ratings_leave_the_upheld_appeal_out_and_judge_the_poor_ratings_deadlines():
    r = _figures(QUALITY, *MARCH)["ratings"]
    assert r["levels"] == [0, 1, 0, 0, 0] and r["rated"] == 1 and r["excluded"] == 1  # B's level 1 is out
    assert (r["rated_share"], r["satisfaction_rate"]) == (0.5, 0.0)
    assert (r["poor"], r["poor_verified_on_time"], r["poor_rectified_on_time"]) == (1, 1, 0)  # rectified 16 > 13 Mar
    assert (r["appeals"], r["appeals_upheld"]) == (1, 1)


def test_the_latest_acceptance_outcome_counts_on_the_completion_day():
    acc = _figures(QUALITY, *MARCH)["acceptance"]
    assert acc == {"recorded": 1, "first_attempt": 1, "later": 0, "not_yet": 0, "first_time_pass_rate": 1.0}
    assert _figures(QUALITY, date(2026, 3, 4), date(2026, 3, 31))["acceptance"]["recorded"] == 0


def test_overdue_now_is_the_running_deadlines_before_today():
    assert _figures(QUALITY, *MARCH)["overdue_now"] == 1  # E: first contact due 6 March
    assert _figures(QUALITY, *MARCH, today=date(2026, 3, 6))["overdue_now"] == 0


def test_a_date_range_inside_a_month_counts_only_its_days():
    part = _figures(QUALITY, date(2026, 3, 1), date(2026, 3, 5))
    assert (part["received"], part["completed"], part["rejected"]) == (4, 1, 1)


def test_slices_by_service_district_stage_and_officer():
    assert _figures(QUALITY, *MARCH, slice_="service=consultation")["received"] == 4
    assert _figures(QUALITY, *MARCH, slice_="service=pre-acceptance")["completed"] == 1
    assert _figures(QUALITY, *MARCH, slice_="district=hunnan")["received"] == 4
    assert _figures(QUALITY, *MARCH, slice_="stage=quality-acceptance")["completed"] == 2
    assert _figures(QUALITY, *MARCH, slice_=f"officer={OFFICER}")["completed"] == 2  # A and B
    assert _figures(MARKET, *MARCH, slice_=f"officer={OFFICER}")["received"] == 0


def test_the_difference_of_two_contributions_and_the_histograms_percentile():
    old, new = {("d", "all", "2026-03", "x@01"): 2, ("d", "all", "2026-03", "y@01"): 1}, {("d", "all", "2026-03", "x@01"): 3}
    assert difference(old, new) == {("d", "all", "2026-03", "x@01"): 1, ("d", "all", "2026-03", "y@01"): -1}
    assert difference(new, new) == {}
    bins = {f"ct_h{k}": 1 for k in range(1, 11)}  # 1 … 10 working days, one each
    assert percentile(bins, "ct") == 9 and percentile({}, "ct") is None


@pytest.mark.parametrize("level, satisfied", [(3, 1.0), (2, 0.0)])
def test_the_satisfaction_rate_counts_basically_satisfied_and_better(level, satisfied):
    assert figure_set({f"lv{level}": 1}, 0)["ratings"]["satisfaction_rate"] == satisfied


def test_the_acceptance_outcome_is_recorded_only_after_the_three_acceptance_services():
    from chalicelib.domain.acceptance import AcceptanceOutcomeIn
    from chalicelib.domain.errors import NotAllowedNow
    from chalicelib.domain.lifecycle import Status
    from chalicelib.domain.request import Viewer
    from tests.figure_events import at, request

    officer = Viewer.officer({QUALITY}, username=OFFICER)
    body = AcceptanceOutcomeIn(action="record_acceptance_outcome", outcome="not_yet")
    done = request("P", "pre-acceptance", QUALITY, Status.COMPLETED, [], "2026-03-02")
    change = done.perform(body, officer, at("2026-03-09"))
    assert change.after.status is Status.COMPLETED and change.event.details == {"outcome": "not_yet"}
    assert "record_acceptance_outcome" in {s.action for s in done.allowed_steps(officer)}
    other = request("Q", "consultation", QUALITY, Status.COMPLETED, [], "2026-03-02")
    assert "record_acceptance_outcome" not in {s.action for s in other.allowed_steps(officer)}
    with pytest.raises(NotAllowedNow):
        other.perform(body, officer, at("2026-03-09"))
    with pytest.raises(NotAllowedNow):  # not before the service is completed
        request("R", "pre-acceptance", QUALITY, Status.IN_SERVICE, [], "2026-03-02").perform(body, officer, at("2026-03-09"))
    with pytest.raises(NotAllowedNow):  # nor by the applicant
        done.perform(body, Viewer.applicant("P"), at("2026-03-09"))

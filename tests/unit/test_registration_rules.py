"""The rules of a session's seats, with no I/O: confirmed while seats are left and nobody waits,
the waiting list in arrival order, promotion on cancellation, the deadline, the per-organisation
limit, check-in only for a confirmed registration on the session's day."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timezone

import pytest

from chalicelib.catalog.trainings import RegistrationTerms, Trainings, load_trainings
from chalicelib.domain.errors import InvalidRequest, NotAllowedNow
from chalicelib.domain.registration import RegistrationClosed, RegistrationStatus, SeatCount
from chalicelib.domain.seats import PROMOTIONS_PER_WRITE, cancel, check_in, local, place
from chalicelib.domain.registration_form import parse_registration
from tests.conftest import VALID_USCC

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=timezone.utc)
CONFIRMED, WAITLISTED, CANCELLED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED, RegistrationStatus.CANCELLED


def session(capacity=3, most=None, open_=True, deadline=None):
    """The archive training of March 2027 with terms of the test's choosing."""
    t = Trainings(load_trainings()).get("archive-training-2027-03")
    terms = RegistrationTerms(open=open_, sample=True, capacity=capacity, max_seats_per_organisation=most or min(capacity, 3),
                              deadline=deadline or datetime(2027, 3, 22, 17, 0))
    return t.model_copy(update={"registration": terms})


def form(seats=1, mobile="13800138000"):
    return parse_registration({"organisation": "沈阳示例建设有限公司", "uscc": VALID_USCC, "participant_name": "张工",
                               "mobile": mobile, "seats": seats})


def placed(t, count, seats=1, n="TR1"):
    return place(form(seats), t, count, n, "hash", "zh", NOW)


def test_confirmed_while_seats_are_left_then_waiting_in_arrival_order():
    t, count, out = session(capacity=3), SeatCount(), []
    for i in range(5):
        p = placed(t, count, n=f"TR{i}")
        count = p.after
        out.append((p.registration.arrival, p.registration.status, p.after.waiting))
    assert out == [(1, CONFIRMED, 0), (2, CONFIRMED, 0), (3, CONFIRMED, 0), (4, WAITLISTED, 1), (5, WAITLISTED, 2)]
    assert count == SeatCount(version=5, arrivals=5, taken=3, waiting=2)


def test_nobody_jumps_the_queue_a_small_registration_waits_behind_a_large_one():
    t = session(capacity=3)
    big = placed(t, SeatCount(version=1, arrivals=1, taken=2), seats=2)  # 1 seat left: 2 do not fit
    assert big.registration.status is WAITLISTED
    small = placed(t, big.after, seats=1)
    assert small.registration.status is WAITLISTED and small.after.taken == 2


def test_the_deadline_and_the_open_switch_close_registration():
    with pytest.raises(RegistrationClosed):
        placed(session(open_=False), SeatCount())
    deadline = datetime(2026, 12, 2, 10, 0)  # 10:00 Beijing = 02:00 UTC, the test's now
    with pytest.raises(RegistrationClosed):
        placed(session(deadline=deadline), SeatCount())
    assert placed(session(deadline=datetime(2026, 12, 2, 10, 1)), SeatCount()).registration.status is CONFIRMED


def test_more_seats_than_one_organisation_may_hold_is_a_field_error_in_both_languages():
    with pytest.raises(InvalidRequest) as info:
        placed(session(capacity=10, most=2), SeatCount(), seats=3)
    (error,) = info.value.errors
    assert error.field == "seats" and "2" in error.message.zh and "at most 2" in error.message.en


def test_the_form_checks_fields_as_the_request_forms_do():
    with pytest.raises(InvalidRequest) as info:
        parse_registration({"organisation": "", "uscc": "91210100MA0Y9KQX14", "participant_name": "张工",
                            "mobile": "12345", "seats": 0, "extra": 1})
    fields = {e.field: e.message for e in info.value.errors}
    assert set(fields) == {"organisation", "uscc", "mobile", "seats", "extra"}
    assert "校验位" in fields["uscc"].zh and "check character" in fields["uscc"].en
    assert form(mobile="138 0013 8000").mobile == "+8613800138000"


def _registrations(t, n, seats=1):
    count, out = SeatCount(), []
    for i in range(n):
        p = placed(t, count, seats=seats, n=f"TR{i}")
        count, out = p.after, out + [p.registration]
    return count, out


def test_cancelling_a_confirmed_seat_promotes_the_first_waiting_and_only_what_fits():
    t = session(capacity=2)
    count, regs = _registrations(t, 5)  # 2 confirmed, 3 waiting
    c = cancel(regs[0], t, count, regs[2:], NOW)
    assert c.after.status is CANCELLED and c.after.cancelled_at == NOW and c.after.version == 2
    assert [(b.registration_no, a.status) for b, a in c.promoted] == [("TR2", CONFIRMED)]
    assert c.count_after == SeatCount(version=6, arrivals=5, taken=2, waiting=2)


def test_cancelling_while_waiting_frees_no_seat_and_promotes_nobody():
    t = session(capacity=2)
    count, regs = _registrations(t, 4)
    c = cancel(regs[3], t, count, regs[2:], NOW)
    assert c.promoted == () and c.count_after.taken == 2 and c.count_after.waiting == 1


def test_promotion_stops_at_the_first_that_does_not_fit():
    t = session(capacity=3)
    count, regs = _registrations(t, 3)
    waiting = [dataclasses.replace(regs[0], registration_no=f"W{i}", arrival=4 + i, status=WAITLISTED, seats=s)
               for i, s in enumerate((2, 1))]
    count = dataclasses.replace(count, waiting=2, arrivals=5)
    assert cancel(regs[0], t, count, waiting, NOW).promoted == ()  # 1 seat free: the first needs 2
    assert [b.registration_no for b, _ in cancel(regs[0], t, count, list(reversed(waiting)), NOW).promoted] == []


def test_a_cancellation_promotes_at_most_what_one_write_holds():
    t = session(capacity=PROMOTIONS_PER_WRITE + 20, most=PROMOTIONS_PER_WRITE + 5)
    count, (big, *_) = _registrations(t, 1, seats=PROMOTIONS_PER_WRITE + 5)
    waiting = [dataclasses.replace(big, registration_no=f"W{i}", arrival=2 + i, status=WAITLISTED, seats=1)
               for i in range(PROMOTIONS_PER_WRITE + 3)]
    count = dataclasses.replace(count, waiting=len(waiting), arrivals=1 + len(waiting))
    assert len(cancel(big, t, count, waiting, NOW).promoted) == PROMOTIONS_PER_WRITE


def test_no_cancelling_twice_or_once_the_session_has_started():
    t = session()
    count, (r,) = _registrations(t, 1)
    c = cancel(r, t, count, [], NOW)
    with pytest.raises(NotAllowedNow):
        cancel(c.after, t, c.count_after, [], NOW)
    with pytest.raises(NotAllowedNow):
        cancel(r, t, count, [], local(t.start))


def test_check_in_only_confirmed_only_on_the_day_and_a_second_scan_changes_nothing():
    t = session(capacity=1)
    count, (confirmed, waiting) = _registrations(t, 2)
    on_the_day = local(t.start)
    done = check_in(confirmed, t, on_the_day)
    assert done.checked_in_at == on_the_day and done.version == confirmed.version + 1
    assert check_in(done, t, on_the_day) is done
    for r, when in ((waiting, on_the_day), (confirmed, NOW)):
        with pytest.raises(NotAllowedNow):
            check_in(r, t, when)


@pytest.mark.parametrize("body", [None, [], "text", 3])
def test_a_registration_body_that_is_not_an_object_says_so_in_both_languages(body):
    from chalicelib.domain.errors import InvalidRequest
    from chalicelib.domain.registration_form import parse_registration

    with pytest.raises(InvalidRequest) as info:
        parse_registration(body)
    assert [(e.field, e.message.zh, e.message.en) for e in info.value.errors] == [
        ("body", "请求内容应为 JSON 对象。", "The request body must be a JSON object.")]

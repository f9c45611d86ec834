"""The reminder (催办) over the local stack, as `make run` runs it: a consultation submitted on
one day (the stack's clock set a day back) is due its first contact the next working day; on
that day the dispatcher loop's sweep reminds the lead department once, by email and SMS, and a
later run of the stack sends it no second time."""
from __future__ import annotations

from datetime import date, datetime, timedelta

import requests

from chalicelib.domain.calendar import BEIJING, is_working_day
from tests.conftest import consultation
from tests.e2e.conftest import LocalOutbox, assert_clean_log
from tests.e2e.harness import local_stack

DEPARTMENT = "quality-station@departments.example.org"


def _offsets() -> tuple[int, int]:
    """Clock offsets (days) of the two runs: the day before a working day, and that working day
    (today, or the next one: reminders are sent on working days only)."""
    today = datetime.now(BEIJING).date()
    target = today
    while not is_working_day(target)[0]:
        target += timedelta(days=1)
    return (target - timedelta(days=1) - today).days, (target - today).days


def _reminders(snapshot: dict, no: str) -> list[dict]:
    return [m for m in snapshot["messages"] if no in m["subject"] + m["body"] and "催办" in m["subject"] + m["body"]]


def test_a_request_due_next_is_reminded_once_by_the_dispatcher_loop(tmp_path):
    before, on = _offsets()
    env = {"LOCAL_DATA_DIR": str(tmp_path / "data"), "LOCAL_SWEEP_SECONDS": "2"}
    with local_stack("reminders-1", LOCAL_CLOCK_OFFSET_DAYS=str(before), **env) as first:
        res = requests.post(f"{first.url}/api/requests", json=consultation(), timeout=30)
        assert res.status_code == 201, res.text
        no = res.json()["tracking_no"]
        due = date.fromisoformat(res.json()["respond_by"])
        outbox = LocalOutbox(first.url)
        outbox.mine(no, count=4)  # the department's email and SMS, the copied district's email, the applicant's SMS
        assert _reminders(outbox.read(), no) == []  # submitted today: the department was just told
    assert_clean_log(first.logged())
    assert due == datetime.now(BEIJING).date() + timedelta(days=on)  # first contact due on the second run's day
    with local_stack("reminders-2", LOCAL_CLOCK_OFFSET_DAYS=str(on), **env) as second:
        outbox = LocalOutbox(second.url)
        sent = outbox.until(lambda s: (got := _reminders(s, no)) and len(got) >= 2 and got)
        assert sorted(m["channel"] for m in sent) == ["email", "sms"]
        email = next(m for m in sent if m["channel"] == "email")
        assert email["to"] == DEPARTMENT and "首次联系时限" in email["body"] and "first-contact deadline" in email["body"]
    assert_clean_log(second.logged())
    with local_stack("reminders-3", LOCAL_CLOCK_OFFSET_DAYS=str(on), **env) as third:
        outbox = LocalOutbox(third.url)
        other = requests.post(f"{third.url}/api/requests", json=consultation(), timeout=30).json()["tracking_no"]
        outbox.mine(other, count=4)  # the loop sweeps (reminders first) before it sends what it is woken for
        assert len(_reminders(outbox.read(), no)) == 2  # the outbox page keeps what earlier runs sent
    assert_clean_log(third.logged())

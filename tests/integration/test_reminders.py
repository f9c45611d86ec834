"""The reminder sweep against moto: its reads are index queries over a date range (never a
Scan), each reminder is recorded once with its messages, also when two scheduler runs sweep at
the same moment in two threads, and the follow-up SMS goes out exactly once through the
dispatcher."""
from __future__ import annotations

import dataclasses
import threading
from datetime import datetime, timezone

import boto3
import pytest

from chalicelib.adapters.dynamodb import keys as k
from chalicelib.adapters.dynamodb.reminder_store import DynamoReminderStore
from chalicelib.domain.officers import Officer, Role
from chalicelib.domain.reminders import Kind, Reminder
from chalicelib.service_layer import public, staff
from chalicelib.service_layer.dispatch import Dispatcher
from chalicelib.service_layer.ports import Conflict
from chalicelib.service_layer.reminders import send_reminders
from tests.conftest import consultation

OFFICER = Officer("officer.quality-station", "李工", Role.OFFICER, ("quality-station",))


@pytest.fixture
def moto_deps(moto_deps, identity):
    """The real adapters over moto, with the sample staff of the fake directory."""
    return dataclasses.replace(moto_deps, directory=identity)


def beijing(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+08:00").astimezone(timezone.utc)


def _assigned(d, clock, day: str) -> str:
    clock.current = beijing(day)
    no = public.submit(consultation(), d).request.tracking_no
    staff.act(OFFICER, no, {"action": "accept"}, d)
    staff.act(OFFICER, no, {"action": "assign", "assignee": "officer2.quality-station"}, d)
    return no


def _records(ddb, table, no) -> list[str]:
    out = ddb.query(TableName=table, KeyConditionExpression="pk = :pk AND begins_with(sk, :r)",
                    ExpressionAttributeValues={":pk": k.request_pk(no), ":r": k.s(k.REMINDER)}, ConsistentRead=True)
    return sorted(i["sk"]["S"].removeprefix(k.REMINDER) for i in out["Items"])


def _messages(ddb, table, no) -> list[str]:
    out = ddb.query(TableName=table, KeyConditionExpression="pk = :pk AND begins_with(sk, :m)",
                    ExpressionAttributeValues={":pk": k.request_pk(no), ":m": k.s(k.MESSAGE + "remind.")},
                    ConsistentRead=True)
    return sorted(i["message_id"]["S"] for i in out["Items"])


def test_deadlines_and_follow_ups_are_read_by_date_range_from_the_indexes(moto_deps, clock, table):
    store = DynamoReminderStore(table)
    early = _assigned(moto_deps, clock, "2026-09-28")  # complete by 10 October (the make-up Saturday)
    late = _assigned(moto_deps, clock, "2026-10-09")   # complete by 16 October
    assert [e.tracking_no for e in store.deadlines("quality-station", "2026-10-01", "2026-10-12")] == [early]
    assert {e.tracking_no for e in store.deadlines("quality-station", "2026-10-01", "2026-10-31")} == {early, late}
    # The copied district authority's partition holds cc entries only: nothing to remind there.
    assert store.deadlines("district-authority-hunnan", "2026-10-01", "2026-10-31") == []
    for body in ({"action": "start"}, {"action": "complete", "summary": "已现场解答全部问题。"}):
        staff.act(OFFICER, early, body, moto_deps)
    follow = store.follow_ups("quality-station", "2026-10-01", "2026-10-31")
    # Completed Friday 9 October: 5 working days are the make-up Saturday 10th and 12–15 October.
    assert [(e.tracking_no, e.on) for e in follow] == [(early, "2026-10-15")]
    assert store.follow_ups("quality-station", "2026-10-01", "2026-10-14") == []


def test_a_recorded_reminder_cannot_be_recorded_again(moto_deps, clock, table):
    store = DynamoReminderStore(table)
    no = _assigned(moto_deps, clock, "2026-09-28")
    reminder = Reminder(no, Kind.REMINDER, "2026-10-10")
    assert store.sent([reminder]) == set()
    store.record(reminder, [])
    assert store.sent([reminder, Reminder(no, Kind.TO_HEAD, "2026-10-10")]) == {reminder}
    try:
        store.record(reminder, [])
    except Conflict:
        pass
    else:
        raise AssertionError("a second record of the same reminder was accepted")


def test_two_scheduler_runs_at_once_send_each_reminder_once(moto_deps, clock, table, ddb):
    nos = [_assigned(moto_deps, clock, "2026-09-28") for _ in range(3)]
    clock.current = beijing("2026-10-14")  # overdue 3 working days: head and supervisor, in one late run
    for attempt in range(4):  # several rounds: each a fresh race of two threads
        start, results, errors = threading.Barrier(2), [], []

        def run():
            start.wait()
            try:
                results.append(send_reminders(moto_deps))
            except Exception as exc:  # pragma: no cover - reported below
                errors.append(exc)
        threads = [threading.Thread(target=run) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert not errors, errors
        if attempt == 0:
            assert sum(r["escalation_head"] for r in results) == 3
            assert sum(r["escalation_supervisor"] for r in results) == 3
        else:
            assert all(sum(r.values()) == 0 for r in results)
    for no in nos:
        assert _records(ddb, table, no) == ["escalation_head.2026-10-10", "escalation_supervisor.2026-10-10"]
        # The quality station's head, then the supervisor: one email each.
        assert _messages(ddb, table, no) == [
            "remind.escalation_head.2026-10-10.head-1.email", "remind.escalation_supervisor.2026-10-10.supervisor-1.email"]


def test_the_follow_up_sms_goes_out_exactly_once(moto_deps, clock, table, ddb):
    no = _assigned(moto_deps, clock, "2026-02-09")
    for body in ({"action": "start"}, {"action": "complete", "summary": "已现场解答全部问题。"}):
        staff.act(OFFICER, no, body, moto_deps)
    clock.current = beijing("2026-02-13")  # completed on the 9th; due 5 working days later
    send_reminders(moto_deps)
    assert _records(ddb, table, no) == []
    clock.current = beijing("2026-02-14")  # 10, 11, 12, 13 and the make-up Saturday 14: 5 working days
    for _ in range(3):
        send_reminders(moto_deps)
    assert _records(ddb, table, no) == ["follow_up"]
    dispatcher = Dispatcher(moto_deps)
    while dispatcher.dispatch_due():
        pass
    clock.current = beijing("2026-02-24")  # after the holiday: still unrated, still nothing more
    send_reminders(moto_deps)
    while dispatcher.dispatch_due():
        pass
    sns = boto3.client("sns")
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.sns.models import sns_backends

    texts = [m for m in sns_backends[DEFAULT_ACCOUNT_ID][sns.meta.region_name].sms_messages.values()
             if no in m[1] and "仅此一次提醒" in m[1]]
    assert len(texts) == 1 and texts[0][0] == "+8613800138000"
    assert moto_deps.links.status_url(no, "zh") in texts[0][1]  # the rating link: the status page


def test_the_deps_of_the_lambda_include_the_reminder_store(table, addresses, links):
    from chalicelib.bootstrap import bootstrap
    from chalicelib.config import Config

    d = bootstrap(Config(table_name=table, sender_email="no-reply@portal.example.org"), addresses=addresses,
                  links=links)
    assert isinstance(d.reminders, DynamoReminderStore)

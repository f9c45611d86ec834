"""The supervisors' list of appeals awaiting a decision, against moto: the entry is written by
the appeal's own transaction and deleted by the decision's, the list is one query on the queue
index (never a scan), oldest appeal first and paged, and only supervisors read it."""
from __future__ import annotations

import dataclasses
from datetime import datetime, timedelta, timezone

import boto3
import pytest

from chalicelib.adapters.dynamodb import keys as k
from chalicelib.adapters.dynamodb.items import iso
from chalicelib.domain.errors import InvalidRequest, NotFound
from chalicelib.domain.officers import Officer, Role
from chalicelib.service_layer import public, staff
from tests.conftest import consultation

OFFICER = Officer("officer.quality-station", "李工", Role.OFFICER, ("quality-station",))
HEAD = Officer("head.quality-station", "王科长", Role.HEAD, ("quality-station",))
SUPERVISOR = Officer("supervisor", "督查", Role.SUPERVISOR)
APPEAL_SK = k.QUEUE + "bureau#appeal=pending"


@pytest.fixture
def d(moto_deps, identity):
    return dataclasses.replace(moto_deps, directory=identity)


def _rated_poorly(d, clock) -> str:
    no = public.submit(consultation(), d).request.tracking_no
    for body in ({"action": "accept"}, {"action": "assign", "assignee": "officer2.quality-station"},
                 {"action": "start"}, {"action": "complete", "summary": "已现场解答全部问题。"}):
        staff.act(OFFICER, no, body, d)
    public.act_as_applicant(no, d.links.access_token(no), {"action": "rate", "level": 1}, d)
    return no


def _appeal(d, no) -> None:
    staff.act(OFFICER, no, {"action": "appeal_rating", "reason": "评价针对的是其他单位的事项。"}, d)


def _entry(table, no):
    return boto3.client("dynamodb").get_item(TableName=table, ConsistentRead=True,
                                             Key={"pk": k.request_pk(no), "sk": k.s(APPEAL_SK)}).get("Item")


def _listed(d) -> list[str]:
    return [e.tracking_no for e in staff.appeals(SUPERVISOR, None, d, limit=50).entries]


def test_the_appeal_writes_the_entry_and_the_decision_removes_it(d, clock, table):
    clock.current = datetime(2026, 11, 2, 2, tzinfo=timezone.utc)
    no = _rated_poorly(d, clock)
    assert _entry(table, no) is None and _listed(d) == []
    _appeal(d, no)
    entry = _entry(table, no)
    assert entry["gsi1pk"] == k.s("DEPT#bureau#appeal=pending") and entry["department"] == k.s("quality-station")
    assert entry["rating"] == {"N": "1"} and entry["gsi1sk"]["S"].startswith("poor_rating#2026-11-02")
    [e] = staff.appeals(SUPERVISOR, None, d).entries
    assert (e.tracking_no, e.department, e.rating, e.service) == (no, "quality-station", 1, "consultation")
    assert e.appealed_at == iso(clock.current)
    assert no in [x.tracking_no for x in staff.queue(OFFICER, "quality-station", "poor_rating", {}, None, d).entries]
    staff.act(SUPERVISOR, no, {"action": "decide_appeal", "upheld": False, "reason": "评价属实。"}, d)
    assert _entry(table, no) is None and _listed(d) == []


def test_oldest_appeal_first_paged_by_one_index_query(d, clock, table):
    clock.current = datetime(2026, 11, 2, 2, tzinfo=timezone.utc)
    numbers = [_rated_poorly(d, clock) for _ in range(3)]
    for no in reversed(numbers):  # appealed newest request first: the list follows the appeal's time
        clock.current += timedelta(minutes=5)
        _appeal(d, no)
    first = staff.appeals(SUPERVISOR, None, d, limit=2)
    assert [e.tracking_no for e in first.entries] == numbers[::-1][:2] and first.read == 2 and first.cursor
    second = staff.appeals(SUPERVISOR, first.cursor, d, limit=2)
    assert [e.tracking_no for e in second.entries] == [numbers[0]] and second.cursor is None
    with pytest.raises(InvalidRequest):
        staff.appeals(SUPERVISOR, "not-a-cursor", d)


def test_only_supervisors_read_the_list(d, clock):
    clock.current = datetime(2026, 11, 2, 2, tzinfo=timezone.utc)
    _appeal(d, _rated_poorly(d, clock))
    for someone in (OFFICER, HEAD):
        with pytest.raises(NotFound):
            staff.appeals(someone, None, d)

"""The poor-rating loop against moto, across National Day 2026 (1–7 October off, Saturday 10
October a make-up working day): the two deadlines and `rating_excluded` stored on the head and
read back, each step's one EVENT item with the details the figures read, the running timer in
the deadline index (so the queue's lanes and the reminder sweep find it), and the poor-rating lane
kept true by every step."""
from __future__ import annotations

import dataclasses
import json
from datetime import datetime, timezone

import boto3
import pytest

from chalicelib.adapters.dynamodb import keys as k
from chalicelib.adapters.dynamodb.reminder_store import DynamoReminderStore
from chalicelib.domain.officers import Officer, Role
from chalicelib.service_layer import public, staff
from chalicelib.service_layer.reminders import send_reminders
from tests.conftest import consultation

OFFICER = Officer("officer.quality-station", "李工", Role.OFFICER, ("quality-station",))
SUPERVISOR = Officer("supervisor", "督查", Role.SUPERVISOR)


@pytest.fixture
def d(moto_deps, identity):
    return dataclasses.replace(moto_deps, directory=identity)


def beijing(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00+08:00").astimezone(timezone.utc)


def _events(table, no) -> dict[str, dict]:
    out = boto3.client("dynamodb").query(
        TableName=table, KeyConditionExpression="pk = :pk AND begins_with(sk, :e)", ConsistentRead=True,
        ExpressionAttributeValues={":pk": k.request_pk(no), ":e": k.s(k.EVENT)})["Items"]
    return {i["action"]["S"]: json.loads(i.get("details_json", {}).get("S", "{}")) for i in out}


def _lane(d, name) -> list[str]:
    return [e.tracking_no for e in staff.queue(OFFICER, "quality-station", name, {}, None, d, limit=50).entries]


def test_the_loop_is_stored_indexed_and_reminded_across_national_day(d, clock, table):
    clock.current = beijing("2026-09-21")
    no = public.submit(consultation(), d).request.tracking_no
    for body in ({"action": "accept"}, {"action": "assign", "assignee": "officer2.quality-station"}, {"action": "start"},
                 {"action": "complete", "summary": "已现场解答全部问题。"}):
        staff.act(OFFICER, no, body, d)
    clock.current = beijing("2026-09-29")  # Tuesday before the holiday
    public.act_as_applicant(no, d.links.access_token(no), {"action": "rate", "level": 2}, d)
    r = d.store.get(no)
    # 5 working days: 30 Sept, 8, 9, Saturday 10 and 12 October; 15: … to 26 October.
    assert (r.verify_by, r.rectify_by, r.rating_excluded) == ("2026-10-12", "2026-10-26", False)
    assert _events(table, no)["rate"] == {"level": 2, "verify_by": "2026-10-12", "rectify_by": "2026-10-26"}
    index = DynamoReminderStore(table)
    assert [(e.tracking_no, e.on) for e in index.deadlines("quality-station", "2026-10-01", "2026-10-31")] == [
        (no, "2026-10-12")]
    assert _lane(d, "poor_rating") == [no] and _lane(d, "closed") == []
    clock.current = beijing("2026-10-10")  # the make-up Saturday: the working day before the deadline
    assert send_reminders(d)["reminder"] == 1

    staff.act(OFFICER, no, {"action": "verify_rating", "verification": "已电话回访。"}, d)
    assert [e.on for e in index.deadlines("quality-station", "2026-10-01", "2026-10-31")] == ["2026-10-26"]
    staff.act(OFFICER, no, {"action": "appeal_rating", "reason": "评价针对的是其他单位的事项。"}, d)
    staff.act(SUPERVISOR, no, {"action": "decide_appeal", "upheld": True, "reason": "经核实属实。"}, d)
    r = d.store.get(no)
    assert r.rating_excluded and r.rating == 2 and r.due is None
    assert index.deadlines("quality-station", "2026-10-01", "2026-10-31") == []
    assert _lane(d, "poor_rating") == [] and _lane(d, "closed") == [no]
    events = _events(table, no)
    assert events["verify_rating"] == {"verification": "已电话回访。"}
    assert events["appeal_rating"] == {"reason": "评价针对的是其他单位的事项。"} and events["decide_appeal"] == {"upheld": True}
    head = boto3.client("dynamodb").get_item(TableName=table, Key=k.head(no), ConsistentRead=True)["Item"]
    assert head["rating_excluded"] == {"BOOL": True} and head["rating"] == {"N": "2"}

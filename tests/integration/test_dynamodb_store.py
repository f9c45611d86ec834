"""DynamoRequestStore against moto: one transaction per submission, the outbox index, leases,
and changes that land only on the version they were judged on."""
from datetime import timedelta

import pytest

from chalicelib.domain.actions import WithdrawIn
from chalicelib.domain.staff_actions import AcceptIn
from chalicelib.domain.lifecycle import Status
from chalicelib.domain.outbox import Delivery
from chalicelib.domain.request import Viewer
from chalicelib.service_layer.ports import Conflict
from chalicelib.service_layer.public import submit
from tests.conftest import consultation


@pytest.fixture
def store(moto_deps):
    return moto_deps.store


@pytest.fixture
def submitted(moto_deps):
    return submit(consultation(), moto_deps).request


def _all_items(ddb, table):
    return ddb.scan(TableName=table)["Items"]


def test_a_submission_is_one_partition_read_back_whole(store, submitted, ddb, table):
    request = store.get(submitted.tracking_no)
    assert request == submitted  # every field survives the round trip
    kinds = sorted(i["sk"]["S"].split("#")[0] for i in _all_items(ddb, table) if i["pk"]["S"].startswith("REQ#"))
    # lead and copied department, each under all, its service, its stage and its district
    assert kinds == ["EVENT", "MSG", "MSG", "MSG", "MSG"] + ["QUEUE"] * 8 + ["REQUEST"]


def test_the_transaction_writes_nothing_when_any_item_conflicts(store, submitted, ddb, table):
    before = _all_items(ddb, table)
    with pytest.raises(Conflict):
        store.add(submitted, [])  # same request again: its items exist already
    assert len(_all_items(ddb, table)) == len(before)


def test_department_queue_is_a_query_on_the_index(submitted, ddb, table):
    out = ddb.query(TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :d",
                    ExpressionAttributeValues={":d": {"S": "DEPT#quality-station#all"}})
    assert [i["pk"]["S"] for i in out["Items"]] == [f"REQ#{submitted.tracking_no}"]


def test_due_messages_claim_send_and_leave_the_index(store, submitted, clock):
    now = clock.now()
    due = store.due_messages(now, 10)
    assert len(due) == 4
    no, msg = due[0]
    claimed = store.claim_message(no, msg, now, now + timedelta(seconds=60))
    assert claimed is not None and claimed.status is Delivery.PENDING
    assert store.claim_message(no, msg, now, now + timedelta(seconds=60)) is None  # leased
    store.record_sent(claimed, "provider-1", now)
    assert (no, msg) not in store.due_messages(now, 10)
    assert store.claim_message(no, msg, now + timedelta(hours=1), now + timedelta(hours=2)) is None


def test_a_failure_reschedules_or_ends_the_message(store, submitted, clock):
    now = clock.now()
    (no, first), (_, second) = store.due_messages(now, 10)[:2]
    m1 = store.claim_message(no, first, now, now + timedelta(seconds=60))
    store.record_failure(m1, "Throttling", now, now + timedelta(minutes=5))
    assert (no, first) not in store.due_messages(now, 10)
    assert (no, first) in store.due_messages(now + timedelta(minutes=5), 10)
    later = store.claim_message(no, first, now + timedelta(minutes=5), now + timedelta(minutes=6))
    assert later.attempts == 1 and later.last_error == "Throttling"
    m2 = store.claim_message(no, second, now, now + timedelta(seconds=60))
    store.record_failure(m2, "MessageRejected", now, None)
    assert (no, second) not in store.due_messages(now + timedelta(days=1), 10)


def test_a_change_moves_status_queue_and_timeline_together(store, submitted, clock, ddb, table):
    no = submitted.tracking_no
    change = submitted.perform(AcceptIn(action="accept"), Viewer.officer({"quality-station"}), clock.now())
    store.transition(change, [])
    assert store.get(no) == change.after
    queue = ddb.query(TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :d AND begins_with(gsi1sk, :s)",
                      ExpressionAttributeValues={":d": {"S": "DEPT#quality-station#all"}, ":s": {"S": "in_service#"}})
    assert queue["Count"] == 1
    with pytest.raises(Conflict):
        store.transition(change, [])  # judged on version 1, which is gone: nothing changes
    assert store.get(no) == change.after


def test_of_two_changes_judged_on_one_version_only_the_first_lands(store, submitted, clock):
    accept = submitted.perform(AcceptIn(action="accept"), Viewer.officer({"quality-station"}), clock.now())
    withdraw = submitted.perform(WithdrawIn(action="withdraw"), Viewer.applicant(submitted.tracking_no), clock.now())
    store.transition(withdraw, [])
    with pytest.raises(Conflict):
        store.transition(accept, [])
    stored = store.get(submitted.tracking_no)
    assert stored.status is Status.WITHDRAWN and [e.seq for e in stored.timeline] == [1, 2]

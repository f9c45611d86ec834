"""DynamoRequestStore against moto: one transaction per submission, the outbox index, leases."""
from datetime import timedelta

import boto3
import pytest

from chalicelib.adapters.dynamodb_store import DynamoRequestStore
from chalicelib.service_layer.ports import Conflict
from chalicelib.domain.model import Delivery
from chalicelib.service_layer.submit import SubmitDeps, submit
from tests.conftest import consultation


@pytest.fixture
def store(table):
    client = boto3.client("dynamodb")
    return DynamoRequestStore(table, ddb=lambda: client)


@pytest.fixture
def submitted(store, catalog, clock, addresses):
    deps = SubmitDeps(catalog=catalog, store=store, clock=clock, addresses=addresses,
                      public_base_url="https://portal.example.test")
    out = submit(consultation(), deps)
    return out


def _all_items(ddb, table):
    return ddb.scan(TableName=table)["Items"]


def test_a_submission_is_one_partition_read_back_whole(store, submitted, ddb, table):
    request = store.get(submitted['tracking_no'])
    assert request.form["organisation"] == "沈阳示例建设有限公司" and request.district == "hunnan"
    assert [e.status.value for e in request.timeline] == ["submitted"]
    kinds = sorted(i["sk"]["S"].split("#")[0] for i in _all_items(ddb, table))
    assert kinds == ["EVENT", "MSG", "MSG", "MSG", "MSG", "QUEUE", "QUEUE", "REQUEST"]


def test_the_transaction_writes_nothing_when_any_item_conflicts(store, submitted, ddb, table, catalog, clock):
    before = _all_items(ddb, table)
    request = store.get(submitted['tracking_no'])
    with pytest.raises(Conflict):
        store.add(request, [])  # same request again: its items exist already
    assert len(_all_items(ddb, table)) == len(before)


def test_department_queue_is_a_query_on_the_index(submitted, ddb, table):
    out = ddb.query(TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :d",
                    ExpressionAttributeValues={":d": {"S": "DEPT#quality-station"}})
    assert [i["pk"]["S"] for i in out["Items"]] == [f"REQ#{submitted['tracking_no']}"]


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


def test_a_transition_moves_status_queue_and_timeline_together(store, submitted, clock, ddb, table):
    from chalicelib.domain.lifecycle import Status
    from chalicelib.domain.model import TimelineEvent
    from chalicelib.domain.transitions import Transition

    no = submitted["tracking_no"]
    request = store.get(no)
    move = Transition(tracking_no=no, expected=frozenset({Status.SUBMITTED}), status=Status.ACCEPTED,
                      event=TimelineEvent(at=clock.now(), status=Status.ACCEPTED), created_at=request.created_at,
                      departments=request.lead_departments + request.cc_departments, fields={"assignee": None})
    store.transition(move)
    assert store.get(no).status is Status.ACCEPTED
    assert [e.status for e in store.get(no).timeline] == [Status.SUBMITTED, Status.ACCEPTED]
    queue = ddb.query(TableName=table, IndexName="gsi1", KeyConditionExpression="gsi1pk = :d AND begins_with(gsi1sk, :s)",
                      ExpressionAttributeValues={":d": {"S": "DEPT#quality-station"}, ":s": {"S": "accepted#"}})
    assert queue["Count"] == 1
    with pytest.raises(Conflict):
        store.transition(move)  # no longer submitted: nothing changes
    assert len(store.get(no).timeline) == 2

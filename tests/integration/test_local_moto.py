"""The local stack's patch of moto's transaction rollback: a transaction that fails after some of
its writes were applied leaves nothing behind (items, updates, stream records), and the patch
refuses to run on a moto it was not reviewed for."""
import dataclasses
from datetime import date

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.dynamodb import models
from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends

from chalicelib.adapters.dynamodb.items import to_message
from chalicelib.domain.staff_actions import AcceptIn
from chalicelib.domain.intake import open_request
from chalicelib.domain.request import Viewer
from chalicelib.service_layer.ports import Conflict
from chalicelib.service_layer.public import submit, validate
from infra import local_moto
from infra.local_aws import REGION
from tests.conftest import consultation


def _stream_length(table):
    return len(dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION].tables[table].stream_shard.items)


def _items(ddb, table):
    return sorted(map(str, ddb.scan(TableName=table)["Items"]))


def test_the_rollback_patch_is_the_one_in_use(table):
    assert DynamoDBBackend._portal_patched and isinstance(models.copy, local_moto._NoTableCopy)


def test_a_change_that_fails_on_its_last_write_leaves_the_request_as_it_was(moto_deps, ddb, table, clock):
    request = submit(consultation(), moto_deps).request
    before, stream = _items(ddb, table), _stream_length(table)
    change = request.perform(AcceptIn(action="accept"), Viewer.officer({"quality-station"}), clock.now())
    existing = ddb.query(TableName=table, KeyConditionExpression="pk = :p AND begins_with(sk, :m)",
                         ExpressionAttributeValues={":p": {"S": f"REQ#{request.tracking_no}"}, ":m": {"S": "MSG#"}})["Items"][0]
    with pytest.raises(Conflict):  # the head's update, the queues and the event apply first; this Put fails
        moto_deps.store.transition(change, [to_message(existing)])
    assert _items(ddb, table) == before and _stream_length(table) == stream
    assert moto_deps.store.get(request.tracking_no) == request


def test_a_new_request_whose_last_item_exists_writes_none_of_its_items(moto_deps, ddb, table):
    first = submit(consultation(), moto_deps).request
    before, stream = _items(ddb, table), _stream_length(table)
    form = validate(consultation(), date(2026, 11, 30))
    fresh, messages = open_request(form, moto_deps.catalog, moto_deps.addresses, moto_deps.links, "zh",
                                   moto_deps.clock.now())
    taken = dataclasses.replace(messages[0], tracking_no=first.tracking_no, message_id="001-submitted.quality-station.email")
    with pytest.raises(Conflict):
        moto_deps.store.add(fresh, [*messages, taken])
    assert _items(ddb, table) == before and _stream_length(table) == stream
    assert moto_deps.store.get(fresh.tracking_no) is None


def test_the_patch_refuses_a_moto_it_was_not_reviewed_for(monkeypatch):
    monkeypatch.delattr(DynamoDBBackend, "_portal_patched", raising=False)
    monkeypatch.setattr(local_moto, "TRANSACT_SOURCE", "0" * 64)
    with pytest.raises(local_moto.MotoChanged, match="transact_write_items changed"):
        local_moto.patch_moto()
    monkeypatch.setattr(local_moto, "MOTO_VERSION", "0.0.0")
    with pytest.raises(local_moto.MotoChanged, match="reviewed for 0.0.0"):
        local_moto.patch_moto()


def _queries(ddb, table) -> list:
    """Base-table and index Queries, each read to its last page, forwards and backwards."""
    asked = [dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "P#2"}}),
             dict(KeyConditionExpression="pk = :p AND begins_with(sk, :s)",
                  ExpressionAttributeValues={":p": {"S": "P#3"}, ":s": {"S": "S#1"}}, ScanIndexForward=False),
             dict(KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "P#none"}}),
             dict(IndexName="gsi1", KeyConditionExpression="gsi1pk = :g AND gsi1sk > :a",
                  ExpressionAttributeValues={":g": {"S": "G#1"}, ":a": {"S": "0003"}})]
    pages = []
    for query in asked:
        for forward in (True, False):
            start: dict = {}
            while True:
                out = ddb.query(TableName=table, Limit=4, **{"ScanIndexForward": forward, **query}, **start)
                pages.append((out["Items"], out.get("LastEvaluatedKey")))
                if "LastEvaluatedKey" not in out:
                    break
                start = {"ExclusiveStartKey": out["LastEvaluatedKey"]}
    return pages


def test_a_query_reads_only_its_partition_and_answers_as_moto_did(ddb, table, monkeypatch):
    for p in range(5):
        for s in range(12):
            ddb.put_item(TableName=table, Item={"pk": {"S": f"P#{p}"}, "sk": {"S": f"S#{s:02d}"},
                                                "gsi1pk": {"S": f"G#{s % 2}"}, "gsi1sk": {"S": f"{s * 7 % 12:04d}"}})
    patched = _queries(ddb, table)
    from moto.dynamodb.models.table import Table

    reads = []
    monkeypatch.setattr(Table, "all_items", lambda self: reads.append(1) or [])
    assert ddb.query(TableName=table, KeyConditionExpression="pk = :p",
                     ExpressionAttributeValues={":p": {"S": "P#1"}})["Count"] == 12  # not through all_items
    assert reads == []
    monkeypatch.undo()
    monkeypatch.setattr(Table, "query", Table.query.__wrapped__)  # moto's own
    assert patched == _queries(ddb, table) and any(items for items, _ in patched)
    assert "all_items" not in vars(dynamodb_backends[DEFAULT_ACCOUNT_ID][REGION].tables[table])


def test_the_query_patch_refuses_a_query_it_was_not_reviewed_for(monkeypatch):
    from infra import local_moto_query
    from moto.dynamodb.models.table import Table

    monkeypatch.setattr(local_moto_query, "QUERY_SOURCE", "0" * 64)
    with pytest.raises(local_moto.MotoChanged, match="Table.query changed"):
        local_moto_query.patch_query(Table, local_moto.MotoChanged)

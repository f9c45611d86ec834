"""ReminderStore on the one table: the sweep's reads go through the department queues' indexes
(gsi2 by running deadline, gsi1's follow-up lane by follow-up date), over a date range, so they
read the entries in that range and nothing else; never a Scan of the requests."""
from __future__ import annotations

import secrets
from typing import Any, Callable, Sequence

from ...domain.outbox import OutboundMessage
from ...domain.queue import Facet, Lane
from ...domain.reminders import Reminder
from ...service_layer.reminder_ports import Dated
from ..aws import client
from . import keys as k
from .items import message_item
from .store import DynamoRequestStore, _token, _unavailable

_UNFILTERED = Facet().key  # the queue's partition without a facet holds every request once per department


class DynamoReminderStore(DynamoRequestStore):
    """Extends the request store for its transaction and its mapping of DynamoDB's errors."""

    def __init__(self, table: str, ddb: Callable[[], Any] = lambda: client("dynamodb")):
        super().__init__(table, ddb)

    def deadlines(self, department: str, since: str, until: str) -> list[Dated]:
        query = _range("gsi2pk", "gsi2sk", department, since, until + "#~")
        items = self._lead(lambda q: self._ddb().query(IndexName=k.DEADLINE_INDEX, **q), query)
        return [Dated(i["tracking_no"]["S"], i["gsi2sk"]["S"].split("#")[0]) for i in items]

    def follow_ups(self, department: str, since: str, until: str) -> list[Dated]:
        lane = Lane.FOLLOW_UP.value
        query = _range("gsi1pk", "gsi1sk", department, f"{lane}#{since}", f"{lane}#{until}#~")
        items = self._lead(lambda q: self._ddb().query(IndexName=k.QUEUE_INDEX, **q), query)
        return [Dated(i["tracking_no"]["S"], i["gsi1sk"]["S"].split("#")[1]) for i in items]

    def _lead(self, call: Callable[[dict[str, Any]], dict[str, Any]], query: dict[str, Any]) -> list[dict[str, Any]]:
        """The lead entries of every page of one range query; cc entries share the partition and
        are read too (they are few), then left out."""
        query = {"TableName": self._table, **query}
        items: list[dict[str, Any]] = []
        while True:
            out = _unavailable(lambda: call(query))
            items += [i for i in out.get("Items", []) if i.get("role", {}).get("S") == "lead"]
            if "LastEvaluatedKey" not in out:
                return items
            query["ExclusiveStartKey"] = out["LastEvaluatedKey"]

    def sent(self, reminders: Sequence[Reminder]) -> set[Reminder]:
        wanted = {(k.REQUEST + r.tracking_no, k.REMINDER + r.key): r for r in reminders}
        keys = [{"pk": k.s(pk), "sk": k.s(sk)} for pk, sk in wanted]
        found: set[Reminder] = set()
        for start in range(0, len(keys), 100):  # BatchGetItem takes 100 keys a call
            pending: dict[str, Any] = {self._table: {"Keys": keys[start:start + 100], "ConsistentRead": True,
                                                     "ProjectionExpression": "pk, sk"}}
            while pending:
                out = _unavailable(lambda: self._ddb().batch_get_item(RequestItems=pending))
                for item in out.get("Responses", {}).get(self._table, []):
                    found.add(wanted[(item["pk"]["S"], item["sk"]["S"])])
                pending = out.get("UnprocessedKeys") or {}
        return found

    def record(self, reminder: Reminder, messages: Sequence[OutboundMessage]) -> None:
        item = k.reminder(reminder.tracking_no, reminder.key) | {
            "kind": k.s(reminder.kind.value), "deadline": k.s(reminder.deadline),
            "messages": {"L": [k.s(m.message_id) for m in messages]}}
        ops = [self._put_new(item)] + [self._put_new(message_item(m)) for m in messages]
        # The token is this attempt's own: botocore's retries of it are recognised as the same,
        # while another scheduler run's write is judged on its condition (and loses).
        self._transact(ops, _token("reminder", reminder.tracking_no, reminder.key, secrets.token_hex(8)))


def _range(pk: str, sk: str, department: str, low: str, high: str) -> dict[str, Any]:
    """A query of the department's unfiltered queue partition between two sort keys."""
    return {"KeyConditionExpression": f"{pk} = :p AND {sk} BETWEEN :low AND :high",
            "ExpressionAttributeValues": {":p": k.queue_pk(department, _UNFILTERED), ":low": k.s(low),
                                          ":high": k.s(high)}}

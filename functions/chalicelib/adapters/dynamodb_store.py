"""RequestStore on one DynamoDB table: every write of a submission in one transaction."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Sequence

from ..domain.model import OutboundMessage, ServiceRequest
from ..domain.transitions import IdempotencyRecord, Transition
from ..service_layer.ports import Conflict, Contention
from .aws import client, error_code
from .dynamodb_items import (DUE, event_item, idempotency_item, iso, message_item, pk, request_items,
                             to_idempotency, to_message, to_request)

DUE_INDEX = "due"


class DynamoRequestStore:
    def __init__(self, table: str, ddb: Callable[[], Any] = lambda: client("dynamodb")):
        self._table = table
        self._ddb = ddb

    def add(self, request: ServiceRequest, messages: Sequence[OutboundMessage],
            idempotency: IdempotencyRecord | None = None) -> None:
        items = ([idempotency_item(idempotency)] if idempotency else []) + request_items(request)
        items += [message_item(m) for m in messages]
        self._transact([{"Put": {"TableName": self._table, "Item": item,
                                 "ConditionExpression": "attribute_not_exists(pk)"}} for item in items])

    def get_idempotency(self, key_hash: str) -> IdempotencyRecord | None:
        out = self._ddb().get_item(TableName=self._table, ConsistentRead=True,
                                   Key={"pk": {"S": f"IDEM#{key_hash}"}, "sk": {"S": "IDEM"}})
        return to_idempotency(out["Item"]) if "Item" in out else None

    def transition(self, t: Transition) -> None:
        created = iso(t.created_at)
        names = {"#s": "status"}
        values: dict[str, Any] = {":new": {"S": t.status.value}}
        values |= {f":e{i}": {"S": s.value} for i, s in enumerate(sorted(t.expected))}
        sets = ["#s = :new"]
        for i, (name, value) in enumerate(t.fields.items()):
            names[f"#f{i}"], values[f":f{i}"] = name, _attr(value)
            sets.append(f"#f{i} = :f{i}")
        ops: list[dict[str, Any]] = [{"Update": {
            "TableName": self._table, "Key": {"pk": pk(t.tracking_no), "sk": {"S": "REQUEST"}},
            "UpdateExpression": "SET " + ", ".join(sets),
            "ConditionExpression": "#s IN (" + ", ".join(f":e{i}" for i in range(len(t.expected))) + ")",
            "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}}]
        ops += [{"Update": {
            "TableName": self._table, "Key": {"pk": pk(t.tracking_no), "sk": {"S": f"QUEUE#{dept}"}},
            "UpdateExpression": "SET gsi1sk = :k",
            "ExpressionAttributeValues": {":k": {"S": f"{t.status.value}#{created}#{t.tracking_no}"}}}}
            for dept in t.departments]
        ops.append({"Put": {"TableName": self._table, "Item": event_item(t.tracking_no, t.event, 1)}})
        ops += [{"Put": {"TableName": self._table, "Item": message_item(m),
                         "ConditionExpression": "attribute_not_exists(pk)"}} for m in t.messages]
        self._transact(ops)

    def _transact(self, ops: list[dict[str, Any]]) -> None:
        try:
            self._ddb().transact_write_items(TransactItems=ops)
        except Exception as exc:
            if error_code(exc) != "TransactionCanceledException":
                raise
            reasons = [r.get("Code") for r in getattr(exc, "response", {}).get("CancellationReasons", [])]
            if "ConditionalCheckFailed" in reasons or not reasons:
                raise Conflict(str(reasons)) from exc
            raise Contention(str(reasons)) from exc

    def get(self, tracking_no: str) -> ServiceRequest | None:
        out = self._ddb().query(TableName=self._table, KeyConditionExpression="pk = :pk",
                                ExpressionAttributeValues={":pk": pk(tracking_no)})
        return to_request(out.get("Items", []))

    def due_messages(self, now: datetime, limit: int) -> list[tuple[str, str]]:
        out = self._ddb().query(
            TableName=self._table, IndexName=DUE_INDEX, Limit=limit,
            KeyConditionExpression="due_pk = :due AND due_sk <= :now",
            ExpressionAttributeValues={":due": {"S": DUE}, ":now": {"S": iso(now) + "~"}})
        return [(i["pk"]["S"].removeprefix("REQ#"), i["sk"]["S"].removeprefix("MSG#"))
                for i in out.get("Items", [])]

    def claim_message(self, tracking_no: str, message_id: str, now: datetime,
                      lease_until: datetime) -> OutboundMessage | None:
        try:
            out = self._ddb().update_item(
                TableName=self._table, Key=_msg_key(tracking_no, message_id),
                UpdateExpression="SET lease_until = :lease",
                ConditionExpression="#s = :pending AND next_attempt_at <= :now AND "
                                    "(attribute_not_exists(lease_until) OR lease_until < :now)",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":pending": {"S": "pending"}, ":now": {"S": iso(now)},
                                           ":lease": {"S": iso(lease_until)}},
                ReturnValues="ALL_NEW")
        except Exception as exc:
            if error_code(exc) == "ConditionalCheckFailedException":
                return None
            raise
        return to_message(out["Attributes"])

    def record_sent(self, message: OutboundMessage, provider_id: str, now: datetime) -> None:
        self._ddb().update_item(
            TableName=self._table, Key=_msg_key(message.tracking_no, message.message_id),
            UpdateExpression="SET #s = :sent, provider_id = :pid, sent_at = :now, "
                             "attempts = attempts + :one REMOVE due_pk, due_sk, lease_until",
            ExpressionAttributeNames={"#s": "status"},
            ExpressionAttributeValues={":sent": {"S": "sent"}, ":pid": {"S": provider_id},
                                       ":now": {"S": iso(now)}, ":one": {"N": "1"}})

    def record_failure(self, message: OutboundMessage, error: str, now: datetime,
                       retry_at: datetime | None) -> None:
        names: dict[str, str] = {}
        values: dict[str, Any] = {":err": {"S": error}, ":now": {"S": iso(now)}, ":one": {"N": "1"}}
        common = "attempts = attempts + :one, last_error = :err, last_attempt_at = :now"
        if retry_at is None:
            expr = f"SET #s = :failed, {common} REMOVE due_pk, due_sk, lease_until"
            values[":failed"] = {"S": "failed"}
            names["#s"] = "status"
        else:
            due = iso(retry_at)
            expr = f"SET next_attempt_at = :due, due_sk = :due_sk, {common} REMOVE lease_until"
            values |= {":due": {"S": due},
                       ":due_sk": {"S": f"{due}#{message.tracking_no}#{message.message_id}"}}
        self._ddb().update_item(TableName=self._table,
                                Key=_msg_key(message.tracking_no, message.message_id),
                                UpdateExpression=expr, ExpressionAttributeValues=values,
                                **({"ExpressionAttributeNames": names} if names else {}))


def _attr(value: Any) -> dict[str, Any]:
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int):
        return {"N": str(value)}
    return {"S": str(value)}


def _msg_key(tracking_no: str, message_id: str) -> dict[str, Any]:
    return {"pk": pk(tracking_no), "sk": {"S": f"MSG#{message_id}"}}

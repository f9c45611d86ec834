"""RequestStore on one DynamoDB table: every write of a submission in one transaction."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Sequence

from ..domain.model import OutboundMessage, ServiceRequest
from .aws import client, error_code
from .dynamodb_items import DUE, iso, message_item, pk, request_items, to_message, to_request

DUE_INDEX = "due"


class StoreConflict(Exception):
    """A conditional write lost: the item exists already or changed under us."""


class DynamoRequestStore:
    def __init__(self, table: str, ddb: Callable[[], Any] = lambda: client("dynamodb")):
        self._table = table
        self._ddb = ddb

    def add(self, request: ServiceRequest, messages: Sequence[OutboundMessage]) -> None:
        items = request_items(request) + [message_item(m) for m in messages]
        ops = [{"Put": {"TableName": self._table, "Item": item,
                        "ConditionExpression": "attribute_not_exists(pk)"}} for item in items]
        try:
            self._ddb().transact_write_items(TransactItems=ops)
        except Exception as exc:
            if error_code(exc) == "TransactionCanceledException":
                raise StoreConflict(request.tracking_no) from exc
            raise

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


def _msg_key(tracking_no: str, message_id: str) -> dict[str, Any]:
    return {"pk": pk(tracking_no), "sk": {"S": f"MSG#{message_id}"}}

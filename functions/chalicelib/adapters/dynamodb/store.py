"""RequestStore on one DynamoDB table: every write of a submission or a change in one transaction."""
from __future__ import annotations

import hashlib
from datetime import datetime
from typing import Any, Callable, Sequence

from ...domain.limits import Count, Limited
from ...domain.outbox import OutboundMessage
from ...domain.request import Change, ServiceRequest
from ...service_layer.ports import Conflict, Contention, IdempotencyRecord, Unavailable
from ..aws import client, error_code
from . import keys as k
from .items import (HEAD_ATTRIBUTES, attr, event_item, idempotency_item, iso, message_item, notice_item,
                    request_items, to_idempotency, to_message, to_request)
from .queue_items import entry_keys, queue_items


# Answers that say "not now": the write did not land (throttling) or may have (a lost reply).
_UNAVAILABLE = frozenset({"ProvisionedThroughputExceededException", "ThrottlingException", "RequestLimitExceeded",
                          "InternalServerError", "ServiceUnavailable", "TransactionInProgressException"})
_UNAVAILABLE_REASONS = frozenset({"ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded"})


def _token(*parts: object) -> str:
    """ClientRequestToken of a transaction: the same write retried (by botocore, after a lost
    reply) is recognised by DynamoDB as the same, within its ten-minute window."""
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:36]


def _unavailable(call):
    """Run `call`, turning lost connections, timeouts and throttling into Unavailable."""
    from botocore.exceptions import BotoCoreError

    try:
        return call()
    except BotoCoreError as exc:
        raise Unavailable(type(exc).__name__) from exc
    except Exception as exc:
        if error_code(exc) in _UNAVAILABLE:
            raise Unavailable(error_code(exc)) from exc
        raise


class DynamoRequestStore:
    def __init__(self, table: str, ddb: Callable[[], Any] = lambda: client("dynamodb"), follow_up_after: int = 5):
        self._table = table
        self._ddb = ddb
        self._follow_up = follow_up_after  # working days (catalog): orders the follow-up lane

    def add(self, request: ServiceRequest, messages: Sequence[OutboundMessage],
            idempotency: IdempotencyRecord | None = None, counts: Sequence[Count] = ()) -> None:
        items = ([idempotency_item(idempotency)] if idempotency else []) + request_items(request)
        items += queue_items(request, self._follow_up)
        items += [message_item(m) for m in messages]
        ops = [self._count_op(c) for c in counts] + [self._put_new(item) for item in items]
        try:
            self._transact(ops, _token("add", request.tracking_no, len(counts)))
        except Conflict as exc:
            reasons = exc.args[1] if len(exc.args) > 1 else []
            for c, reason in zip(counts, reasons):  # the counts lead the transaction
                if reason == "ConditionalCheckFailed":
                    raise Limited(c.limit, c.limit.retry_after(c.now)) from exc
            raise

    def _count_op(self, c: Count, bounded: bool = True) -> dict[str, Any]:
        start, end = c.window
        update: dict[str, Any] = {
            "TableName": self._table, "Key": k.limit(c.limit.kind, c.subject, iso(start)),
            "UpdateExpression": "ADD n :one SET expires_at = :exp",
            "ExpressionAttributeValues": {":one": attr(1), ":exp": attr(int(end.timestamp()) + 3600)}}
        if bounded:
            update["ConditionExpression"] = "attribute_not_exists(n) OR n < :most"
            update["ExpressionAttributeValues"][":most"] = attr(c.limit.most)
        return {"Update": update}

    def count(self, count: Count) -> int:
        op = self._count_op(count, bounded=False)["Update"]
        out = _unavailable(lambda: self._ddb().update_item(**op, ReturnValues="UPDATED_NEW"))
        return int(out["Attributes"]["n"]["N"])

    def counted(self, count: Count) -> int:
        start, _ = count.window
        out = _unavailable(lambda: self._ddb().get_item(
            TableName=self._table, ConsistentRead=True, Key=k.limit(count.limit.kind, count.subject, iso(start))))
        return int(out["Item"]["n"]["N"]) if "Item" in out else 0

    def add_messages(self, messages: Sequence[OutboundMessage]) -> None:
        self._transact([self._put_new(message_item(m)) for m in messages],
                       _token("messages", *(f"{m.tracking_no}/{m.message_id}" for m in messages)))

    def get_idempotency(self, key_hash: str) -> IdempotencyRecord | None:
        out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, ConsistentRead=True,
                                                        Key=k.idempotency(key_hash)))
        return to_idempotency(out["Item"]) if "Item" in out else None

    def transition(self, change: Change, messages: Sequence[OutboundMessage]) -> None:
        ops = self._change_ops(change) + [self._put_new(message_item(m)) for m in messages]
        # The step and its time in the token too: another officer's write of the same version is
        # another transaction (judged on its condition), not a repeat of this one.
        self._transact(ops, _token("change", change.after.tracking_no, change.after.version, change.event.action,
                                   iso(change.event.at), change.event.by))

    def _change_ops(self, change: Change) -> list[dict[str, Any]]:
        """The head's update (on the version it was judged on), the queue entries as they are
        after the change (those no longer true deleted) and the event."""
        before, after = change.before, change.after
        names = {"#s": "status", "#v": "version"}
        values: dict[str, Any] = {":s": k.s(after.status.value), ":v": attr(after.version),
                                  ":was": attr(before.version)}
        sets = ["#s = :s", "#v = :v"]
        for i, (name, value) in enumerate(change.fields.items()):
            names[f"#f{i}"], values[f":f{i}"] = HEAD_ATTRIBUTES.get(name, name), attr(value)
            sets.append(f"#f{i} = :f{i}")
        ops: list[dict[str, Any]] = [{"Update": {
            "TableName": self._table, "Key": k.head(after.tracking_no), "UpdateExpression": "SET " + ", ".join(sets),
            "ConditionExpression": "#v = :was", "ExpressionAttributeNames": names,
            "ExpressionAttributeValues": values}}]
        entries = queue_items(after, self._follow_up)
        gone = entry_keys(queue_items(before, self._follow_up)) - entry_keys(entries)
        ops += [{"Delete": {"TableName": self._table, "Key": {"pk": k.s(pk), "sk": k.s(sk)}}} for pk, sk in sorted(gone)]
        ops += [{"Put": {"TableName": self._table, "Item": item}} for item in entries]
        ops.append(self._put_new(event_item(after.tracking_no, change.event)))
        if change.notice is not None:  # a notice is written once: never over another of its number
            ops.append(self._put_new(notice_item(change.notice)))
        return ops

    def _put_new(self, item: dict[str, Any]) -> dict[str, Any]:
        return {"Put": {"TableName": self._table, "Item": item, "ConditionExpression": "attribute_not_exists(pk)"}}

    def _transact(self, ops: list[dict[str, Any]], token: str) -> None:
        try:
            _unavailable(lambda: self._ddb().transact_write_items(TransactItems=ops, ClientRequestToken=token))
        except Unavailable:
            raise
        except Exception as exc:
            if error_code(exc) != "TransactionCanceledException":
                raise
            reasons = [r.get("Code") for r in getattr(exc, "response", {}).get("CancellationReasons", [])]
            if "ConditionalCheckFailed" in reasons or not reasons:
                raise Conflict(str(reasons), reasons) from exc
            if set(reasons) & _UNAVAILABLE_REASONS:
                raise Unavailable(str(reasons)) from exc
            raise Contention(str(reasons)) from exc

    def get(self, tracking_no: str) -> ServiceRequest | None:
        """Strongly consistent, so a read right after a write sees it."""
        out = _unavailable(lambda: self._ddb().query(
            TableName=self._table, KeyConditionExpression="pk = :pk", ConsistentRead=True,
            ExpressionAttributeValues={":pk": k.request_pk(tracking_no)}))
        return to_request(out.get("Items", []))

    def token_hash(self, tracking_no: str) -> str | None:
        out = _unavailable(lambda: self._ddb().get_item(
            TableName=self._table, Key=k.head(tracking_no), ConsistentRead=True, ProjectionExpression="token_hash"))
        item = out.get("Item")
        return item["token_hash"]["S"] if item else None

    def messages_of(self, tracking_no: str, audience_prefix: str) -> list[OutboundMessage]:
        out = _unavailable(lambda: self._ddb().query(
            TableName=self._table, KeyConditionExpression="pk = :pk AND begins_with(sk, :msg)", ConsistentRead=True,
            FilterExpression="begins_with(audience, :to)", ExpressionAttributeValues={
                ":pk": k.request_pk(tracking_no), ":msg": k.s(k.MESSAGE), ":to": k.s(audience_prefix)}))
        return [to_message(i) for i in out.get("Items", [])]

    def due_messages(self, now: datetime, limit: int) -> list[tuple[str, str]]:
        out = self._ddb().query(
            TableName=self._table, IndexName=k.DUE_INDEX, Limit=limit,
            KeyConditionExpression="due_pk = :due AND due_sk <= :now",
            ExpressionAttributeValues={":due": k.s(k.DUE), ":now": k.s(iso(now) + "~")})
        return [ids for i in out.get("Items", []) if (ids := k.message_of(i))]

    def claim_message(self, tracking_no: str, message_id: str, now: datetime,
                      lease_until: datetime) -> OutboundMessage | None:
        try:
            out = self._ddb().update_item(
                TableName=self._table, Key=k.message(tracking_no, message_id),
                UpdateExpression="SET lease_until = :lease",
                ConditionExpression="#s = :pending AND next_attempt_at <= :now AND "
                                    "(attribute_not_exists(lease_until) OR lease_until < :now)",
                ExpressionAttributeNames={"#s": "status"},
                ExpressionAttributeValues={":pending": k.s("pending"), ":now": k.s(iso(now)),
                                           ":lease": k.s(iso(lease_until))},
                ReturnValues="ALL_NEW")
        except Exception as exc:
            if error_code(exc) == "ConditionalCheckFailedException":
                return None
            raise
        return to_message(out["Attributes"])

    def record_sent(self, message: OutboundMessage, provider_id: str, now: datetime,
                    change: Change | None = None) -> None:
        sent = {"TableName": self._table, "Key": k.message(message.tracking_no, message.message_id),
                "UpdateExpression": "SET #s = :sent, provider_id = :pid, sent_at = :now, "
                                    "attempts = attempts + :one REMOVE due_pk, due_sk, lease_until",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": {":sent": k.s("sent"), ":pid": k.s(provider_id),
                                              ":now": k.s(iso(now)), ":one": {"N": "1"}}}
        if change is None:
            self._ddb().update_item(**sent)
            return
        self._transact([{"Update": sent}, *self._change_ops(change)],
                       _token("sent", message.tracking_no, message.message_id, change.after.version))

    def record_failure(self, message: OutboundMessage, error: str, now: datetime,
                       retry_at: datetime | None) -> None:
        names: dict[str, str] = {}
        values: dict[str, Any] = {":err": k.s(error), ":now": k.s(iso(now)), ":one": {"N": "1"}}
        common = "attempts = attempts + :one, last_error = :err, last_attempt_at = :now"
        if retry_at is None:
            expr = f"SET #s = :failed, {common} REMOVE due_pk, due_sk, lease_until"
            values[":failed"] = k.s("failed")
            names["#s"] = "status"
        else:
            due = iso(retry_at)
            expr = f"SET next_attempt_at = :due, due_sk = :due_sk, {common} REMOVE lease_until"
            values |= {":due": k.s(due), ":due_sk": k.due_sort(due, message.tracking_no, message.message_id)}
        self._ddb().update_item(TableName=self._table, Key=k.message(message.tracking_no, message.message_id),
                                UpdateExpression=expr, ExpressionAttributeValues=values,
                                **({"ExpressionAttributeNames": names} if names else {}))

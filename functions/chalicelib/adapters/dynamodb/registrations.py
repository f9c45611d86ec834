"""RegistrationStore on the same table: a registration, its seat count, its mobile's hold and its
messages in ONE transaction, so that DynamoDB itself refuses an over-booked session, a second
registration of a mobile, or a decision judged on a seat count that has moved on. It extends the
request store for the table's shared pieces (transactions, limit counters, the outbox)."""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any, Sequence

from ...domain.limits import Count, Limited
from ...domain.outbox import OutboundMessage
from ...domain.registration import (AlreadyRegistered, Cancellation, OrganisationFull, Placement, Registration,
                                    RegistrationStatus, SeatCount)
from ...service_layer.ports import Conflict, CountMoved
from . import keys as k
from .items import attr, iso, message_item
from .registration_items import counted, moved, registration_item, to_registration, to_seat_count
from .store import DynamoRequestStore, _token, _unavailable

BATCH = 100  # BatchGetItem's most keys per call


class DynamoRegistrationStore(DynamoRequestStore):
    def seat_count(self, training_id: str) -> SeatCount:
        out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, Key=k.seats(training_id),
                                                        ConsistentRead=True))
        return to_seat_count(out.get("Item"))

    def seat_counts(self, training_ids: Sequence[str]) -> dict[str, SeatCount]:
        items = self._batch_get([k.seats(t) for t in training_ids], consistent=False)
        found = {i["pk"]["S"].removeprefix(k.TRAINING): to_seat_count(i) for i in items}
        return {t: found.get(t, SeatCount()) for t in training_ids}

    def place(self, placement: Placement, messages: Sequence[OutboundMessage], mobile_key: str,
              counts: Sequence[Count] = ()) -> None:
        r, terms_most = placement.registration, placement.most_per_organisation
        confirmed = r.status is RegistrationStatus.CONFIRMED
        room = placement.capacity - r.seats if confirmed else None  # taken at most this, before
        ops = [self._count_op(c) for c in counts] + [
            counted(self._table, r.training_id, placement.before, placement.after, room),
            self._put_new(k.mobile_hold(r.training_id, mobile_key) | {"registration_no": k.s(r.registration_no)}),
            {"Update": {"TableName": self._table, "Key": k.organisation_seats(r.training_id, r.uscc),
                        "UpdateExpression": "ADD seats :n",
                        "ConditionExpression": "attribute_not_exists(seats) OR seats <= :left",
                        "ExpressionAttributeValues": {":n": attr(r.seats), ":left": attr(terms_most - r.seats)}}},
            self._put_new(registration_item(r))]
        if not confirmed:
            ops.append(self._put_new(k.waiting(r.training_id, r.arrival) | {"registration_no": k.s(r.registration_no)}))
        ops += [self._put_new(message_item(m)) for m in messages]
        try:
            self._transact(ops, _token("place", r.registration_no, placement.after.version))
        except Conflict as exc:
            reasons = (exc.args[1] if len(exc.args) > 1 else []) + [None] * len(ops)
            failed = [reason == "ConditionalCheckFailed" for reason in reasons]
            for c, lost in zip(counts, failed):
                if lost:
                    raise Limited(c.limit, c.limit.retry_after(c.now)) from exc
            held, organisation = failed[len(counts) + 1], failed[len(counts) + 2]
            if held:
                raise AlreadyRegistered(r.training_id) from exc
            if organisation:
                raise OrganisationFull(terms_most) from exc
            if failed[len(counts)]:
                raise CountMoved(_current(exc, len(counts))) from exc
            raise  # the registration number is taken: draw another

    def holder(self, training_id: str, mobile_key: str) -> str | None:
        out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, ConsistentRead=True,
                                                        Key=k.mobile_hold(training_id, mobile_key)))
        return out["Item"]["registration_no"]["S"] if "Item" in out else None

    def get(self, registration_no: str) -> Registration | None:  # type: ignore[override]
        out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, ConsistentRead=True,
                                                        Key=k.registration(registration_no)))
        return to_registration(out["Item"]) if "Item" in out else None

    def secret_hash(self, registration_no: str) -> str | None:
        out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, ConsistentRead=True,
                                                        Key=k.registration(registration_no),
                                                        ProjectionExpression="token_hash"))
        return out["Item"]["token_hash"]["S"] if "Item" in out else None

    def waiting(self, training_id: str, limit: int) -> list[Registration]:
        out = _unavailable(lambda: self._ddb().query(
            TableName=self._table, ConsistentRead=True, Limit=limit,
            KeyConditionExpression="pk = :pk AND begins_with(sk, :wait)",
            ExpressionAttributeValues={":pk": k.training_pk(training_id), ":wait": k.s(k.WAITING)}))
        numbers = [i["registration_no"]["S"] for i in out.get("Items", [])]
        heads = self._batch_get([k.registration(n) for n in numbers], consistent=True)
        return sorted(map(to_registration, heads), key=lambda r: r.arrival)

    def waiting_ahead(self, training_id: str, arrival: int) -> int:
        if arrival <= 1:
            return 0
        out = _unavailable(lambda: self._ddb().query(
            TableName=self._table, ConsistentRead=True, Select="COUNT",
            KeyConditionExpression="pk = :pk AND sk BETWEEN :first AND :before",
            ExpressionAttributeValues={":pk": k.training_pk(training_id), ":first": k.waiting(training_id, 0)["sk"],
                                       ":before": k.waiting(training_id, arrival - 1)["sk"]}))
        return int(out["Count"])

    def cancel(self, cancellation: Cancellation, messages: Sequence[OutboundMessage], mobile_key: str,
               withdraw: Sequence[str] = ()) -> None:
        c, r = cancellation, cancellation.before
        ops = [moved(self._table, r, c.after),
               {"Delete": {"TableName": self._table, "Key": k.mobile_hold(r.training_id, mobile_key),
                           "ConditionExpression": "registration_no = :no",
                           "ExpressionAttributeValues": {":no": k.s(r.registration_no)}}},
               {"Update": {"TableName": self._table, "Key": k.organisation_seats(r.training_id, r.uscc),
                           "UpdateExpression": "ADD seats :n", "ExpressionAttributeValues": {":n": attr(-r.seats)}}},
               counted(self._table, r.training_id, c.count_before, c.count_after)]
        waited = ([r] if r.status is RegistrationStatus.WAITLISTED else []) + [before for before, _ in c.promoted]
        ops += [self._delete_existing(k.waiting(w.training_id, w.arrival)) for w in waited]
        ops += [moved(self._table, before, after) for before, after in c.promoted]
        ops += self._withdrawals(r.registration_no, withdraw)
        ops += [self._put_new(message_item(m)) for m in messages]
        self._transact(ops, _token("cancel", r.registration_no, c.after.version, c.count_after.version))

    def _withdrawals(self, owner: str, message_ids: Sequence[str]) -> list[dict[str, Any]]:
        """Deletes of those pending messages no dispatcher holds now; one that is being sent (or
        was sent) stays as it is: it cannot be called back."""
        now, ops = iso(datetime.now(timezone.utc)), []
        for message_id in message_ids:
            out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, ConsistentRead=True,
                                                            Key=k.message(owner, message_id)))
            item = out.get("Item")
            if not item or item["status"]["S"] != "pending" or item.get("lease_until", {}).get("S", "") >= now:
                continue
            ops.append({"Delete": {
                "TableName": self._table, "Key": k.message(owner, message_id),
                "ConditionExpression": "#s = :pending AND (attribute_not_exists(lease_until) OR lease_until < :now)",
                "ExpressionAttributeNames": {"#s": "status"},
                "ExpressionAttributeValues": {":pending": k.s("pending"), ":now": k.s(now)}}})
        return ops

    def registrations(self, training_id: str, status: RegistrationStatus) -> list[Registration]:
        keys, start = [], None
        while True:
            page = _unavailable(lambda: self._ddb().query(
                TableName=self._table, IndexName=k.QUEUE_INDEX,
                KeyConditionExpression="gsi1pk = :pk AND begins_with(gsi1sk, :status)",
                ExpressionAttributeValues={":pk": k.training_pk(training_id), ":status": k.s(f"{status.value}#")},
                **({"ExclusiveStartKey": start} if start else {})))
            keys += [{"pk": i["pk"], "sk": i["sk"]} for i in page.get("Items", [])]
            start = page.get("LastEvaluatedKey")
            if not start:
                break
        heads = map(to_registration, self._batch_get(keys, consistent=True))
        return sorted((r for r in heads if r.status is status), key=lambda r: r.arrival)

    def record_check_in(self, before: Registration, after: Registration) -> None:
        self._transact([moved(self._table, before, after)], _token("check-in", after.registration_no, after.version))

    def record_rating(self, before: Registration, after: Registration) -> None:
        self._transact([moved(self._table, before, after)], _token("rating", after.registration_no, after.version))

    def _delete_existing(self, key: dict[str, Any]) -> dict[str, Any]:
        return {"Delete": {"TableName": self._table, "Key": key, "ConditionExpression": "attribute_exists(pk)"}}

    def _batch_get(self, keys: list[dict[str, Any]], consistent: bool) -> list[dict[str, Any]]:
        items: list[dict[str, Any]] = []
        for i in range(0, len(keys), BATCH):
            request = {self._table: {"Keys": keys[i:i + BATCH], "ConsistentRead": consistent}}
            while request:
                out = _unavailable(lambda: self._ddb().batch_get_item(RequestItems=request))
                items += out.get("Responses", {}).get(self._table, [])
                request = out.get("UnprocessedKeys") or {}
        return items


def _current(exc: Exception, index: int) -> SeatCount | None:
    """The seat count a refused transaction reported (ReturnValuesOnConditionCheckFailure)."""
    reasons = getattr(exc.__cause__, "response", {}).get("CancellationReasons", [])
    item = reasons[index].get("Item") if index < len(reasons) else None
    return to_seat_count(item) if item else None

"""The workbench's reads and its append-only writes on the one table: queue pages by index
query, the audit trail of openings, signed-out sessions."""
from __future__ import annotations

import base64
import json
import secrets
from datetime import datetime
from typing import Any, Callable

from ...domain.queue import NEWEST_FIRST, Lane
from ...service_layer.staff_ports import AuditEntry, QueueEntry, QueuePage
from ..aws import client
from . import keys as k
from .items import attr, iso, parse_iso
from .store import _unavailable


def _s(item: dict[str, Any], name: str) -> str | None:
    return item.get(name, {}).get("S")


def _entry(item: dict[str, Any]) -> QueueEntry:
    return QueueEntry(
        tracking_no=item["tracking_no"]["S"], service=item["service"]["S"],
        stages=tuple(x["S"] for x in item.get("stages", {}).get("L", [])), district=_s(item, "district"),
        status=item["status"]["S"], created_at=parse_iso(item["created_at"]["S"]), due=_s(item, "due"),
        assignee=_s(item, "assignee"), assignee_name=_s(item, "assignee_name"),
        organisation=_s(item, "organisation"), project=_s(item, "project"), department=_s(item, "department"),
        rating=int(item["rating"]["N"]) if "N" in item.get("rating", {}) else None,
        appealed_at=_s(item, "appealed_at"))


class DynamoStaffStore:
    def __init__(self, table: str, ddb: Callable[[], Any] = lambda: client("dynamodb")):
        self._table, self._ddb = table, ddb

    def queue(self, department: str, facet: str, lane: str, today: str, limit: int,
              cursor: str | None) -> QueuePage:
        part = k.queue_pk(department, facet)
        index, pk, sk = (k.DEADLINE_INDEX, "gsi2pk", "gsi2sk") if Lane(lane).by_deadline else (k.QUEUE_INDEX, "gsi1pk", "gsi1sk")
        values: dict[str, Any] = {":p": part}
        if lane == Lane.OVERDUE:
            condition, values[":d"] = f"{pk} = :p AND {sk} < :d", k.s(today)
        elif lane == Lane.DUE_TODAY:
            condition, values[":d"] = f"{pk} = :p AND begins_with({sk}, :d)", k.s(today + "#")
        elif Lane(lane).until_today:
            condition = f"{pk} = :p AND {sk} BETWEEN :d AND :until"
            values[":d"], values[":until"] = k.s(lane + "#"), k.s(f"{lane}#{today}#~")
        else:
            condition, values[":d"] = f"{pk} = :p AND begins_with({sk}, :d)", k.s(lane + "#")
        query: dict[str, Any] = {"TableName": self._table, "Limit": limit,
                                 "KeyConditionExpression": condition, "ExpressionAttributeValues": values,
                                 "ScanIndexForward": lane not in {x.value for x in NEWEST_FIRST}}
        if cursor:
            query["ExclusiveStartKey"] = _decode(cursor, pk, sk, part)
        out = _unavailable(lambda: self._ddb().query(IndexName=index, **query))
        last = out.get("LastEvaluatedKey")
        return QueuePage([_entry(i) for i in out.get("Items", [])], _encode(last, sk) if last else None,
                         read=int(out.get("ScannedCount", 0)))

    def add_audit(self, entry: AuditEntry) -> None:
        item = {"pk": k.request_pk(entry.tracking_no), "sk": k.audit_sk(iso(entry.at), secrets.token_hex(4)),
                "at": k.s(iso(entry.at)), "officer": k.s(entry.officer), "officer_name": k.s(entry.officer_name),
                "action": k.s(entry.action), "reason": k.s(entry.reason),
                "details_json": k.s(json.dumps(entry.details, ensure_ascii=False))}
        _unavailable(lambda: self._ddb().put_item(TableName=self._table, Item=item,
                                                  ConditionExpression="attribute_not_exists(pk)"))

    def audit(self, tracking_no: str) -> list[AuditEntry]:
        out = _unavailable(lambda: self._ddb().query(
            TableName=self._table, ConsistentRead=True, KeyConditionExpression="pk = :pk AND begins_with(sk, :a)",
            ExpressionAttributeValues={":pk": k.request_pk(tracking_no), ":a": k.s(k.AUDIT)}))
        return [AuditEntry(tracking_no, parse_iso(i["at"]["S"]), i["officer"]["S"], i["officer_name"]["S"],
                           i["action"]["S"], i["reason"]["S"], json.loads(i["details_json"]["S"]))
                for i in out.get("Items", [])]

    def add_export(self, entry: AuditEntry) -> None:
        at = iso(entry.at)
        item = {"pk": k.export_pk(at[:7]), "sk": k.audit_sk(at, secrets.token_hex(4)), "at": k.s(at),
                "officer": k.s(entry.officer), "officer_name": k.s(entry.officer_name), "action": k.s(entry.action),
                "kind": k.s(entry.tracking_no), "reason": k.s(entry.reason),
                "details_json": k.s(json.dumps(entry.details, ensure_ascii=False))}
        _unavailable(lambda: self._ddb().put_item(TableName=self._table, Item=item,
                                                  ConditionExpression="attribute_not_exists(pk)"))

    def exports(self, month: str) -> list[AuditEntry]:
        out = _unavailable(lambda: self._ddb().query(
            TableName=self._table, ConsistentRead=True, KeyConditionExpression="pk = :pk",
            ExpressionAttributeValues={":pk": k.export_pk(month)}))
        return [AuditEntry(i["kind"]["S"], parse_iso(i["at"]["S"]), i["officer"]["S"], i["officer_name"]["S"],
                           i["action"]["S"], i["reason"]["S"], json.loads(i["details_json"]["S"]))
                for i in out.get("Items", [])]

    def department_entries(self, department: str) -> list[QueueEntry]:
        entries, start = [], None
        while True:
            query: dict[str, Any] = {"TableName": self._table, "IndexName": k.QUEUE_INDEX,
                                     "KeyConditionExpression": "gsi1pk = :p",
                                     "ExpressionAttributeValues": {":p": k.queue_pk(department, "all")}}
            if start:
                query["ExclusiveStartKey"] = start
            out = _unavailable(lambda: self._ddb().query(**query))
            entries += [_entry(i) for i in out.get("Items", [])]
            start = out.get("LastEvaluatedKey")
            if not start:
                return entries

    def revoke(self, session: str, until: datetime) -> None:
        _unavailable(lambda: self._ddb().put_item(TableName=self._table, Item=k.revoked(session) | {
            "expires_at": attr(int(until.timestamp()) + 60)}))

    def revoked(self, session: str) -> bool:
        out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, Key=k.revoked(session),
                                                        ConsistentRead=True))
        return "Item" in out


def _encode(last: dict[str, Any], sk: str) -> str:
    """Only the sort values: the partition is the query's own, so a cursor cannot reach another."""
    raw = json.dumps([last["pk"]["S"], last["sk"]["S"], last[sk]["S"]]).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _decode(cursor: str, pk: str, sk: str, part: dict[str, str]) -> dict[str, Any]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        item_pk, item_sk, sort = json.loads(raw)
        if not all(isinstance(x, str) and 0 < len(x) < 300 for x in (item_pk, item_sk, sort)):
            raise ValueError
    except (ValueError, TypeError):
        raise ValueError("cursor") from None
    return {"pk": k.s(item_pk), "sk": k.s(item_sk), pk: part, sk: k.s(sort)}

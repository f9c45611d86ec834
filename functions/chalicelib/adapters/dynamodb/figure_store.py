"""The figures' aggregates on the one table (keys.py's layout: FIG#<department> items, and a
FIGURES marker per request). A request's update is ONE transaction: ADD the difference to each
aggregate item it touches, and move its marker from the version it was judged on to the new
one; a replayed or out-of-order stream record finds the marker already there and writes nothing."""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Callable, Mapping

from ...domain.figures import OPEN, Key
from ...service_layer.figure_ports import MAX_ITEMS, Marker, SliceItems
from ...service_layer.ports import Conflict
from ..aws import client
from . import keys as k
from .items import attr
from .store import DynamoRequestStore, _token, _unavailable



def _encode(counts: Mapping[Key, int]) -> str:
    return json.dumps(sorted(["|".join(key), n] for key, n in counts.items()), separators=(",", ":"))


def _decode(raw: str) -> dict[Key, int]:
    return {tuple(key.split("|", 3)): int(n) for key, n in json.loads(raw)}  # type: ignore[misc]


def _attrs(item: dict[str, Any]) -> dict[str, int]:
    return {name: int(v["N"]) for name, v in item.items() if "N" in v and ("@" in name)}


class DynamoFigureStore:
    def __init__(self, table: str, ddb: Callable[[], Any] = lambda: client("dynamodb")):
        self._table, self._ddb = table, ddb
        self.read = 0  # items read by the figures' queries (bench/figures.py)

    def marker(self, tracking_no: str) -> Marker | None:
        out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, Key=k.figure_marker(tracking_no),
                                                        ConsistentRead=True))
        item = out.get("Item")
        if item is None:
            return None
        return Marker(int(item["version"]["N"]), _decode(item["counts_json"]["S"]), int(item["writes"]["N"]))

    def apply(self, tracking_no: str, before: Marker | None, after: Marker, delta: Mapping[Key, int]) -> None:
        marker = {"TableName": self._table, "Item": k.figure_marker(tracking_no) | {
            "version": attr(after.version), "counts_json": k.s(_encode(after.counts)), "writes": attr(after.writes)}}
        if before is None:
            marker["ConditionExpression"] = "attribute_not_exists(pk)"
        else:
            marker["ConditionExpression"] = "writes = :was"
            marker["ExpressionAttributeValues"] = {":was": attr(before.writes)}
        ops: list[dict[str, Any]] = [{"Put": marker}] + self._updates(delta)
        if len(ops) > MAX_ITEMS:
            raise ValueError(f"{tracking_no}: {len(ops)} items in one figures update, more than {MAX_ITEMS}")
        token = _token("figures", tracking_no, before.writes if before else 0, after.writes)
        DynamoRequestStore(self._table, self._ddb)._transact(ops, token)

    def _updates(self, delta: Mapping[Key, int]) -> list[dict[str, Any]]:
        by_item: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)
        for (department, slice_, period, name), n in delta.items():
            by_item[(department, slice_, period)][name] = n
        ops = []
        for (department, slice_, period), adds in sorted(by_item.items()):
            names = {f"#a{i}": name for i, name in enumerate(sorted(adds))}
            values = {f":a{i}": attr(adds[name]) for i, name in enumerate(sorted(adds))}
            ops.append({"Update": {
                "TableName": self._table, "Key": k.figures(department, slice_, period),
                "UpdateExpression": "ADD " + ", ".join(f"#a{i} :a{i}" for i in range(len(adds))),
                "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}})
        return ops

    def _query(self, department: str, condition: str, values: dict[str, Any]) -> list[dict[str, Any]]:
        items, start = [], None
        while True:
            page = _unavailable(lambda: self._ddb().query(
                TableName=self._table, KeyConditionExpression=condition,
                ExpressionAttributeValues={":pk": k.figures_pk(department), **values},
                **({"ExclusiveStartKey": start} if start else {})))
            self.read += int(page.get("ScannedCount", len(page.get("Items", []))))
            items += page.get("Items", [])
            start = page.get("LastEvaluatedKey")
            if not start:
                return items

    def slice_items(self, department: str, slice_: str, first: str, last: str) -> SliceItems:
        """One query for the slice's months first…last, one read of its open item."""
        items = self._query(department, "pk = :pk AND sk BETWEEN :a AND :b",
                            {":a": k.figure_sk(slice_, first), ":b": k.figure_sk(slice_, last)})
        out = _unavailable(lambda: self._ddb().get_item(TableName=self._table, Key=k.figures(department, slice_, OPEN)))
        self.read += 1 if "Item" in out else 0
        return _slice(items + ([out["Item"]] if "Item" in out else []), first, last)

    def slices_of(self, department: str, kind: str) -> dict[str, SliceItems]:
        items = self._query(department, "pk = :pk AND begins_with(sk, :kind)", {":kind": k.s(f"{kind}=")})
        grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for item in items:
            grouped[item["sk"]["S"].rpartition("#")[0].removeprefix(f"{kind}=")].append(item)
        return {value: _slice(group, "0000-00", "9999-99") for value, group in grouped.items()}


def _slice(items: list[dict[str, Any]], first: str, last: str) -> SliceItems:
    months, open_ = [], {}
    for item in items:
        period = item["sk"]["S"].rpartition("#")[2]
        if period == OPEN:
            open_ = _attrs(item)
        elif first <= period <= last:
            months.append((period, _attrs(item)))
    return SliceItems(months, open_)

"""The figures' aggregates in memory: the same contract as adapters/dynamodb/figure_store.py
(a marker per request moved only from the version it was judged on, counters added in the
same step), and a count of the items a read touches, as DynamoDB would read them."""
from __future__ import annotations

from collections import defaultdict
from typing import Mapping

from chalicelib.domain.figures import OPEN, Key
from chalicelib.service_layer.figure_ports import Marker, SliceItems
from chalicelib.service_layer.ports import Conflict


class FakeFigureStore:
    def __init__(self) -> None:
        self.markers: dict[str, Marker] = {}
        self.items: dict[tuple[str, str, str], dict[str, int]] = defaultdict(dict)  # (dept, slice, period)
        self.read = 0
        self.applied = 0  # transactions written

    def marker(self, tracking_no: str) -> Marker | None:
        return self.markers.get(tracking_no)

    def apply(self, tracking_no: str, before: Marker | None, after: Marker, delta: Mapping[Key, int]) -> None:
        if self.markers.get(tracking_no) != before:
            raise Conflict("marker moved")
        for (department, slice_, period, name), n in delta.items():
            attrs = self.items[(department, slice_, period)]
            attrs[name] = attrs.get(name, 0) + n
        self.markers[tracking_no] = after
        self.applied += 1

    def slice_items(self, department: str, slice_: str, first: str, last: str) -> SliceItems:
        months = sorted((p, dict(a)) for (d, s, p), a in self.items.items()
                        if d == department and s == slice_ and p != OPEN and first <= p <= last)
        open_ = self.items.get((department, slice_, OPEN))
        self.read += len(months) + (1 if open_ is not None else 0)
        return SliceItems(months, dict(open_ or {}))

    def slices_of(self, department: str, kind: str) -> dict[str, SliceItems]:
        out: dict[str, SliceItems] = {}
        for (d, s, p), attrs in sorted(self.items.items()):
            if d != department or not s.startswith(f"{kind}="):
                continue
            self.read += 1
            found = out.setdefault(s.removeprefix(f"{kind}="), SliceItems([], {}))
            if p == OPEN:
                out[s.removeprefix(f"{kind}=")] = SliceItems(found.months, dict(attrs))
            else:
                found.months.append((p, dict(attrs)))
        return out

    def counters(self) -> dict[tuple[str, str, str], dict[str, int]]:
        """Every item's nonzero counters (to compare with a recount)."""
        return {key: {n: v for n, v in attrs.items() if v} for key, attrs in self.items.items()
                if any(attrs.values())}

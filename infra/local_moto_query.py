"""The third narrow patch of moto's DynamoDB (see infra/local_moto.py for the first two): a
Query reads only the items it can match.

moto 5.2.5's `Table.query` starts from `Table.all_items()`, which lists AND sorts every item of
the table, for a Query of one partition of the base table as for an index Query; the matches
are then sorted again. So reading one request (a Query of its partition, `store.get`) costs
O(N log N) in the table's size N, under the one lock every write waits for: at 4,000 stored
requests this was 60 % of the local stack's time and the submission p95 grew with the table.
Here, for the duration of one Query (reads are serialised, so no other call sees it):

- a base-table Query is given only its partition's items (the partition is a dict keyed by
  the hash value, exactly where `put_item` stored them); moto still checks and sorts them;
- an index Query is given the items unsorted, since moto sorts its matches itself.

What a Query returns is unchanged (tests/integration/test_local_moto.py compares both paths)."""
from __future__ import annotations

import functools
import hashlib
import inspect
from typing import Any

# sha256 of moto's Table.query and Table.all_items sources, as reviewed for this patch.
QUERY_SOURCE = "002b4d00be6df07cf37f6cbe0132e5eb89455ae12a8e79b23db3fb492450f21e"
ALL_ITEMS_SOURCE = "c80d2ee3c896acd0cab6ca35aaeae3ab3fb65858933f8a3403d4e027c240f31d"


def patch_query(table_class: type, changed: type[Exception]) -> None:
    """Wrap `table_class.query`; raise `changed` if moto's reviewed functions differ."""
    for function, digest in ((table_class.query, QUERY_SOURCE), (table_class.all_items, ALL_ITEMS_SOURCE)):
        if hashlib.sha256(inspect.getsource(function).encode()).hexdigest() != digest:
            raise changed(f"moto's Table.{function.__name__} changed; review infra/local_moto_query.py")
    original = table_class.query
    signature = inspect.signature(original)  # moto's backend passes index_name by position

    @functools.wraps(original)
    def query(self: Any, *args: Any, **kwargs: Any) -> Any:
        named = signature.bind(self, *args, **kwargs).arguments
        chosen = _unsorted if named.get("index_name") else _partition
        self.all_items = functools.partial(chosen, self, named["hash_key"])
        try:
            return original(self, *args, **kwargs)
        finally:
            del self.all_items  # back to the class's own method

    table_class.query = query


def _partition(table: Any, hash_key: Any) -> list[Any]:
    """The base-table items a Query of `hash_key` can match: its partition only."""
    bucket = table.items.get(hash_key)
    if bucket is None:
        return []
    return list(bucket.values()) if table.range_key_attr else [bucket]


def _unsorted(table: Any, _hash_key: Any) -> list[Any]:
    """Every item, as `all_items` lists them, without its sort (an index Query sorts its matches)."""
    if table.range_key_attr:
        return [item for bucket in table.items.values() for item in bucket.values()]
    return list(table.items.values())

"""Narrow patches of moto's DynamoDB, applied by the local stack (and the tests that use moto)
only, pinned to the moto version they were written for, failing loudly if moto changes.

1. Writes and reads are serialised, and each accepted write can be journalled
   (infra/local_state.py). DynamoDB applies each write and each transaction atomically; moto
   checks a condition and then writes without a lock, so two threads could both pass; and a
   moto read iterates the table's dicts while a write may grow them ("dictionary changed size
   during iteration", a 500). One lock restores what conditional writes (idempotency keys,
   message leases, versions) rely on, and lets every read see a whole table.
2. A transaction's rollback copies only what it touches. moto 5.2.5 deep-copies the whole table
   (its stream records included) once for EVERY item of a transaction, so a submission of ten
   items copies the table ten times and the local stack slows and grows with its table. Here
   the items the transaction names are copied once, before it runs, and put back (with the
   stream cut back to where it was) if it fails; moto's own per-table copy becomes a no-op.
3. A Query reads only the items it can match, instead of sorting the whole table first
   (infra/local_moto_query.py)."""
from __future__ import annotations

import copy
import functools
import hashlib
import inspect
import threading
import types
from typing import Any

MOTO_VERSION = "5.2.5"
# sha256 of moto's DynamoDBBackend.transact_write_items source, as reviewed for patch 2.
TRANSACT_SOURCE = "81db2cb7d94e39c90b3a2077e1f4bb41a449c558ef9b1b1e2910fdaa39978ad4"
_WRITES = ("put_item", "update_item", "delete_item", "transact_write_items")
_READS = ("get_item", "query", "scan", "batch_get_item", "transact_get_items")
_journal: Any = None  # infra/local_state.TableJournal, when the local stack keeps its data
_depth = threading.local()  # a transaction's own put_item calls are part of it, not writes of their own


def set_journal(journal: Any) -> None:
    """Record every accepted write (outermost calls only) with `journal.record(op, args, kwargs)`."""
    global _journal
    _journal = journal


class MotoChanged(RuntimeError):
    """moto is not the version these patches were reviewed against: review infra/local_moto.py."""


def patch_moto() -> None:
    """Apply the patches once per process."""
    import moto
    from moto.dynamodb import models
    from moto.dynamodb.models import DynamoDBBackend
    from moto.dynamodb.models.table import Table

    from infra.local_moto_query import patch_query

    if getattr(DynamoDBBackend, "_portal_patched", False):
        return
    if moto.__version__ != MOTO_VERSION:
        raise MotoChanged(f"moto {moto.__version__} installed, patches reviewed for {MOTO_VERSION}")
    source = inspect.getsource(DynamoDBBackend.transact_write_items)
    if hashlib.sha256(source.encode()).hexdigest() != TRANSACT_SOURCE:
        raise MotoChanged("moto's DynamoDBBackend.transact_write_items changed; review its rollback patch")
    original = DynamoDBBackend.transact_write_items

    @functools.wraps(original)
    def transact_write_items(self: Any, transact_items: list[dict[str, Any]]) -> None:
        saved = _snapshot(self, transact_items)
        try:
            return original(self, transact_items)
        except Exception:
            _restore(saved)
            raise

    models.copy = _NoTableCopy(models.Table)  # the module's name `copy`: only its Table copies are skipped
    DynamoDBBackend.transact_write_items = transact_write_items
    patch_query(Table, MotoChanged)
    _serialise(DynamoDBBackend)
    DynamoDBBackend._portal_patched = True


def switch_off_stream(region: str, table: str) -> None:
    """Nothing reads the table's stream locally (the store tells the dispatcher itself,
    infra/local_dispatch.py), and moto keeps every record of it in memory for good. moto 5.2.5's
    UpdateTable(StreamEnabled=False) keeps the shard and then fails every write (KeyError), so the
    shard is dropped here, as a table without a stream has none."""
    import boto3
    from moto.core import DEFAULT_ACCOUNT_ID
    from moto.dynamodb.models import dynamodb_backends

    boto3.client("dynamodb").update_table(TableName=table, StreamSpecification={"StreamEnabled": False})
    dynamodb_backends[DEFAULT_ACCOUNT_ID][region].get_table(table).stream_shard = None


class _NoTableCopy(types.SimpleNamespace):
    """Stands in for the `copy` module inside moto.dynamodb.models: deepcopy of a whole Table
    (the transaction's rollback snapshot) returns the table itself; everything else is copied."""

    def __init__(self, table_class: type):
        super().__init__()
        self._table_class = table_class

    def deepcopy(self, value: Any, memo: Any = None) -> Any:
        return value if isinstance(value, self._table_class) else copy.deepcopy(value, memo)

    def copy(self, value: Any) -> Any:
        return copy.copy(value)


def _snapshot(backend: Any, transact_items: list[dict[str, Any]]) -> tuple[list, dict]:
    """A copy of each item the transaction names (None where there is none), and the length of
    each table's stream, to put back if the transaction fails."""
    from moto.dynamodb.models.dynamo_type import DynamoType

    items, streams = [], {}
    for entry in transact_items:
        for op_type, op in entry.items():
            table = backend.tables.get(op.get("TableName"))
            if table is None:
                continue
            key = op["Item"] if op_type == "Put" else op.get("Key", {})
            if table.hash_key_attr not in key:
                continue
            hash_value = DynamoType(key[table.hash_key_attr])
            range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr in key else None
            current = table.get_item(hash_value, range_value) if (range_value or not table.range_key_attr) else None
            items.append((table, hash_value, range_value, copy.deepcopy(current)))
            if table.stream_shard is not None:
                streams.setdefault(id(table), (table.stream_shard, len(table.stream_shard.items)))
    return items, streams


def _restore(saved: tuple[list, dict]) -> None:
    items, streams = saved
    for table, hash_value, range_value, item in reversed(items):
        bucket = table.items[hash_value] if range_value is not None else table.items
        key = range_value if range_value is not None else hash_value
        if item is None:
            bucket.pop(key, None)
        else:
            bucket[key] = item
    for shard, length in streams.values():
        del shard.items[length:]


def _serialise(backend_class: type) -> None:
    lock = threading.RLock()
    for name in _READS:
        read = getattr(backend_class, name)

        @functools.wraps(read)
        def locked_read(self: Any, *args: Any, _read: Any = read, **kwargs: Any) -> Any:
            with lock:
                return _read(self, *args, **kwargs)
        setattr(backend_class, name, locked_read)
    for name in _WRITES:
        original = getattr(backend_class, name)

        @functools.wraps(original)
        def locked(self: Any, *args: Any, _original: Any = original, _name: str = name, **kwargs: Any) -> Any:
            with lock:
                _depth.value = getattr(_depth, "value", 0) + 1
                try:
                    result = _original(self, *args, **kwargs)
                    if _depth.value == 1 and _journal is not None:
                        _journal.record(_name, args, kwargs)
                    return result
                finally:
                    _depth.value -= 1
        setattr(backend_class, name, locked)

"""The local stack's data on disk, so that it survives Ctrl-C, SIGTERM and SIGKILL alike.

moto keeps its tables in memory. Every write the table accepts is appended, in the order it
took effect, to a journal (one JSON line, handed to the operating system before the write is
answered, so before the API answers 201: a killed process loses none of it; a power cut may
lose the last moments, as the file is synced to the disk at most a second later); a restart
replays the journal into the fresh moto. A graceful
stop, and every start, folds the journal into a snapshot of the table's items, so a restart
replays only what came after. What the outbox page showed is kept the same way.

    <data dir>/snapshot.pickle     the table's items and the last journal number they include
    <data dir>/journal.jsonl       every accepted write since (numbered)
    <data dir>/outbox.jsonl        every email and SMS the local stack sent or tried

The data dir is LOCAL_DATA_DIR, default .local/ in the repository (ignored by git); `make
reset` removes it. Replay applies writes through moto's own backend, so conditions and key
rules are judged again exactly as they were."""
from __future__ import annotations

import json
import logging
import os
import pickle
import threading
import time
from pathlib import Path
from typing import Any

from moto.core import DEFAULT_ACCOUNT_ID

log = logging.getLogger("local_stack.state")
SYNC_SECONDS = 1.0  # at most this long between a write and its journal line reaching the disk
DEFAULT_DIR = Path(__file__).resolve().parent.parent / ".local"


def data_dir() -> Path:
    return Path(os.environ.get("LOCAL_DATA_DIR") or DEFAULT_DIR)


class TableJournal:
    """Records and replays the accepted writes of one moto table (infra/local_moto.py calls
    `record` inside its write lock, right after moto applied the write)."""

    def __init__(self, directory: Path, region: str, table: str):
        self.directory, self.region, self.table = directory, region, table
        directory.mkdir(parents=True, exist_ok=True)
        self._path, self._snapshot = directory / "journal.jsonl", directory / "snapshot.pickle"
        self._lock = threading.Lock()
        self._seq = 0
        self._file: Any = None
        self._synced = 0.0

    def _backend(self) -> Any:
        from moto.dynamodb.models import dynamodb_backends

        return dynamodb_backends[DEFAULT_ACCOUNT_ID][self.region]

    def restore(self) -> int:
        """Load the snapshot and replay the journal after it; return how many writes were replayed."""
        table = self._backend().get_table(self.table)
        if self._snapshot.is_file():
            with open(self._snapshot, "rb") as f:
                saved = pickle.load(f)  # noqa: S301 - our own file, written below
            table.items, self._seq = saved["items"], saved["seq"]
        replayed = 0
        for record in self._records():
            if record["seq"] <= self._seq:
                continue
            try:
                getattr(self._backend(), record["op"])(*record["args"], **record["kwargs"])
            except Exception:  # noqa: BLE001 - say so loudly, and keep what can be kept
                log.exception("local data: journal entry %d (%s) could not be replayed", record["seq"], record["op"])
            self._seq, replayed = record["seq"], replayed + 1
        self.compact()
        return replayed

    def _records(self):
        if not self._path.is_file():
            return
        with open(self._path, encoding="utf-8") as f:
            for line in f:
                try:
                    yield json.loads(line)
                except ValueError:  # the last line of a process killed while writing it
                    log.warning("local data: an unfinished journal line was dropped")

    def compact(self) -> None:
        """Fold everything into the snapshot (written aside, then moved into place) and start a new journal."""
        with self._lock:
            table = self._backend().get_table(self.table)
            temp = self._snapshot.with_suffix(".tmp")
            with open(temp, "wb") as f:
                pickle.dump({"items": table.items, "seq": self._seq}, f, protocol=pickle.HIGHEST_PROTOCOL)
                f.flush()
                os.fsync(f.fileno())
            os.replace(temp, self._snapshot)
            if self._file:
                self._file.close()
            self._file = open(self._path, "w", encoding="utf-8")  # entries up to _seq are in the snapshot

    def record(self, op: str, args: tuple, kwargs: dict[str, Any]) -> None:
        with self._lock:
            self._seq += 1
            self._file.write(json.dumps({"seq": self._seq, "op": op, "args": list(args), "kwargs": kwargs},
                                        ensure_ascii=False) + "\n")
            self._file.flush()  # in the kernel's hands: survives SIGKILL
            if time.monotonic() - self._synced > SYNC_SECONDS:
                os.fsync(self._file.fileno())
                self._synced = time.monotonic()

    def close(self) -> None:
        with self._lock:
            if self._file:
                self._file.close()
                self._file = None


class OutboxLog:
    """The outbox page's records, appended as they happen and read back at start."""

    def __init__(self, directory: Path):
        directory.mkdir(parents=True, exist_ok=True)
        self._path = directory / "outbox.jsonl"
        self._lock = threading.Lock()

    def load(self) -> list[dict[str, Any]]:
        if not self._path.is_file():
            return []
        records = []
        with open(self._path, encoding="utf-8") as f:
            for line in f:
                try:
                    records.append(json.loads(line))
                except ValueError:
                    log.warning("local data: an unfinished outbox line was dropped")
        return records

    def append(self, record: dict[str, Any]) -> None:
        with self._lock, open(self._path, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")

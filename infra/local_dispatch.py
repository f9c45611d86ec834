"""The local stand-in for what drives the dispatcher in AWS.

In AWS the table's stream wakes the dispatcher for each new outbox message, and a schedule
sends what is due again (retries). Locally the store tells the dispatcher loop of each message
it has just written (`Announcing`), and the loop sweeps the due index every few seconds for the
retries, so a new message goes out at once without the loop polling the table for it."""
from __future__ import annotations

import logging
import queue
import threading
from typing import Any, Sequence

log = logging.getLogger("local_stack.dispatch")


class Announcing:
    """A RequestStore that, once a write has landed, announces the messages it wrote."""

    def __init__(self, store: Any, news: "queue.Queue[tuple[str, str]]"):
        self._store, self._news = store, news

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def add(self, request: Any, messages: Sequence[Any], *more: Any, **named: Any) -> None:
        self._store.add(request, messages, *more, **named)
        self._announce(messages)

    def transition(self, change: Any, messages: Sequence[Any]) -> None:
        self._store.transition(change, messages)
        self._announce(messages)

    def add_messages(self, messages: Sequence[Any]) -> None:
        self._store.add_messages(messages)
        self._announce(messages)

    def _announce(self, messages: Sequence[Any]) -> None:
        for m in messages:
            self._news.put((m.tracking_no, m.message_id))


def dispatch_loop(dispatcher: Any, news: "queue.Queue[tuple[str, str]]", stop: threading.Event,
                  sweep_seconds: float) -> None:
    """Send each announced message at once; every `sweep_seconds`, send whatever else is due."""
    import time

    next_sweep = 0.0
    while not stop.is_set():
        try:
            if time.monotonic() >= next_sweep:
                while dispatcher.dispatch_due() and not stop.is_set():
                    pass
                next_sweep = time.monotonic() + sweep_seconds
            try:
                tracking_no, message_id = news.get(timeout=min(sweep_seconds, 0.5))
            except queue.Empty:
                continue
            dispatcher.dispatch_one(tracking_no, message_id)
        except Exception:  # keep going: what failed is retried by the next sweep
            log.exception("dispatch failed")

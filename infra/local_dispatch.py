"""The local stand-in for what drives the dispatcher in AWS.

In AWS the table's stream wakes the dispatcher for each new outbox message, and a schedule
sends what is due again (retries) every minute. Locally the store tells the dispatcher loop of
each message it has just written, and of each retry it has just scheduled (`Announcing`), so
the loop sends each at its time without polling; a sweep of the due index, at start and once a
minute as in AWS, catches anything else (messages left pending by an earlier run). Polling the
index is what moto makes costly: it reads every item of the table for an index query.

The figures' aggregates follow the timeline events as the stream's second filter makes them do
in AWS: each write that adds an event (a submission, a step, a notification recorded) is
announced as a recount of its request (`FIGURES`), which the loop runs like a message."""
from __future__ import annotations

import heapq
import logging
import queue
import threading
import time
from datetime import datetime, timezone
from typing import Any, Callable, Sequence

log = logging.getLogger("local_stack.dispatch")
FIGURES = "#figures"  # in place of a message id: recount the request's figures


class Wakeups:
    """Messages to send now (`news`) and at a later time (`later`), for the dispatcher loop;
    `clock` is the stack's (moved by LOCAL_CLOCK_OFFSET_DAYS), which the messages' times follow."""

    def __init__(self, clock: Callable[[], datetime] = lambda: datetime.now(timezone.utc)) -> None:
        self.clock = clock
        self.news: "queue.Queue[tuple[str, str]]" = queue.Queue()
        self._later: list[tuple[float, str, str]] = []
        self._lock = threading.Lock()

    def now(self, tracking_no: str, message_id: str) -> None:
        self.news.put((tracking_no, message_id))

    def recount(self, tracking_no: str) -> None:
        """A new timeline event of the request: bring its figures up to date."""
        self.news.put((tracking_no, FIGURES))

    def at(self, when: datetime, tracking_no: str, message_id: str) -> None:
        with self._lock:
            heapq.heappush(self._later, (when.timestamp(), tracking_no, message_id))
        self.news.put(("", ""))  # wake the loop so it waits for the new earliest time

    def due(self) -> list[tuple[str, str]]:
        """The later ones whose time has come."""
        out, now = [], self.clock().timestamp()
        with self._lock:
            while self._later and self._later[0][0] <= now:
                _, tracking_no, message_id = heapq.heappop(self._later)
                out.append((tracking_no, message_id))
        return out

    def seconds_to_next(self, cap: float) -> float:
        with self._lock:
            if not self._later:
                return cap
            return max(0.0, min(cap, self._later[0][0] - self.clock().timestamp()))


class Announcing:
    """A RequestStore that, once a write has landed, tells the loop what to send and when."""

    def __init__(self, store: Any, wakeups: Wakeups):
        self._store, self._wakeups = store, wakeups

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def add(self, request: Any, messages: Sequence[Any], *more: Any, **named: Any) -> None:
        self._store.add(request, messages, *more, **named)
        self._announce(messages)
        self._wakeups.recount(request.tracking_no)

    def transition(self, change: Any, messages: Sequence[Any]) -> None:
        self._store.transition(change, messages)
        self._announce(messages)
        self._wakeups.recount(change.after.tracking_no)

    def record_sent(self, message: Any, provider_id: str, now: datetime, change: Any = None) -> None:
        self._store.record_sent(message, provider_id, now, change)
        if change is not None:  # a department notified: an event of its own
            self._wakeups.recount(change.after.tracking_no)

    def add_messages(self, messages: Sequence[Any]) -> None:
        self._store.add_messages(messages)
        self._announce(messages)

    def record_failure(self, message: Any, error: str, now: datetime, retry_at: datetime | None) -> None:
        self._store.record_failure(message, error, now, retry_at)
        if retry_at is not None:
            self._wakeups.at(retry_at, message.tracking_no, message.message_id)

    def _announce(self, messages: Sequence[Any]) -> None:
        announce(self._wakeups, messages)


def announce(wakeups: Wakeups, messages: Sequence[Any]) -> None:
    """Each message now, or at its time when it is due later (a training's reminder)."""
    now = wakeups.clock()
    for m in messages:
        if m.next_attempt_at and m.next_attempt_at > now:
            wakeups.at(m.next_attempt_at, m.tracking_no, m.message_id)
        else:
            wakeups.now(m.tracking_no, m.message_id)


class AnnouncingRegistrations:
    """The RegistrationStore's counterpart: its writes carry outbox messages too."""

    def __init__(self, store: Any, wakeups: Wakeups):
        self._store, self._wakeups = store, wakeups

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def place(self, placement: Any, messages: Sequence[Any], *more: Any, **named: Any) -> None:
        self._store.place(placement, messages, *more, **named)
        announce(self._wakeups, messages)

    def cancel(self, cancellation: Any, messages: Sequence[Any], *more: Any, **named: Any) -> None:
        self._store.cancel(cancellation, messages, *more, **named)
        announce(self._wakeups, messages)


class AnnouncingReminders:
    """The ReminderStore's counterpart: a reminder's record carries its outbox messages."""

    def __init__(self, store: Any, wakeups: Wakeups):
        self._store, self._wakeups = store, wakeups

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)

    def record(self, reminder: Any, messages: Sequence[Any]) -> None:
        self._store.record(reminder, messages)
        announce(self._wakeups, messages)


class Every:
    """`fn` at most once per `seconds`, the first call at once: the local loop's reminder sweep,
    which reads two index ranges per department, each a pass over the whole table in moto; in AWS
    the scheduled run sweeps every minute, where those reads cost only what they return."""

    def __init__(self, seconds: float, fn: Callable[[], Any]):
        self.seconds, self.fn, self._next = seconds, fn, 0.0

    def __call__(self) -> None:
        if time.monotonic() >= self._next:
            self._next = time.monotonic() + self.seconds
            self.fn()


def dispatch_loop(dispatcher: Any, wakeups: Wakeups, stop: threading.Event, sweep_seconds: float,
                  remind: Callable[[], Any] | None = None, recount: Callable[[str], Any] | None = None) -> None:
    """Send what is announced at its time; sweep the due index at start (until it is empty: what
    an earlier run left pending) and then every `sweep_seconds` one page at a time, as the
    schedule does in AWS: under load the index always holds messages just announced, and each
    page costs moto a pass over the whole table under the write lock. Each sweep first records
    the reminders owed (`remind`, as the schedule does in AWS). A request announced for its
    figures is recounted (`recount`, as the stream's figures filter does in AWS)."""
    next_sweep, first = 0.0, True
    while not stop.is_set():
        try:
            if time.monotonic() >= next_sweep:
                if remind is not None:
                    remind()
                while dispatcher.dispatch_due() and first and not stop.is_set():
                    pass
                next_sweep, first = time.monotonic() + sweep_seconds, False
            for tracking_no, message_id in wakeups.due():
                dispatcher.dispatch_one(tracking_no, message_id)
            try:
                tracking_no, message_id = wakeups.news.get(
                    timeout=min(wakeups.seconds_to_next(sweep_seconds), max(0.0, next_sweep - time.monotonic()), 0.5))
            except queue.Empty:
                continue
            if tracking_no and message_id == FIGURES:
                if recount is not None:
                    recount(tracking_no)
            elif tracking_no:
                dispatcher.dispatch_one(tracking_no, message_id)
        except Exception:  # keep going: what failed is retried at its time, or by the next sweep
            log.exception("dispatch failed")

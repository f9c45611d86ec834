"""In-memory fakes of the service layer's ports, for unit tests (no I/O)."""
from __future__ import annotations

import dataclasses
import threading
from datetime import datetime, timedelta, timezone
from typing import Sequence

from chalicelib.domain.limits import Count, Limited
from chalicelib.domain.outbox import Delivery, OutboundMessage
from chalicelib.domain.request import Change, ServiceRequest
from chalicelib.service_layer.ports import Conflict, CountMoved, IdempotencyRecord, PermanentSendError, RetryableSendError


class FakeClock:
    """A clock that moves only when told to."""

    def __init__(self, start: datetime | None = None):
        self.current = start or datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)

    def now(self) -> datetime:
        return self.current

    def advance(self, **kwargs) -> None:
        self.current += timedelta(**kwargs)


class FakeStore:
    """Keeps requests and messages in dicts; `add` is all-or-nothing like the transaction."""

    def __init__(self, fail_writes: bool = False):
        self.requests: dict[str, ServiceRequest] = {}
        self.messages: dict[tuple[str, str], OutboundMessage] = {}
        self.leases: dict[tuple[str, str], datetime] = {}
        self.attempted_at: dict[tuple[str, str], datetime] = {}  # the last failed attempt's time
        self.counts: dict[tuple[str, str, datetime], int] = {}  # limit counters by window
        self.idempotency: dict[str, IdempotencyRecord] = {}
        self.fail_writes = fail_writes
        self.writes = 0
        self._lock = threading.Lock()

    def add(self, request: ServiceRequest, messages: Sequence[OutboundMessage],
            idempotency: IdempotencyRecord | None = None, counts: Sequence[Count] = ()) -> None:
        with self._lock:
            if self.fail_writes:
                raise ConnectionError("table unavailable")
            for c in counts:
                if self.counts.get(self._window(c), 0) >= c.limit.most:
                    raise Limited(c.limit, c.limit.retry_after(c.now))
            if request.tracking_no in self.requests or (idempotency and idempotency.key_hash in self.idempotency):
                raise Conflict(request.tracking_no)
            for c in counts:
                self.counts[self._window(c)] = self.counts.get(self._window(c), 0) + 1
            self.writes += 1
            self.requests[request.tracking_no] = request
            if idempotency:
                self.idempotency[idempotency.key_hash] = idempotency
            for m in messages:
                self.messages[(m.tracking_no, m.message_id)] = m

    def add_messages(self, messages: Sequence[OutboundMessage]) -> None:
        with self._lock:
            if any((m.tracking_no, m.message_id) in self.messages for m in messages):
                raise Conflict("message exists")
            self.writes += 1
            for m in messages:
                self.messages[(m.tracking_no, m.message_id)] = m

    @staticmethod
    def _window(c: Count) -> tuple[str, str, datetime]:
        return c.limit.kind, c.subject, c.window[0]

    def count(self, count: Count) -> int:
        with self._lock:
            key = self._window(count)
            self.counts[key] = self.counts.get(key, 0) + 1
            return self.counts[key]

    def counted(self, count: Count) -> int:
        return self.counts.get(self._window(count), 0)

    def get_idempotency(self, key_hash: str) -> IdempotencyRecord | None:
        return self.idempotency.get(key_hash)

    def transition(self, change: Change, messages: Sequence[OutboundMessage]) -> None:
        with self._lock:
            if self.fail_writes:
                raise ConnectionError("table unavailable")
            old = self.requests[change.after.tracking_no]
            if old.version != change.before.version:
                raise Conflict(f"version {old.version}")
            self.writes += 1
            self.requests[old.tracking_no] = dataclasses.replace(
                old, status=change.after.status, version=change.after.version,
                timeline=old.timeline + (change.event,), notices=old.notices + ((change.notice,) if change.notice else ()),
                **change.fields)
            for m in messages:
                self.messages[(m.tracking_no, m.message_id)] = m

    def get(self, tracking_no: str) -> ServiceRequest | None:
        return self.requests.get(tracking_no)

    def token_hash(self, tracking_no: str) -> str | None:
        r = self.requests.get(tracking_no)
        return r.token_hash if r else None

    def messages_of(self, tracking_no: str, audience_prefix: str) -> list[OutboundMessage]:
        return sorted((m for m in self.messages.values()
                       if m.tracking_no == tracking_no and m.audience.startswith(audience_prefix)),
                      key=lambda m: m.message_id)

    def due_messages(self, now: datetime, limit: int) -> list[tuple[str, str]]:
        due = [m for m in self.messages.values()
               if m.status is Delivery.PENDING and (m.next_attempt_at or m.created_at) <= now]
        due.sort(key=lambda m: m.next_attempt_at or m.created_at)
        return [(m.tracking_no, m.message_id) for m in due[:limit]]

    def claim_message(self, tracking_no, message_id, now, lease_until):
        key = (tracking_no, message_id)
        m = self.messages.get(key)
        if m is None or m.status is not Delivery.PENDING or (m.next_attempt_at or now) > now:
            return None
        if key in self.leases and self.leases[key] >= now:
            return None
        self.leases[key] = lease_until
        return m

    def record_sent(self, message, provider_id, now, change=None) -> None:
        if change is not None:
            self.transition(change, [])  # Conflict, before anything changes, as the transaction would
        key = (message.tracking_no, message.message_id)
        self.leases.pop(key, None)
        self.messages[key] = dataclasses.replace(
            self.messages[key], status=Delivery.SENT, provider_id=provider_id, sent_at=now,
            attempts=self.messages[key].attempts + 1)

    def record_failure(self, message, error, now, retry_at) -> None:
        key = (message.tracking_no, message.message_id)
        self.leases.pop(key, None)
        self.attempted_at[key] = now
        old = self.messages[key]
        self.messages[key] = dataclasses.replace(
            old, attempts=old.attempts + 1, last_error=error,
            status=Delivery.FAILED if retry_at is None else Delivery.PENDING,
            next_attempt_at=retry_at or old.next_attempt_at)


class FakeSender:
    """Records what it sends; `failures` is a list of errors to raise first, one per call."""

    def __init__(self, failures: list[Exception] | None = None):
        self.sent: list[tuple[str, str, str]] = []
        self.attachments: dict[int, tuple] = {}  # index in `sent` → the attachments of that email
        self.failures = list(failures or [])

    def _send(self, to: str, subject: str, body: str) -> str:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((to, subject, body))
        return f"fake-{len(self.sent)}"

    def send_email(self, to: str, subject: str, body: str, attachments=()) -> str:
        provider_id = self._send(to, subject, body)
        if attachments:
            self.attachments[len(self.sent) - 1] = tuple(attachments)
        return provider_id

    def send_sms(self, phone_e164: str, body: str) -> str:
        return self._send(phone_e164, "", body)


THROTTLED = RetryableSendError("Throttling")
REJECTED = PermanentSendError("MessageRejected")


class FakeRegistrationStore:
    """Training registrations in dicts, with the transaction's conditions: the seat count's
    version, the seats left, one hold per mobile, the organisation's seats. Messages go into the
    request store's outbox, where the dispatcher finds them, as they share the table in AWS."""

    def __init__(self, outbox: FakeStore):
        from chalicelib.domain.registration import SeatCount

        self.outbox, self._lock, self._zero = outbox, outbox._lock, SeatCount()
        self.heads: dict = {}         # registration_no → Registration
        self.counts: dict = {}        # training_id → SeatCount
        self.holds: dict = {}         # (training_id, mobile_key) → registration_no
        self.organisations: dict = {}  # (training_id, uscc) → seats held
        self.waiting_list: dict = {}  # (training_id, arrival) → registration_no

    def seat_count(self, training_id):
        return self.counts.get(training_id, self._zero)

    def seat_counts(self, training_ids):
        return {t: self.seat_count(t) for t in training_ids}

    def place(self, placement, messages, mobile_key, counts=()):
        from chalicelib.domain.registration import AlreadyRegistered, OrganisationFull, RegistrationStatus

        r = placement.registration
        with self._lock:
            for c in counts:
                if self.outbox.counts.get(self.outbox._window(c), 0) >= c.limit.most:
                    raise Limited(c.limit, c.limit.retry_after(c.now))
            if (r.training_id, mobile_key) in self.holds:
                raise AlreadyRegistered(r.training_id)
            held = self.organisations.get((r.training_id, r.uscc), 0)
            if held + r.seats > placement.most_per_organisation:
                raise OrganisationFull(placement.most_per_organisation)
            now = self.seat_count(r.training_id)
            confirmed = r.status is RegistrationStatus.CONFIRMED
            if now.version != placement.before.version or (confirmed and now.taken > placement.capacity - r.seats):
                raise CountMoved(now)
            for c in counts:
                self.outbox.counts[self.outbox._window(c)] = self.outbox.counts.get(self.outbox._window(c), 0) + 1
            self.counts[r.training_id] = placement.after
            self.holds[(r.training_id, mobile_key)] = r.registration_no
            self.organisations[(r.training_id, r.uscc)] = held + r.seats
            self.heads[r.registration_no] = r
            if not confirmed:
                self.waiting_list[(r.training_id, r.arrival)] = r.registration_no
            self._messages(messages)

    def _messages(self, messages):
        self.outbox.writes += 1
        for m in messages:
            self.outbox.messages[(m.tracking_no, m.message_id)] = m

    def holder(self, training_id, mobile_key):
        return self.holds.get((training_id, mobile_key))

    def get(self, registration_no):
        return self.heads.get(registration_no)

    def secret_hash(self, registration_no):
        r = self.heads.get(registration_no)
        return r.token_hash if r else None

    def waiting(self, training_id, limit):
        arrivals = sorted(a for t, a in self.waiting_list if t == training_id)[:limit]
        return [self.heads[self.waiting_list[(training_id, a)]] for a in arrivals]

    def waiting_ahead(self, training_id, arrival):
        return len([a for t, a in self.waiting_list if t == training_id and a < arrival])

    def cancel(self, cancellation, messages, mobile_key, withdraw=()):
        from chalicelib.domain.registration import RegistrationStatus

        c, r = cancellation, cancellation.before
        with self._lock:
            moved = [(r, c.after), *c.promoted]
            if any(self.heads[b.registration_no].version != b.version for b, _ in moved) \
                    or self.seat_count(r.training_id).version != c.count_before.version:
                raise Conflict("moved on")
            for before, after in moved:
                self.heads[after.registration_no] = after
                if before.status is RegistrationStatus.WAITLISTED:
                    del self.waiting_list[(before.training_id, before.arrival)]
            del self.holds[(r.training_id, mobile_key)]
            self.organisations[(r.training_id, r.uscc)] -= r.seats
            self.counts[r.training_id] = c.count_after
            for message_id in withdraw:
                key = (r.registration_no, message_id)
                m = self.outbox.messages.get(key)
                if m is not None and m.status is Delivery.PENDING and key not in self.outbox.leases:
                    del self.outbox.messages[key]
            self._messages(messages)

    def registrations(self, training_id, status):
        return sorted((r for r in self.heads.values() if r.training_id == training_id and r.status is status),
                      key=lambda r: r.arrival)

    def record_check_in(self, before, after):
        with self._lock:
            if self.heads[before.registration_no].version != before.version:
                raise Conflict("moved on")
            self.heads[after.registration_no] = after

    record_rating = record_check_in  # the same conditioned write of the head

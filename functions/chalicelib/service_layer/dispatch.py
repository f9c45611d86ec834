"""The dispatcher: sends due outbox messages, records each result, retries with backoff.

Runs from the table's stream in AWS (one message per record) and as a loop in the local stack
(`dispatch_due`). A message is claimed with a lease before sending and marked sent right after,
so once recorded as sent it is never sent again. What a provider says may pass (a
RetryableSendError) is retried, with backoff capped at an hour, for 24 hours after the message
was written (GOV.UK Notify retries for hours, FormSG for about 20); then it has failed for good,
and a department's message falls back to the department's other channel (email ↔ duty SMS).
Anything else is our own bug: recorded as failed for good and raised, so it is seen at once."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..domain.actions import NotifyIn
from ..domain.errors import NotAllowedNow
from ..domain.outbox import Channel, OutboundMessage
from ..domain.request import Change, Viewer
from . import metrics
from .deps import Deps
from ..domain.notifications import compose_fallback, is_submission_message
from .ports import Conflict, SendError

log = logging.getLogger(__name__)

RETRY_FOR = timedelta(hours=24)


def backoff(attempts: int, base: float = 30) -> timedelta:
    """Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … capped at one hour."""
    return timedelta(seconds=min(base * 2 ** (attempts - 1), 3600))


@dataclass
class Dispatcher:
    deps: Deps
    counts: dict[str, int] = field(default_factory=lambda: {"sent": 0, "retry": 0, "failed": 0, "fallback": 0})

    def dispatch_due(self, limit: int = 25) -> int:
        """Send every message due now (up to `limit`); return how many were attempted."""
        keys = self.deps.store.due_messages(self.deps.clock.now(), limit)
        for tracking_no, message_id in keys:
            self.dispatch_one(tracking_no, message_id)
        return len(keys)

    def dispatch_one(self, tracking_no: str, message_id: str) -> str | None:
        store, clock = self.deps.store, self.deps.clock
        now = clock.now()
        message = store.claim_message(tracking_no, message_id, now, now + timedelta(seconds=self.deps.lease))
        if message is None:
            return None  # sent, failed for good, not yet due, or another dispatcher has it
        try:
            provider_id = self._send(message)
        except SendError as exc:
            return self._failed(message, exc)
        except Exception as exc:
            store.record_failure(message, f"internal error: {type(exc).__name__}: {exc}"[:500], clock.now(), None)
            self._count("failed", message)
            log.exception("message %s/%s not sent: internal error, not retried", tracking_no, message_id)
            raise
        notified = self._notified(message, clock.now())
        try:
            store.record_sent(message, provider_id, clock.now(), notified)
        except Conflict:  # the request moved on meanwhile: record the send alone
            store.record_sent(message, provider_id, clock.now())
        self._count("sent", message)
        return "sent"

    def _fall_back(self, message: OutboundMessage) -> None:
        """A department's email or SMS that failed for good is sent on its other channel, once."""
        department = message.audience in {d.id for d in self.deps.catalog.departments}
        request = self.deps.store.get(message.tracking_no) if department else None
        fallback = compose_fallback(message, request, self.deps.catalog, self.deps.addresses) if request else None
        if fallback is None:
            return
        try:
            self.deps.store.add_messages([fallback])
        except Conflict:  # another dispatcher wrote it first
            return
        self._count("fallback", message)
        log.warning("message %s/%s failed for good; sent again by %s", message.tracking_no, message.message_id, fallback.channel.value)

    def _notified(self, message: OutboundMessage, now: datetime) -> Change | None:
        """The change to `notified` that a lead department's notification of a new request makes,
        stored with its record as sent (so the page says "notified" exactly when one went out)."""
        if message.audience in ("applicant", "participant") or not is_submission_message(message):
            return None
        request = self.deps.store.get(message.tracking_no)
        if request is None or message.audience not in request.lead_departments:
            return None
        try:
            return request.perform(NotifyIn(action="notify"), Viewer.system(), now)
        except NotAllowedNow:  # no longer new: a department was quicker, or another message did it
            return None

    def _count(self, outcome: str, message: OutboundMessage) -> None:
        self.counts[outcome] += 1
        if self.deps.emit_metrics:
            metrics.emit(outcome, message.channel.value)

    def _send(self, m: OutboundMessage) -> str:
        if m.channel is Channel.EMAIL:
            if m.attachments:  # only then: senders without attachments keep their signature
                return self.deps.email.send_email(m.recipient, m.subject, m.body, m.attachments)
            return self.deps.email.send_email(m.recipient, m.subject, m.body)
        return self.deps.sms.send_sms(m.recipient, m.body)

    def _failed(self, message: OutboundMessage, exc: SendError) -> str:
        attempts = message.attempts + 1
        now = self.deps.clock.now()
        retry_at = now + backoff(attempts, self.deps.backoff_base)
        final = not exc.retryable or retry_at > message.created_at + RETRY_FOR
        self.deps.store.record_failure(message, f"{type(exc).__name__}: {exc}"[:500], now, None if final else retry_at)
        outcome = "failed" if final else "retry"
        self._count(outcome, message)
        log.warning("message %s/%s %s after attempt %d (%s)", message.tracking_no, message.message_id, outcome, attempts, exc)
        if final:
            self._fall_back(message)
        return outcome

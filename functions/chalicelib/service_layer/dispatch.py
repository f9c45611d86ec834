"""The dispatcher: sends due outbox messages, records each result, retries with backoff.

Runs from the table's stream in AWS (one message per record) and as a loop in the local stack
(`dispatch_due`). A message is claimed with a lease before sending and marked sent right after,
so once recorded as sent it is never sent again."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..domain.model import Channel, OutboundMessage
from . import metrics
from .ports import Clock, EmailSender, RequestStore, SendError, SmsSender

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8
LEASE = timedelta(seconds=60)


def backoff(attempts: int, base: float = 30) -> timedelta:
    """Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … capped at one hour."""
    return timedelta(seconds=min(base * 2 ** (attempts - 1), 3600))


@dataclass
class Dispatcher:
    store: RequestStore
    email: EmailSender
    sms: SmsSender
    clock: Clock
    counts: dict[str, int] = field(default_factory=lambda: {"sent": 0, "retry": 0, "failed": 0})
    backoff_base: float = 30  # seconds; the local stack shortens it so a retry can be watched
    emit_metrics: bool = False  # CloudWatch embedded metrics, on in Lambda (bootstrap)

    def dispatch_due(self, limit: int = 25) -> int:
        """Send every message due now (up to `limit`); return how many were attempted."""
        keys = self.store.due_messages(self.clock.now(), limit)
        for tracking_no, message_id in keys:
            self.dispatch_one(tracking_no, message_id)
        return len(keys)

    def dispatch_one(self, tracking_no: str, message_id: str) -> str | None:
        now = self.clock.now()
        message = self.store.claim_message(tracking_no, message_id, now, now + LEASE)
        if message is None:
            return None  # sent, failed for good, not yet due, or another dispatcher has it
        try:
            provider_id = self._send(message)
        except SendError as exc:
            return self._failed(message, exc)
        self.store.record_sent(message, provider_id, self.clock.now())
        self._count("sent", message)
        return "sent"

    def _count(self, outcome: str, message: OutboundMessage) -> None:
        self.counts[outcome] += 1
        if self.emit_metrics:
            metrics.emit(outcome, message.channel.value)

    def _send(self, m: OutboundMessage) -> str:
        if m.channel is Channel.EMAIL:
            return self.email.send_email(m.recipient, m.subject, m.body)
        return self.sms.send_sms(m.recipient, m.body)

    def _failed(self, message: OutboundMessage, exc: SendError) -> str:
        attempts = message.attempts + 1
        final = not exc.retryable or attempts >= MAX_ATTEMPTS
        retry_at = None if final else self.clock.now() + backoff(attempts, self.backoff_base)
        self.store.record_failure(message, f"{type(exc).__name__}: {exc}"[:500], self.clock.now(),
                                  retry_at)
        outcome = "failed" if final else "retry"
        self._count(outcome, message)
        log.warning("message %s/%s %s after attempt %d (%s)", message.tracking_no,
                    message.message_id, outcome, attempts, type(exc).__name__)
        return outcome

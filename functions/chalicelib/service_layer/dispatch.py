"""The dispatcher: sends due outbox messages, records each result, retries with backoff.

Runs from the table's stream in AWS (one message per record) and as a loop in the local stack
(`dispatch_due`). A message is claimed with a lease before sending and marked sent right after,
so once recorded as sent it is never sent again. Only what a provider says may pass (a
RetryableSendError) is retried; anything else is our own bug: recorded as failed for good and
raised, so that it is seen at once rather than retried eight times."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from ..domain.outbox import Channel, OutboundMessage
from . import metrics
from .deps import Deps
from .ports import SendError

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 8


def backoff(attempts: int, base: float = 30) -> timedelta:
    """Delay before attempt `attempts + 1`: 30 s, 1 min, 2 min … capped at one hour."""
    return timedelta(seconds=min(base * 2 ** (attempts - 1), 3600))


@dataclass
class Dispatcher:
    deps: Deps
    counts: dict[str, int] = field(default_factory=lambda: {"sent": 0, "retry": 0, "failed": 0})

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
        store.record_sent(message, provider_id, clock.now())
        self._count("sent", message)
        return "sent"

    def _count(self, outcome: str, message: OutboundMessage) -> None:
        self.counts[outcome] += 1
        if self.deps.emit_metrics:
            metrics.emit(outcome, message.channel.value)

    def _send(self, m: OutboundMessage) -> str:
        if m.channel is Channel.EMAIL:
            return self.deps.email.send_email(m.recipient, m.subject, m.body)
        return self.deps.sms.send_sms(m.recipient, m.body)

    def _failed(self, message: OutboundMessage, exc: SendError) -> str:
        attempts = message.attempts + 1
        final = not exc.retryable or attempts >= MAX_ATTEMPTS
        now = self.deps.clock.now()
        retry_at = None if final else now + backoff(attempts, self.deps.backoff_base)
        self.deps.store.record_failure(message, f"{type(exc).__name__}: {exc}"[:500], now, retry_at)
        outcome = "failed" if final else "retry"
        self._count(outcome, message)
        log.warning("message %s/%s %s after attempt %d (%s)", message.tracking_no, message.message_id, outcome, attempts, exc)
        return outcome

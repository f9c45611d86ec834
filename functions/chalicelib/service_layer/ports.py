"""The small interfaces the use cases need; adapters/ implements them for AWS, tests fake them."""
from __future__ import annotations

from datetime import datetime
from typing import Protocol, Sequence

from ..domain.model import OutboundMessage, ServiceRequest
from ..domain.transitions import IdempotencyRecord, Transition


class Conflict(Exception):
    """A conditional write lost: the idempotency key is taken, or the request's status moved."""


class Contention(Exception):
    """Concurrent writes collided on an item; trying again shortly will succeed or conflict."""


class RequestStore(Protocol):
    def add(self, request: ServiceRequest, messages: Sequence[OutboundMessage],
            idempotency: IdempotencyRecord | None = None) -> None:
        """Store a request with its outbox (and idempotency record) in ONE atomic write: all or
        nothing. Raises Conflict when the idempotency key exists, Contention on a collision."""

    def get_idempotency(self, key_hash: str) -> IdempotencyRecord | None:
        """The record of an earlier submission with this key, or None (strongly consistent)."""

    def transition(self, t: Transition) -> None:
        """Move a request's status with its event and messages atomically; Conflict if the
        status is no longer one of `t.expected`."""

    def get(self, tracking_no: str) -> ServiceRequest | None:
        """The request with its timeline, or None."""

    def due_messages(self, now: datetime, limit: int) -> list[tuple[str, str]]:
        """(tracking_no, message_id) of pending messages due at `now`, oldest first."""

    def claim_message(self, tracking_no: str, message_id: str, now: datetime,
                      lease_until: datetime) -> OutboundMessage | None:
        """Lease a pending, due message to one dispatcher; None if sent, failed or leased."""

    def record_sent(self, message: OutboundMessage, provider_id: str, now: datetime) -> None:
        """Mark a claimed message sent; it is never sent again."""

    def record_failure(self, message: OutboundMessage, error: str, now: datetime,
                       retry_at: datetime | None) -> None:
        """Count a failed attempt: pending again at `retry_at`, or failed for good if None."""


class SendError(Exception):
    """A provider refused or failed a send."""

    retryable = True


class RetryableSendError(SendError):
    """Throttling, timeouts, 5xx: try again later."""


class PermanentSendError(SendError):
    """A rejected address or message: retrying cannot help."""

    retryable = False


class EmailSender(Protocol):
    def send_email(self, to: str, subject: str, body: str) -> str:
        """Send a plain-text email; return the provider's message id or raise SendError."""


class SmsSender(Protocol):
    def send_sms(self, phone_e164: str, body: str) -> str:
        """Send a transactional SMS; return the provider's message id or raise SendError."""


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""

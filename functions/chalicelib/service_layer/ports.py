"""The small interfaces the use cases need; adapters/ implements them for AWS, tests fake them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, Sequence

from ..domain.limits import Count
from ..domain.outbox import Attachment, OutboundMessage
from ..domain.registration import Cancellation, Placement, Registration, RegistrationStatus, SeatCount
from ..domain.request import Change, ServiceRequest


class Conflict(Exception):
    """A conditional write lost: the item exists, or the request changed since it was read."""


class CountMoved(Conflict):
    """A registration lost its race: the seat count moved on; `current` is what the table holds
    now (when it said so), so the registration can be judged again without another read."""

    def __init__(self, current: SeatCount | None = None):
        super().__init__("seat count moved on")
        self.current = current


class Contention(Exception):
    """Concurrent writes collided on an item; trying again shortly will succeed or conflict."""


class Unavailable(Exception):
    """The table did not answer in time, or asked us to slow down. A write may or may not have
    landed: the use case reads to find out before it answers."""


@dataclass(frozen=True)
class IdempotencyRecord:
    """Which request a submission with an Idempotency-Key created, kept until `expires_at` so
    that a repeat of the key answers with the same request. It holds no secret: the access
    token is derived again from the tracking number (domain/tokens.py)."""

    key_hash: str
    body_hash: str
    tracking_no: str
    expires_at: datetime


class RequestStore(Protocol):
    def add(self, request: ServiceRequest, messages: Sequence[OutboundMessage],
            idempotency: IdempotencyRecord | None = None, counts: Sequence[Count] = ()) -> None:
        """Store a request with its outbox (and idempotency record), counting `counts`, in ONE
        atomic write: all or nothing. Raises Conflict when an item exists already, Limited when
        a count is at its limit, Contention on a collision."""

    def count(self, count: Count) -> int:
        """Count one more, whatever the total; return the total of the window."""

    def counted(self, count: Count) -> int:
        """The total of the window so far."""

    def get_idempotency(self, key_hash: str) -> IdempotencyRecord | None:
        """The record of an earlier submission with this key, or None (strongly consistent)."""

    def transition(self, change: Change, messages: Sequence[OutboundMessage]) -> None:
        """Store a change with its event and messages atomically; Conflict if the request is no
        longer at `change.before.version`."""

    def add_messages(self, messages: Sequence[OutboundMessage]) -> None:
        """Add messages to a request's outbox in one write; Conflict if one exists already."""

    def get(self, tracking_no: str) -> ServiceRequest | None:
        """The request with its timeline, as of the last write (strongly consistent), or None."""

    def token_hash(self, tracking_no: str) -> str | None:
        """The hash of a request's access token, or None: a small read that costs the same
        whether the request exists or not."""

    def messages_of(self, tracking_no: str, audience_prefix: str) -> list[OutboundMessage]:
        """The request's outbox messages whose audience starts with `audience_prefix`, as last
        recorded (one Query of the request's partition): what was sent to whom, and how it went."""

    def due_messages(self, now: datetime, limit: int) -> list[tuple[str, str]]:
        """(tracking_no, message_id) of pending messages due at `now`, oldest first."""

    def claim_message(self, tracking_no: str, message_id: str, now: datetime,
                      lease_until: datetime) -> OutboundMessage | None:
        """Lease a pending, due message to one dispatcher; None if sent, failed or leased."""

    def record_sent(self, message: OutboundMessage, provider_id: str, now: datetime,
                    change: Change | None = None) -> None:
        """Mark a claimed message sent; it is never sent again. With `change`, store the change
        in the same write (Conflict, and nothing written, if the request moved on)."""

    def record_failure(self, message: OutboundMessage, error: str, now: datetime,
                       retry_at: datetime | None) -> None:
        """Count a failed attempt: pending again at `retry_at`, or failed for good if None."""


class RegistrationStore(Protocol):
    """Training registrations on the table. A session's registrations, its waiting list and a
    registration itself are each one Query or GetItem away (the organiser's pages read them)."""

    def seat_count(self, training_id: str) -> SeatCount:
        """The session's seat count as of the last write (strongly consistent); zero if none yet."""

    def seat_counts(self, training_ids: Sequence[str]) -> dict[str, SeatCount]:
        """Several sessions' seat counts in one read, for the calendar (a moment old at most)."""

    def place(self, placement: Placement, messages: Sequence[OutboundMessage], mobile_key: str,
              counts: Sequence[Count] = ()) -> None:
        """Store a registration with its messages in ONE transaction whose conditions are the
        seat count it was judged on (and, for a confirmed one, the seats left), that `mobile_key`
        holds no registration of the session yet, and the organisation's seats. Raises CountMoved
        when the seat count moved on (judge again), AlreadyRegistered, OrganisationFull, Limited,
        Conflict (the registration number is taken: draw another)."""

    def holder(self, training_id: str, mobile_key: str) -> str | None:
        """The registration number `mobile_key` holds for the session, if any (strongly consistent)."""

    def get(self, registration_no: str) -> Registration | None:
        """The registration as of the last write (strongly consistent), or None."""

    def secret_hash(self, registration_no: str) -> str | None:
        """The hash of the registration's secret: a small read, the same whether it exists or not."""

    def waiting(self, training_id: str, limit: int) -> list[Registration]:
        """The head of the session's waiting list, in arrival order (strongly consistent)."""

    def waiting_ahead(self, training_id: str, arrival: int) -> int:
        """How many wait before the registration that arrived as `arrival`."""

    def cancel(self, cancellation: Cancellation, messages: Sequence[OutboundMessage], mobile_key: str) -> None:
        """Cancel, free the seats, promote, withdraw the pending reminder: ONE transaction on the
        versions it was judged on; Conflict if any moved on."""

    def registrations(self, training_id: str, status: RegistrationStatus) -> list[Registration]:
        """The session's registrations of one status in arrival order (the organiser's lists)."""

    def record_check_in(self, before: Registration, after: Registration) -> None:
        """Store a check-in; Conflict if the registration changed since `before`."""

    def record_rating(self, before: Registration, after: Registration) -> None:
        """Store the participant's rating; Conflict if the registration changed since `before`."""


class SendError(Exception):
    """A provider refused or failed to send; `retryable` says whether trying later may help."""

    retryable = True


class RetryableSendError(SendError):
    """Throttling, timeouts, 5xx: try again later."""


class PermanentSendError(SendError):
    """A rejected address or message: retrying cannot help."""

    retryable = False


class EmailSender(Protocol):
    def send_email(self, to: str, subject: str, body: str, attachments: Sequence[Attachment] = ()) -> str:
        """Send a plain-text email (with small attachments, such as a calendar invitation);
        return the provider's message id or raise SendError."""


class SmsSender(Protocol):
    def send_sms(self, phone_e164: str, body: str) -> str:
        """Send a transactional SMS; return the provider's message id or raise SendError."""


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""

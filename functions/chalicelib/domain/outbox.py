"""Messages in the outbox: what a change of a request sends, stored with it in one write."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any


class Channel(str, Enum):
    EMAIL = "email"
    SMS = "sms"


class Delivery(str, Enum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class Attachment:
    """A small file sent with an email (a calendar invitation): stored with its message, so a
    retry sends exactly what the first attempt would have."""

    filename: str
    content_type: str  # e.g. "text/calendar; method=PUBLISH"
    content: str


@dataclass(frozen=True)
class OutboundMessage:
    """One notification in the outbox; `message_id` is unique within its request."""

    tracking_no: str
    message_id: str
    channel: Channel
    recipient: str
    audience: str  # a department id, "applicant", or "party-<role>" (a responsible party, domain/parties.py)
    subject: str
    body: str
    created_at: datetime
    status: Delivery = Delivery.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    provider_id: str | None = None
    sent_at: datetime | None = None
    last_error: str | None = None
    attachments: tuple[Attachment, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)

"""A service request, its timeline and the messages it sends: plain data, no I/O."""
from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from .lifecycle import Status

# Crockford's base32 without I, L, O, U: unambiguous when read aloud or typed from an SMS.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_tracking_no(now: datetime) -> str:
    """SY + date + 10 random characters (50 bits): unguessable, and useless without the token."""
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"SY{now:%y%m%d}-{suffix}"


def new_access_token() -> str:
    return secrets.token_urlsafe(24)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str | None, token_hash: str) -> bool:
    return bool(token) and hmac.compare_digest(hash_token(token or ""), token_hash)


RATING_LABELS = {5: ("非常满意", "Very satisfied"), 4: ("满意", "Satisfied"), 3: ("基本满意", "Fairly satisfied"),
                 2: ("不满意", "Dissatisfied"), 1: ("非常不满意", "Very dissatisfied")}
POOR_RATING = 2  # 不满意 and below open a follow-up task for the department


@dataclass(frozen=True)
class TimelineEvent:
    at: datetime
    status: Status
    note_zh: str = ""
    note_en: str = ""


@dataclass(frozen=True)
class ServiceRequest:
    tracking_no: str
    token_hash: str
    service: str
    stages: tuple[str, ...]
    district: str | None
    lead_departments: tuple[str, ...]
    cc_departments: tuple[str, ...]
    status: Status
    created_at: datetime
    form: dict[str, Any]
    lang: str = "zh"
    timeline: tuple[TimelineEvent, ...] = ()
    staff_key_hash: str = ""  # the lead departments' key for acting on the request
    respond_by: str | None = None  # ISO date of first contact at the latest (Beijing)
    assignee: str | None = None  # the steward's or liaison's name, once assigned
    rating: int | None = None  # 5 (very satisfied) … 1 (very dissatisfied)
    rating_comment: str | None = None
    window: str | None = None  # the service window whose QR code the request came through


class Channel(str, Enum):
    EMAIL = "email"
    SMS = "sms"


class Delivery(str, Enum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True)
class OutboundMessage:
    """One notification in the outbox; `message_id` is unique within its request."""

    tracking_no: str
    message_id: str
    channel: Channel
    recipient: str
    audience: str  # a department id, or "applicant"
    subject: str
    body: str
    created_at: datetime
    status: Delivery = Delivery.PENDING
    attempts: int = 0
    next_attempt_at: datetime | None = None
    provider_id: str | None = None
    sent_at: datetime | None = None
    last_error: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

"""Value objects for the writes that change a request after it was submitted."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .lifecycle import Status
from .model import OutboundMessage, TimelineEvent


@dataclass(frozen=True)
class IdempotencyRecord:
    """What a submission with an Idempotency-Key answered, kept (until `expires_at`) so that
    a repeat of the same key gets the same answer and creates nothing."""

    key_hash: str
    body_hash: str
    tracking_no: str
    response: dict[str, Any]
    expires_at: datetime


@dataclass(frozen=True)
class Transition:
    tracking_no: str
    expected: frozenset[Status]
    status: Status
    event: TimelineEvent
    created_at: datetime  # the request's, for the department-queue sort key
    departments: tuple[str, ...]  # whose queue entries change status
    fields: dict[str, Any] = field(default_factory=dict)  # assignee, rating, rating_comment
    messages: tuple[OutboundMessage, ...] = ()

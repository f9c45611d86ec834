"""Limits on what one mobile number receives and what one client may do, counted in the table
(so that they hold across every Lambda instance) in windows that expire by themselves.

    ack-sms   acknowledgement SMS to one mobile (then the applicant gets email only, and is told)
    submit    submissions from one client
    secret    wrong tracking number or secret from one client (then every lookup waits)

A counter is keyed by a pseudonym of its subject (an HMAC, domain/tokens.py), never by the
number or the address itself."""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone


@dataclass(frozen=True)
class Limit:
    kind: str
    most: int
    window: timedelta

    def window_of(self, now: datetime) -> tuple[datetime, datetime]:
        """(start, end) of the window `now` falls in: windows are aligned, so every instance counts
        in the same one."""
        seconds = int(self.window.total_seconds())
        start = datetime.fromtimestamp(int(now.timestamp()) // seconds * seconds, timezone.utc)
        return start, start + self.window

    def retry_after(self, now: datetime) -> int:
        """Whole seconds until the window ends (at least 1)."""
        return max(1, math.ceil((self.window_of(now)[1] - now).total_seconds()))


@dataclass(frozen=True)
class Limits:
    ack_sms: Limit = Limit("ack-sms", 3, timedelta(hours=1))
    submit: Limit = Limit("submit", 30, timedelta(hours=1))
    secret: Limit = Limit("secret", 20, timedelta(minutes=10))


@dataclass(frozen=True)
class Count:
    """One more against `limit` for `subject` (a pseudonym) in the window of `now`."""

    limit: Limit
    subject: str
    now: datetime

    @property
    def window(self) -> tuple[datetime, datetime]:
        return self.limit.window_of(self.now)


class Limited(Exception):
    """A limit is reached; `retry_after` seconds until its window ends."""

    def __init__(self, limit: Limit, retry_after: int):
        super().__init__(limit.kind)
        self.limit, self.retry_after = limit, retry_after

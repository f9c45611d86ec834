"""The interfaces of the staff side: who is signed in (an OpenID Connect provider), who works
where (the directory), and what the workbench reads (queues, the audit trail, sessions)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from ..domain.officers import Officer


class Unauthorized(Exception):
    """No token, or one that is expired, forged, for another audience or signed out: 401."""


class SignInFailed(Exception):
    """Wrong username or password (the two are not told apart)."""


class TokenVerifier(Protocol):
    def verify(self, token: str) -> dict[str, Any]:
        """The claims of a valid token; Unauthorized for anything else."""


class Directory(Protocol):
    def sign_in(self, username: str, password: str) -> str:
        """An ID token for the user; SignInFailed when the credentials are wrong."""

    def officers(self, department: str) -> list[Officer]:
        """The officers and heads of `department`, by name."""

    def officer(self, username: str) -> Officer | None:
        """One member of staff, with the departments their groups give them, or None."""

    def supervisors(self) -> list[Officer]:
        """The supervisors (assessment office), by name: whom an escalation reaches last."""


@dataclass(frozen=True)
class QueueEntry:
    """One line of a queue page, as the entry holds it (no read of the request itself)."""

    tracking_no: str
    service: str
    stages: tuple[str, ...]
    district: str | None
    status: str
    created_at: datetime
    due: str | None
    assignee: str | None
    assignee_name: str | None
    organisation: str | None
    project: str | None
    department: str | None = None  # the department whose queue holds the entry (the appeals list's)
    rating: int | None = None
    appealed_at: str | None = None  # the appeals list only: when the department appealed


@dataclass(frozen=True)
class QueuePage:
    entries: list[QueueEntry]
    cursor: str | None  # opaque: where the next page starts; None on the last page
    read: int = 0  # items DynamoDB read for this page (bench/queue_reads.py)


@dataclass(frozen=True)
class AuditEntry:
    """Who opened a request's personal data or acted on it, when, and why."""

    tracking_no: str
    at: datetime
    officer: str
    officer_name: str
    action: str
    reason: str = ""
    details: dict[str, Any] = field(default_factory=dict)


class StaffStore(Protocol):
    def queue(self, department: str, facet: str, lane: str, today: str, limit: int,
              cursor: str | None) -> QueuePage:
        """One page of a lane (or of the due-today / overdue views) of a department's queue
        under one facet, by ONE index query that reads only what it returns. ValueError for a
        cursor this query did not make."""

    def add_audit(self, entry: AuditEntry) -> None:
        """Append an entry to a request's audit trail; entries are never changed or removed."""

    def audit(self, tracking_no: str) -> list[AuditEntry]:
        """A request's audit trail of openings, oldest first."""

    def add_export(self, entry: AuditEntry) -> None:
        """Append an export (figures or a request list) to the exports' audit trail, by month;
        `tracking_no` holds the export's kind, `details` its query and what it held."""

    def exports(self, month: str) -> list[AuditEntry]:
        """The exports of a month (YYYY-MM, UTC), oldest first."""

    def department_entries(self, department: str) -> list[QueueEntry]:
        """Every request the department's queue holds (any lane), by one paged index query."""

    def revoke(self, session: str, until: datetime) -> None:
        """Sign a token out: it is refused from now on (kept until it would have expired)."""

    def revoked(self, session: str) -> bool:
        """Whether a token was signed out."""

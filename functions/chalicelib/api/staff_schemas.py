"""Response bodies of the staff routes (the public ones are in schemas.py)."""
from __future__ import annotations

from typing import Literal

from ..i18n import Text
from .findings import PartyOut
from .staff_detail import RepliesOut
from .schemas import Named, StatusLabel, StatusOut, _Out


class OfficerOut(_Out):
    username: str
    name: str
    role: Literal["officer", "head", "supervisor"]
    role_label: Text
    departments: list[Named]


class SessionOut(_Out):
    token: str
    expires_at: str
    idle_minutes: int
    officer: OfficerOut


class OfficerRef(_Out):
    username: str
    name: str


class ColleagueOut(_Out):
    username: str
    name: str
    role: Literal["officer", "head"]


class OfficersOut(_Out):
    officers: list[ColleagueOut]


class QueueItemOut(_Out):
    tracking_no: str
    service: Named
    stages: list[Named]
    district: Named | None
    status: StatusLabel
    submitted_at: str
    due: str | None
    overdue: bool
    assignee: OfficerRef | None
    organisation: str | None
    project: str | None


class LaneOut(_Out):
    id: str
    label: Text


class QueueOut(_Out):
    department: Named
    lane: str
    lanes: list[LaneOut]
    items: list[QueueItemOut]
    next_cursor: str | None


class AppealItemOut(_Out):
    """One appeal awaiting a supervisor's decision (the bureau's appeals list)."""

    tracking_no: str
    service: Named
    department: Named
    rating: int
    rating_label: Text
    appealed_at: str
    submitted_at: str
    organisation: str | None
    project: str | None


class AppealsOut(_Out):
    label: Text
    lanes: list[LaneOut]  # the departments' lanes too, for the workbench's tabs
    items: list[AppealItemOut]
    next_cursor: str | None


class ApplicantOut(_Out):
    organisation: str | None
    credit_code: str | None
    contact: str | None
    mobile: str | None
    email: str | None


class FieldOut(_Out):
    name: str
    label: Text
    value: Text


class AuditOut(_Out):
    at: str
    officer: str
    action: str
    reason: str


class TransferredOut(_Out):
    """The answer to a transfer: the officer's department no longer sees the request."""

    tracking_no: str
    transferred_to: list[Named]
    message: Text


class StaffRequestOut(StatusOut):
    """The request as an officer needs it: the applicant's details, every field of the form,
    the deadline that runs, and for supervisors the audit trail."""

    assignee: OfficerRef | None  # type: ignore[assignment]
    applicant: ApplicantOut
    fields: list[FieldOut]
    cc_departments: list[Named]
    due: str | None
    due_note: Text | None = None  # beside the deadline: sample time limits, holidays not yet announced
    paused: bool
    audit: list[AuditOut] | None = None
    parties: list[PartyOut] | None = None  # the five responsible parties and the findings' deliveries
    findings: str | None = None  # the findings the completion sent them
    replies: RepliesOut | None = None  # reply templates for the steps allowed now, filled

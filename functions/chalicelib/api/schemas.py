"""Response bodies. The presenters build every JSON body from these models, so /api/openapi.json
describes exactly what the API answers (tests validate every response they see against it)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from ..i18n import Text


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Named(_Out):
    id: str
    name: Text


class StatusLabel(_Out):
    id: str
    label: Text


class ActionOut(_Out):
    """A step the viewer may take now (the lifecycle's table decides), with its words."""

    id: str
    label: Text
    confirm: Text | None = None


class SubmittedOut(_Out):
    tracking_no: str
    access_token: str
    status: StatusLabel
    status_url: str
    respond_by: str | None
    respond_by_sample: bool
    lead_departments: list[Named]
    next_steps: Text


class ErrorDetail(_Out):
    code: str
    message: Text


class ErrorOut(_Out):
    error: ErrorDetail


class FieldErrorOut(_Out):
    field: str
    message: Text


class ValidationErrorOut(_Out):
    error: ErrorDetail
    errors: list[FieldErrorOut]


class Note(_Out):
    """Free text beside a timeline entry (a reason, a rating), empty when there is none."""

    zh: str
    en: str


class ByOut(_Out):
    """The officer who took a step, and the department they acted for (staff views only)."""

    name: str
    department: Named | None


class TimelineEntry(_Out):
    at: str
    status: str
    action: str
    label: Text
    note: Note
    by: ByOut | None = None


class RecordOut(_Out):
    """A service record; the applicant sees those marked visible."""

    kind: StatusLabel
    date: str
    minutes: int
    notes: str
    visible: bool
    by: str | None
    at: str


class InfoRequestOut(_Out):
    """A request for more information (补正) and the applicant's answer, once given."""

    items: list[str]
    asked_at: str
    answer: str | None
    answered_at: str | None


class RatingOut(_Out):
    level: int
    label: Text


class NoticeItemOut(_Out):
    """One numbered item of a one-time notice, in both languages."""

    problem: Text
    basis: Text
    provide: Text
    form: StatusLabel
    copies: int


class NoticeOut(_Out):
    """A one-time notice as issued (final): its number, who issued it for which department,
    which notice it replaces or was replaced by, its items, and where its PDF is (fetched with
    the same Authorization header as the request)."""

    seq: int
    number: str
    issued_at: str
    issued_on: str  # the notice's date (Beijing)
    department: Named
    officer: str  # the issuing officer's name, as the printed notice shows it
    replaces: str | None
    superseded_by: str | None
    in_force: bool
    items: list[NoticeItemOut]
    pdf: str
    sample_note: Text | None  # said on the notice while the bureau's header is a sample


class RatingReviewOut(_Out):
    """The follow-up of a poor rating (domain/rating_review.py). The applicant sees the timers,
    the reply, their own rating of it and an appeal's outcome, never who acted; the fields
    marked "staff" are None in their view."""

    verify_by: str | None
    rectify_by: str | None
    deadline_note: Text | None  # beside the dates: sample periods, holidays not yet announced
    verified_at: str | None
    verification: str | None  # staff: what the call-back found
    rectified_at: str | None
    rectification: str | None  # staff: what was put right
    reply: str | None  # the department's reply to the applicant
    rectification_rating: StatusLabel | None
    appealed_at: str | None  # the applicant is told an appeal was made, and its outcome
    appeal_reason: str | None  # staff
    appeal_by: str | None  # staff: the officer who appealed
    decided_at: str | None
    decision: StatusLabel | None  # "upheld" or "rejected", with its words
    decision_grounds: str | None  # staff
    decided_by: str | None  # staff: the supervisor
    rating_excluded: bool  # an upheld appeal: the rating stays, out of the statistics


class StatusOut(_Out):
    tracking_no: str
    service: Named
    stages: list[Named]
    status: StatusLabel
    submitted_at: str
    respond_by: str | None
    respond_by_note: Text | None  # beside the date: sample time limits, holidays not yet announced
    lead_departments: list[Named]
    assignee: str | None  # the officer's name: the applicant sees no more of them
    rating: RatingOut | None
    actions: list[ActionOut]
    viewer: Literal["applicant", "lead", "head", "copied", "supervisor"]
    window: str | None
    timeline: list[TimelineEntry]
    summary: str | None = None  # the completion summary
    records: list[RecordOut] = []
    info_requests: list[InfoRequestOut] = []
    notices: list[NoticeOut] = []  # the one-time notices, oldest first
    rating_review: RatingReviewOut | None = None  # a poor rating's follow-up


class HealthOut(_Out):
    status: str

"""Response bodies. The handlers build their JSON from these models, so /api/openapi.json
describes exactly what the API answers."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

from ..i18n import Text


class Named(BaseModel):
    id: str
    name: Text


class StatusLabel(BaseModel):
    id: str
    label: Text


class SubmittedOut(BaseModel):
    tracking_no: str
    access_token: str
    status: StatusLabel
    status_url: str
    respond_by: str | None
    lead_departments: list[Named]
    next_steps: Text


class ErrorDetail(BaseModel):
    code: str
    message: Text


class ErrorOut(BaseModel):
    error: ErrorDetail


class FieldErrorOut(BaseModel):
    field: str
    message: Text


class ValidationErrorOut(BaseModel):
    error: ErrorDetail
    errors: list[FieldErrorOut]


class TimelineEntry(BaseModel):
    at: str
    status: str
    label: Text
    note: Text


class RatingOut(BaseModel):
    level: int
    label: Text


class StatusOut(BaseModel):
    tracking_no: str
    service: Named
    stages: list[Named]
    status: StatusLabel
    submitted_at: str
    respond_by: str | None
    lead_departments: list[Named]
    assignee: str | None
    rating: RatingOut | None
    can_withdraw: bool
    can_rate: bool
    viewer: Literal["applicant", "department"]
    window: str | None
    timeline: list[TimelineEntry]


class HealthOut(BaseModel):
    status: str

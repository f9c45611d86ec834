"""Pydantic models of the catalog; cross-references are checked once the whole catalog is read."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from ..i18n import Text

Slug = Field(pattern=r"^[a-z][a-z0-9-]*[a-z0-9]$", max_length=64)


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Stage(_Entry):
    id: str = Slug
    name: Text
    scope: Text
    lead_departments: tuple[str, ...] = Field(min_length=1)
    district_linkage: bool
    plan_clause: Text


class Department(_Entry):
    id: str = Slug
    kind: Literal["division", "district-authority"]
    name: Text
    district: str | None = None
    district_name: Text | None = None

    @model_validator(mode="after")
    def _district_iff_authority(self) -> "Department":
        has_district = self.district is not None and self.district_name is not None
        if (self.kind == "district-authority") != has_district:
            raise ValueError("district and district_name are required for a district-authority "
                             "and not allowed for a division")
        return self


class Service(_Entry):
    id: str = Slug
    name: Text
    summary: Text
    stages: tuple[str, ...] | Literal["any"]
    lead: tuple[str, ...] | Literal["stage"]
    cc: tuple[str, ...] = ()
    district_authority: Literal["none", "cc", "lead"]
    plan_clause: Text


class Window(_Entry):
    id: str = Slug
    sample: bool
    name: Text
    location: Text
    stage: str
    services: tuple[str, ...] = Field(min_length=1)


class ServiceStandards(_Entry):
    """Working days to first contact and to completion, per service, when a completed request
    is due its follow-up, and when a deadline is reminded of and escalated (sample until the
    bureau confirms them)."""

    sample: bool
    sample_note: Text
    default_first_contact_working_days: int = Field(ge=1, le=30)
    first_contact_working_days: dict[str, int] = {}
    default_completion_working_days: int = Field(ge=1, le=120)
    completion_working_days: dict[str, int] = {}
    follow_up_after_working_days: int = Field(ge=1, le=30)
    reminder_before_working_days: int = Field(ge=1, le=10)
    escalate_to_head_after_working_days: int = Field(ge=1, le=30)
    escalate_to_supervisor_after_working_days: int = Field(ge=1, le=60)

    @model_validator(mode="after")
    def _supervisor_after_head(self) -> "ServiceStandards":
        if self.escalate_to_supervisor_after_working_days <= self.escalate_to_head_after_working_days:
            raise ValueError("escalate_to_supervisor_after_working_days must be more than "
                             "escalate_to_head_after_working_days: the supervisor hears of it after the head")
        return self

    @property
    def date_note(self) -> Text | None:
        """What every date computed from these limits says beside it while they are samples."""
        return self.sample_note if self.sample else None

    def first_contact_days(self, service_id: str) -> int:
        return self.first_contact_working_days.get(service_id, self.default_first_contact_working_days)

    def completion_days(self, service_id: str) -> int:
        return self.completion_working_days.get(service_id, self.default_completion_working_days)


class NoticeWords(_Entry):
    issuer: Text
    title: Text
    lead: Text
    closing: Text


class Documents(_Entry):
    """The header and wording of the documents issued in the bureau's name (documents.yml),
    marked as a sample until the bureau confirms them."""

    sample: bool
    sample_note: Text
    notice: NoticeWords

    @property
    def note(self) -> Text | None:
        return self.sample_note if self.sample else None


class AcceptanceReference(_Entry):
    """A department's first-time acceptance pass rate for all its projects (acceptance-reference.yml)."""

    department: str
    period: str
    first_time_pass_rate: float = Field(ge=0, le=1)
    sample: bool


class AcceptanceReferences(_Entry):
    sample_note: Text
    references: tuple[AcceptanceReference, ...] = ()


class Catalog(_Entry):
    """The whole catalog. Lookups raise KeyError for unknown ids."""

    stages: tuple[Stage, ...]
    departments: tuple[Department, ...]
    services: tuple[Service, ...]
    windows: tuple[Window, ...]
    standards: ServiceStandards
    documents: Documents
    acceptance: AcceptanceReferences | None = None  # the departments' pass rates for all projects

    def stage(self, stage_id: str) -> Stage:
        return _by_id(self.stages, stage_id)

    def department(self, department_id: str) -> Department:
        return _by_id(self.departments, department_id)

    def service(self, service_id: str) -> Service:
        return _by_id(self.services, service_id)

    def window(self, window_id: str) -> Window:
        return _by_id(self.windows, window_id)

    @property
    def districts(self) -> tuple[Department, ...]:
        """The district construction authorities, in catalog order."""
        return tuple(d for d in self.departments if d.kind == "district-authority")

    def district_authority(self, district: str) -> Department:
        for dept in self.districts:
            if dept.district == district:
                return dept
        raise KeyError(district)

    def stages_of(self, service: Service) -> tuple[Stage, ...]:
        if service.stages == "any":
            return self.stages
        return tuple(self.stage(s) for s in service.stages)


def _by_id(entries, entry_id):
    for entry in entries:
        if entry.id == entry_id:
            return entry
    raise KeyError(entry_id)

"""The service request: an aggregate that owns its rules. Every change is checked against the
lifecycle's one table (lifecycle.STEPS) and returned as a `Change` (the new state and its
timeline event); the request also answers who may see it and which actions a viewer may take
now. No I/O: the service layer stores the change, with its messages, in one write."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from .actions import ActionParams
from .errors import NotAllowedNow, NotFound
from .lifecycle import AWAITING_FIRST_CONTACT, STEPS, Party, Status, Step, step


@dataclass(frozen=True)
class Viewer:
    """Who is looking. The applicant is a viewer of one request (their token opened it); an
    officer of some departments; a supervisor of every department."""

    kind: Literal["applicant", "officer", "supervisor", "system"]
    departments: frozenset[str] = frozenset()
    tracking_no: str | None = None  # the request an applicant's token opened
    name: str | None = None

    @classmethod
    def applicant(cls, tracking_no: str) -> "Viewer":
        return cls("applicant", tracking_no=tracking_no)

    @classmethod
    def officer(cls, departments: frozenset[str] | tuple[str, ...], name: str | None = None) -> "Viewer":
        return cls("officer", departments=frozenset(departments), name=name)

    @classmethod
    def supervisor(cls, name: str | None = None) -> "Viewer":
        return cls("supervisor", name=name)

    @classmethod
    def system(cls) -> "Viewer":
        """The portal itself (the dispatcher, recording that a department was notified)."""
        return cls("system")


@dataclass(frozen=True)
class TimelineEvent:
    """One entry of the timeline; `seq` is the request's version the event produced, so the
    timeline lists events in the order their writes took effect."""

    seq: int
    at: datetime
    status: Status
    action: str = "submit"
    actor: str = Party.APPLICANT.value
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
    version: int = 1  # counts the writes that changed the request; each write expects the last
    staff_key_hash: str = ""  # the lead departments' key for acting on the request
    respond_by: str | None = None  # ISO date of first contact at the latest (Beijing)
    assignee: str | None = None  # the steward's or liaison's name, once assigned
    rating: int | None = None  # 5 (very satisfied) … 1 (very dissatisfied)
    rating_comment: str | None = None
    window: str | None = None  # the service window whose QR code the request came through
    ack_sms: bool = True  # the acknowledgement went by SMS (False: the mobile's hourly limit was reached)

    def party(self, viewer: Viewer) -> Party | None:
        """How `viewer` stands to this request; None when they may not see it at all."""
        if viewer.kind == "applicant":
            return Party.APPLICANT if viewer.tracking_no == self.tracking_no else None
        if viewer.kind == "supervisor":
            return Party.SUPERVISOR
        if viewer.kind == "system":
            return Party.SYSTEM
        if viewer.departments & set(self.lead_departments):
            return Party.LEAD
        if viewer.departments & set(self.cc_departments):
            return Party.COPIED
        return None

    def allowed_steps(self, viewer: Viewer) -> tuple[Step, ...]:
        """The steps `viewer` may take now, in table order."""
        party = self.party(viewer)
        return tuple(s for s in STEPS if party in s.by and self.status in s.sources)

    def perform(self, params: ActionParams, viewer: Viewer, at: datetime) -> "Change":
        """Take the step of `params.action`; NotFound if the viewer may not see the request,
        NotAllowedNow if the table does not let them take it now."""
        party = self.party(viewer)
        if party is None:
            raise NotFound()
        row = step(params.action)
        if party not in row.by or self.status not in row.sources:
            raise NotAllowedNow()
        note_zh, note_en = params.note()
        event = TimelineEvent(seq=self.version + 1, at=at, status=row.target, action=row.action,
                              actor=party.value, note_zh=note_zh, note_en=note_en)
        fields = params.effects()
        after = dataclasses.replace(self, status=row.target, version=event.seq,
                                    timeline=self.timeline + (event,), **fields)
        return Change(before=self, after=after, step=row, params=params, event=event, fields=fields)

    @property
    def first_contact_due(self) -> str | None:
        """The date first contact is due by, while it is still awaited."""
        return self.respond_by if self.status in AWAITING_FIRST_CONTACT else None

    @property
    def departments(self) -> tuple[str, ...]:
        """Every department that sees the request: lead, then copied."""
        return self.lead_departments + self.cc_departments


@dataclass(frozen=True)
class Change:
    """One step taken: the state before and after, the event it adds and the fields it sets."""

    before: ServiceRequest
    after: ServiceRequest
    step: Step
    params: ActionParams
    event: TimelineEvent
    fields: dict[str, Any]

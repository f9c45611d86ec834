"""The service request: an aggregate that owns its rules. Every change is checked against the
lifecycle's one table (lifecycle.STEPS) and returned as a `Change` (the new state and its
timeline event); the request also answers who may see it and which actions a viewer may take
now. No I/O: the service layer stores the change, with its messages, in one write."""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

from .actions import ActionParams
from .calendar import beijing_date
from .effects import StepContext, due, effects
from .errors import NotAllowedNow, NotFound
from .lifecycle import AWAITING_FIRST_CONTACT, STEPS, Keep, Party, Status, Step, step

if TYPE_CHECKING:
    from .notices import Notice


@dataclass(frozen=True)
class Viewer:
    """Who is looking. The applicant is a viewer of one request (their token opened it); an
    officer of some departments; a supervisor of every department."""

    kind: Literal["applicant", "officer", "supervisor", "system"]
    departments: frozenset[str] = frozenset()
    tracking_no: str | None = None  # the request an applicant's token opened
    name: str | None = None
    username: str | None = None
    heads: frozenset[str] = frozenset()  # the departments the officer heads

    @classmethod
    def applicant(cls, tracking_no: str) -> "Viewer":
        return cls("applicant", tracking_no=tracking_no)

    @classmethod
    def officer(cls, departments: frozenset[str] | tuple[str, ...] | set[str], name: str | None = None,
                username: str | None = None, heads: frozenset[str] | tuple[str, ...] = frozenset()) -> "Viewer":
        return cls("officer", departments=frozenset(departments), name=name, username=username,
                   heads=frozenset(heads))

    @classmethod
    def supervisor(cls, name: str | None = None, username: str | None = None) -> "Viewer":
        return cls("supervisor", name=name, username=username)

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
    by: str | None = None         # the officer's username (staff steps)
    by_name: str | None = None    # … and name, as the timeline shows it
    department: str | None = None  # the department the officer acted for
    details: dict[str, Any] = dataclasses.field(default_factory=dict)  # the step's body (params.details)


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
    respond_by: str | None = None  # ISO date of first contact at the latest (Beijing)
    assignee: str | None = None  # the steward's or liaison's username, once assigned
    assignee_name: str | None = None  # … and name, which the applicant sees
    rating: int | None = None  # 5 (very satisfied) … 1 (very dissatisfied)
    rating_comment: str | None = None
    window: str | None = None  # the service window whose QR code the request came through
    ack_sms: bool = True  # the acknowledgement went by SMS (False: the mobile's hourly limit was reached)
    complete_by: str | None = None  # ISO date of completion at the latest, once assigned
    paused_from: Status | None = None  # while awaiting the applicant: the status to return to
    paused_on: str | None = None  # … and since when (the clock stops)
    arrived_on: str | None = None  # when a transfer brought it to its lead department
    completed_on: str | None = None
    summary: str | None = None  # the completion summary the applicant sees
    notices: tuple["Notice", ...] = ()  # the one-time notices issued, by number (documents, not a state)
    notices_issued: int = 0  # how many: more than one means the first did not tell everything

    def party(self, viewer: Viewer) -> Party | None:
        """How `viewer` stands to this request; None when they may not see it at all."""
        if viewer.kind == "applicant":
            return Party.APPLICANT if viewer.tracking_no == self.tracking_no else None
        if viewer.kind == "supervisor":
            return Party.SUPERVISOR
        if viewer.kind == "system":
            return Party.SYSTEM
        if viewer.heads & set(self.lead_departments):
            return Party.HEAD
        if viewer.departments & set(self.lead_departments):
            return Party.LEAD
        if viewer.departments & set(self.cc_departments):
            return Party.COPIED
        return None

    def allowed_steps(self, viewer: Viewer) -> tuple[Step, ...]:
        """The steps `viewer` may take now, in table order."""
        party = self.party(viewer)
        return tuple(s for s in STEPS if party in s.by and self.status in s.sources and s.applies_to(self.service))

    def perform(self, params: ActionParams, viewer: Viewer, at: datetime, ctx: StepContext | None = None) -> "Change":
        """Take the step of `params.action`; NotFound if the viewer may not see the request,
        NotAllowedNow if the table (or a rule of the step, effects.py) does not let them now."""
        party = self.party(viewer)
        if party is None:
            raise NotFound()
        row = step(params.action)
        if party not in row.by or self.status not in row.sources or not row.applies_to(self.service):
            raise NotAllowedNow()
        ctx = ctx or StepContext(today=beijing_date(at))
        params = params.bind(self)
        fields = params.effects() | effects(self, row.action, params, ctx)
        status = fields.pop("status", self.status if row.target is Keep.SAME else row.target)
        note_zh, note_en = params.note()
        acting = next((d for d in self.lead_departments if d in viewer.departments), None)
        event = TimelineEvent(seq=self.version + 1, at=at, status=status, action=row.action, actor=party.value,
                              note_zh=note_zh, note_en=note_en, by=viewer.username, by_name=viewer.name,
                              department=acting, details=params.details())
        document = params.document(event)
        after = dataclasses.replace(self, status=status, version=event.seq, timeline=self.timeline + (event,),
                                    notices=self.notices + ((document,) if document else ()), **fields)
        return Change(before=self, after=after, step=row, params=params, event=event, fields=fields,
                      notice=document)

    @property
    def created_on(self) -> str:
        return beijing_date(self.created_at).isoformat()

    @property
    def due(self) -> str | None:
        """The deadline that runs now (first contact, then completion); None while paused."""
        return due(self)

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
    notice: "Notice | None" = None  # the notice the step issued (stored in the same write)

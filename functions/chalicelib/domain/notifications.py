"""Composes outbox messages from Jinja2 templates (chalicelib/templates/): the notifications of
a new request, and those of each later event (withdrawn, rejected, assigned, completed, rated)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from .addresses import AddressBook
from .calendar import BEIJING
from .forms import describe
from .model import Channel, OutboundMessage, RATING_LABELS, ServiceRequest
from .routing import Route

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"


@functools.lru_cache(maxsize=1)
def _env():
    import jinja2  # imported on first submission, not at cold start

    return jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=False,
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=False)


def render(name: str, **context: Any) -> tuple[str, str]:
    """(subject, body) of a template whose first line is `Subject: …` (empty for SMS)."""
    text = _env().get_template(name).render(**context).strip()
    first, _, rest = text.partition("\n")
    if first.startswith("Subject: "):
        return first.removeprefix("Subject: ").strip(), rest.strip()
    return "", text


@dataclass(frozen=True)
class Links:
    status: str  # the applicant's status link, token in the URL fragment
    staff: str = ""  # the lead departments' link, their key in the URL fragment
    calendar_note: Any = None  # (zh, en) when the holiday calendar of a year is not yet known


class Outbox:
    """Collects the messages of one write; ids are `<event>.<audience>.<channel>`, unique per request."""

    def __init__(self, request: ServiceRequest, event: str, context: dict[str, Any], at: datetime):
        self.request, self.event, self.context, self.at = request, event, context, at
        self.messages: list[OutboundMessage] = []

    def add(self, audience: str, channel: Channel, recipient: str, template: str, **extra: Any) -> None:
        subject, body = render(template, **self.context, **extra)
        self.messages.append(OutboundMessage(
            tracking_no=self.request.tracking_no, message_id=f"{self.event}.{audience}.{channel.value}",
            channel=channel, recipient=recipient, audience=audience, subject=subject, body=body,
            created_at=self.at, next_attempt_at=self.at))


def compose_submission(request: ServiceRequest, route: Route, catalog: Catalog, book: AddressBook,
                       links: Links) -> list[OutboundMessage]:
    out = Outbox(request, "submitted", context(request, catalog, links), request.created_at)
    for dept_id in route.lead:
        dept = catalog.department(dept_id)
        out.add(dept_id, Channel.EMAIL, book.of(dept_id).email, "department_email.txt.j2", department=dept, role="lead")
        out.add(dept_id, Channel.SMS, book.of(dept_id).mobile, "department_sms.txt.j2", department=dept)
    for dept_id in route.cc:
        out.add(dept_id, Channel.EMAIL, book.of(dept_id).email, "department_email.txt.j2",
                department=catalog.department(dept_id), role="cc")
    _to_applicant(out, request, "applicant_sms", "applicant_email")
    return out.messages


def compose_event(event: str, request: ServiceRequest, catalog: Catalog, book: AddressBook, links: Links,
                  at: datetime, to_departments: bool, to_applicant: bool, **extra: Any) -> list[OutboundMessage]:
    """Messages of a later event: `event_department*` to the lead departments and/or
    `event_applicant*` to the applicant."""
    out = Outbox(request, event, context(request, catalog, links) | {"event": event, **extra}, at)
    if to_departments:
        for dept_id in request.lead_departments:
            dept = catalog.department(dept_id)
            out.add(dept_id, Channel.EMAIL, book.of(dept_id).email, "event_department_email.txt.j2", department=dept)
            if event == "follow-up":
                out.add(dept_id, Channel.SMS, book.of(dept_id).mobile, "event_department_sms.txt.j2", department=dept)
    if to_applicant:
        _to_applicant(out, request, "event_applicant_sms", "event_applicant_email")
    return out.messages


def _to_applicant(out: Outbox, request: ServiceRequest, sms: str, email: str) -> None:
    out.add("applicant", Channel.SMS, request.form["mobile"], f"{sms}.{request.lang}.txt.j2")
    if request.form.get("email"):
        out.add("applicant", Channel.EMAIL, request.form["email"], f"{email}.{request.lang}.txt.j2")


def context(request: ServiceRequest, catalog: Catalog, links: Links) -> dict[str, Any]:
    return {
        "r": request, "form": request.form, "service": catalog.service(request.service),
        "stages": [catalog.stage(s) for s in request.stages],
        "district": catalog.district_authority(request.district) if request.district else None,
        "leads": [catalog.department(d) for d in request.lead_departments],
        "window": catalog.window(request.window) if request.window else None,
        "details": describe(request.service, request.form),
        "status_link": links.status, "staff_link": links.staff, "calendar_note": links.calendar_note,
        "rating_labels": RATING_LABELS, "sample_deadline": catalog.standards.sample,
        "created": request.created_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
    }

"""Composes the outbox of a new request from Jinja2 templates (chalicelib/templates/)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from .addresses import AddressBook
from .forms import describe
from .model import Channel, OutboundMessage, ServiceRequest
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


def compose(request: ServiceRequest, route: Route, catalog: Catalog, book: AddressBook,
            links: Links) -> list[OutboundMessage]:
    ctx = _context(request, catalog, links)
    out: list[OutboundMessage] = []

    def add(audience: str, channel: Channel, recipient: str, template: str, **extra: Any) -> None:
        subject, body = render(template, **ctx, **extra)
        out.append(OutboundMessage(
            tracking_no=request.tracking_no, message_id=f"{audience}.{channel.value}",
            channel=channel, recipient=recipient, audience=audience, subject=subject, body=body,
            created_at=request.created_at, next_attempt_at=request.created_at))

    for dept_id in route.lead:
        dept = catalog.department(dept_id)
        add(dept_id, Channel.EMAIL, book.of(dept_id).email, "department_email.txt.j2",
            department=dept, role="lead")
        add(dept_id, Channel.SMS, book.of(dept_id).mobile, "department_sms.txt.j2", department=dept)
    for dept_id in route.cc:
        add(dept_id, Channel.EMAIL, book.of(dept_id).email, "department_email.txt.j2",
            department=catalog.department(dept_id), role="cc")
    applicant = request.form
    add("applicant", Channel.SMS, applicant["mobile"], f"applicant_sms.{request.lang}.txt.j2")
    if applicant.get("email"):
        add("applicant", Channel.EMAIL, applicant["email"], f"applicant_email.{request.lang}.txt.j2")
    return out


def _context(request: ServiceRequest, catalog: Catalog, links: Links) -> dict[str, Any]:
    service = catalog.service(request.service)
    return {
        "r": request, "form": request.form, "service": service,
        "stages": [catalog.stage(s) for s in request.stages],
        "district": catalog.district_authority(request.district) if request.district else None,
        "leads": [catalog.department(d) for d in request.lead_departments],
        "details": describe(request.service, request.form),
        "status_link": links.status,
        "created": request.created_at.astimezone(_shanghai()).strftime("%Y-%m-%d %H:%M"),
    }


def _shanghai():
    from datetime import timedelta, timezone

    return timezone(timedelta(hours=8), "CST")  # China has no daylight saving time

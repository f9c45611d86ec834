"""Composes outbox messages from Jinja2 templates (chalicelib/templates/): those of a new
request, and those of each later change, as the lifecycle's table says who is told.

An email template has two blocks, `subject` and `body`, rendered apart, so no subject can take
in a line of the body; an SMS template is a body alone."""
from __future__ import annotations

import functools
from datetime import date, datetime
from pathlib import Path
from typing import Any

from ..catalog import Catalog
from .actions import RATING_LABELS, RateIn
from .addresses import AddressBook
from .calendar import BEIJING, officially_known
from .findings import add_party_messages
from .forms import chosen_contact, describe
from .lifecycle import Audience
from .notices import FORMS as NOTICE_FORMS
from .outbox import Channel, OutboundMessage
from .request import Change, ServiceRequest
from .routing import Route
from ..i18n import Text
from .tokens import Links

_TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
NOT_OFFICIAL = ("节假日安排尚未公布，暂按周一至周五计算", "holidays not yet announced: counted Monday to Friday")


def deadline_note(catalog: Catalog, start: date, deadline: str | None) -> Text | None:
    """What a page says beside a working-day deadline counted from `start`: that it is
    indicative while the time limits are samples, and that it was counted Monday to Friday
    when the holidays of a day up to it are not yet announced (calendar.is_working_day)."""
    if deadline is None:
        return None
    notes = [catalog.standards.date_note] if catalog.standards.date_note else []
    if not officially_known(min(start, date.fromisoformat(deadline)), deadline):
        notes.append(Text(zh=NOT_OFFICIAL[0], en=NOT_OFFICIAL[1]))
    if not notes:
        return None
    return Text(zh="；".join(n.zh for n in notes), en="; ".join(n.en for n in notes))


@functools.lru_cache(maxsize=1)
def _env():
    import jinja2  # imported on first submission, not at cold start

    return jinja2.Environment(loader=jinja2.FileSystemLoader(_TEMPLATES), autoescape=False,
                              undefined=jinja2.StrictUndefined, trim_blocks=True,
                              lstrip_blocks=True, keep_trailing_newline=False)


def render(name: str, **context: Any) -> tuple[str, str]:
    """(subject, body) of a template: an email's `subject` block on one line, else ""."""
    template = _env().get_template(name)
    if "subject" not in template.blocks:
        return "", template.render(**context).strip()
    subject = "".join(template.blocks["subject"](template.new_context(context)))
    body = "".join(template.blocks["body"](template.new_context(context)))
    return " ".join(subject.split()), body.strip()


class Outbox:
    """Collects the messages of one write; ids are `<version>-<event>.<audience>.<channel>`,
    unique within a request because each write has its own version."""

    def __init__(self, request: ServiceRequest, event: str, context: dict[str, Any], at: datetime):
        self.request, self.context, self.at = request, context, at
        self.prefix = f"{request.version:03d}-{event}"
        self.messages: list[OutboundMessage] = []

    def add(self, audience: str, channel: Channel, recipient: str, template: str, **extra: Any) -> None:
        subject, body = render(template, **self.context, **extra)
        self.messages.append(OutboundMessage(
            tracking_no=self.request.tracking_no, message_id=f"{self.prefix}.{audience}.{channel.value}",
            channel=channel, recipient=recipient, audience=audience, subject=subject, body=body,
            created_at=self.at, next_attempt_at=self.at))

    def to_applicant(self, sms: str, email: str, by_sms: bool = True) -> None:
        r = self.request
        if by_sms:
            self.add("applicant", Channel.SMS, r.form["mobile"], f"{sms}.{r.lang}.txt.j2")
        if r.form.get("email"):
            self.add("applicant", Channel.EMAIL, r.form["email"], f"{email}.{r.lang}.txt.j2")


def compose_submission(request: ServiceRequest, route: Route, catalog: Catalog, book: AddressBook,
                       links: Links) -> list[OutboundMessage]:
    out = Outbox(request, SUBMITTED, context(request, catalog, links), request.created_at)
    for dept_id in route.lead:
        dept = catalog.department(dept_id)
        out.add(dept_id, Channel.EMAIL, book.of(dept_id).email, "department_email.txt.j2", department=dept, role="lead")
        out.add(dept_id, Channel.SMS, book.of(dept_id).mobile, "department_sms.txt.j2", department=dept)
    for dept_id in route.cc:
        out.add(dept_id, Channel.EMAIL, book.of(dept_id).email, "department_email.txt.j2",
                department=catalog.department(dept_id), role="cc")
    out.to_applicant("applicant_sms", "applicant_email", by_sms=request.ack_sms)
    return out.messages


SUBMITTED = "submitted"  # the event of a new request: its messages' ids start 001-submitted.
FALLBACK = ".fallback"  # the suffix of a department message resent on its other channel


def is_submission_message(message: OutboundMessage) -> bool:
    return message.message_id.startswith(f"001-{SUBMITTED}.")


def compose_fallback(message: OutboundMessage, request: ServiceRequest, catalog: Catalog,
                     book: AddressBook) -> OutboundMessage | None:
    """The department's other channel for a message that failed for good: an SMS saying an
    email could not be delivered, or an email carrying an SMS that could not be. Once: a
    fallback has no fallback; an applicant's message has none (their email and SMS are both
    sent where given)."""
    if message.audience == "applicant" or message.message_id.endswith(FALLBACK):
        return None
    dept = catalog.department(message.audience)
    to_sms = message.channel is Channel.EMAIL
    channel = Channel.SMS if to_sms else Channel.EMAIL
    subject, body = render("fallback_department_sms.txt.j2" if to_sms else "fallback_department_email.txt.j2",
                           r=request, department=dept, service=catalog.service(request.service), original=message)
    address = book.of(message.audience)
    return OutboundMessage(tracking_no=message.tracking_no, message_id=message.message_id + FALLBACK, channel=channel,
                           recipient=address.mobile if to_sms else address.email, audience=message.audience,
                           subject=subject, body=body, created_at=message.created_at, next_attempt_at=message.created_at)


def compose_change(change: Change, catalog: Catalog, book: AddressBook, links: Links,
                   assignee_email: str | None = None, supervisor_emails: tuple[str, ...] = ()) -> list[OutboundMessage]:
    """The messages of one step, to those the table's `notify` names; templates tell steps
    apart by `event`, the step's action. A transfer tells its new department as a new request
    is told; an assignment tells the officer (at `assignee_email`); a poor rating also tells
    the lead departments by SMS: it opens a follow-up (回访) of the service; a rating's appeal
    tells the supervisors (at `supervisor_emails`), who decide it."""
    r, event = change.after, change.step.action
    poor = isinstance(change.params, RateIn) and change.params.poor
    extra = {"event": event, "reason": change.event.note_zh, "reason_en": change.event.note_en,
             "step_details": change.event.details, "notice": change.notice, "forms": NOTICE_FORMS}
    ctx = context(r, catalog, links)
    out = Outbox(r, event, ctx | extra, change.event.at)
    if Audience.LEADS in change.step.notify or poor:
        for dept_id in r.lead_departments:
            dept = catalog.department(dept_id)
            if event == "transfer":
                out.add(dept_id, Channel.EMAIL, book.of(dept_id).email, "department_email.txt.j2",
                        department=dept, role="lead")
                out.add(dept_id, Channel.SMS, book.of(dept_id).mobile, "department_sms.txt.j2", department=dept)
                continue
            out.add(dept_id, Channel.EMAIL, book.of(dept_id).email, "event_department_email.txt.j2", department=dept)
            if poor:
                out.add(dept_id, Channel.SMS, book.of(dept_id).mobile, "event_department_sms.txt.j2", department=dept)
    if Audience.ASSIGNEE in change.step.notify and assignee_email:
        out.add("assignee", Channel.EMAIL, assignee_email, "assignee_email.txt.j2")
    if Audience.SUPERVISORS in change.step.notify:
        for n, address in enumerate(supervisor_emails, 1):
            out.add(f"supervisor-{n}", Channel.EMAIL, address, "event_supervisor_email.txt.j2")
    if Audience.APPLICANT in change.step.notify:
        out.to_applicant("event_applicant_sms", "event_applicant_email")
    if event == "complete":  # the findings, to each responsible party with a contact (fire acceptance)
        add_party_messages(out, r, links)
    return out.messages


def context(request: ServiceRequest, catalog: Catalog, links: Links) -> dict[str, Any]:
    official = request.respond_by is None or officially_known(request.created_at.astimezone(BEIJING).date(),
                                                              request.respond_by)
    return {
        "r": request, "form": request.form, "service": catalog.service(request.service),
        "stages": [catalog.stage(s) for s in request.stages],
        "district": catalog.district_authority(request.district) if request.district else None,
        "leads": [catalog.department(d) for d in request.lead_departments],
        "window": catalog.window(request.window) if request.window else None,
        "details": describe(request.service, request.form, "zh"),
        "details_en": describe(request.service, request.form, "en"),
        "status_link": links.status_url(request.tracking_no, request.lang),
        "staff_link": links.workbench_url(request.tracking_no),
        "staff_link_en": links.workbench_url(request.tracking_no, "en"),
        "calendar_note": None if official else NOT_OFFICIAL,
        "date_note": catalog.standards.date_note,  # beside every date from the (sample) time limits
        # How to reach the lead department: the contacts of the request's (first) stage.
        "contacts_link": (links.contacts_url(request.stages[0], request.lang) if request.stages
                          else links.page_url("contacts/", request.lang)),
        "chosen_contact": chosen_contact(request.service, request.form),
        "rating_labels": RATING_LABELS,
        "created": request.created_at.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
    }

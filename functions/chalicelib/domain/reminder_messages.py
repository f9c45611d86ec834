"""The messages of a reminder, an escalation or a follow-up (reminders.py), from the templates
`reminder_email` / `reminder_sms` (officers and departments: Chinese first, then English in an
email, Chinese in an SMS, as every department message) and `follow_up_sms.<lang>` (the
applicant, in the language of their request).

Ids are `remind.<key>.<to>.<channel>`: fixed by the reminder, so that the outbox itself also
refuses a second copy. The follow-up's rating link is the status link, whose secret travels in
the fragment (tokens.Links.status_url): no server, proxy or access log ever sees it, and the
dispatcher logs ids only."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from ..catalog import Catalog
from ..i18n import Text
from .calendar import is_working_day, officially_known
from .notifications import NOT_OFFICIAL, context, render
from .lifecycle import Status
from .outbox import Channel, OutboundMessage
from .rating_review import review_of
from .reminders import Reminder, overdue_by
from .request import ServiceRequest
from .tokens import Links

DEADLINE_LABELS = {"first_contact": Text(zh="首次联系时限", en="first-contact deadline"),
                   "completion": Text(zh="办结时限", en="completion deadline"),
                   # A poor rating's follow-up timers (rating_review.py): the reminders cover them too.
                   "verify": Text(zh="差评回访核实时限", en="deadline to call back and verify a poor rating"),
                   "rectify": Text(zh="差评整改反馈时限", en="deadline to rectify and report back on a poor rating")}


@dataclass(frozen=True)
class Recipient:
    """Who a reminder goes to: `to` names them in the message id ("assignee", "head-1", a
    department id…); `name` greets them."""

    to: str
    channel: Channel
    address: str
    name: Text


def compose_reminder(reminder: Reminder, r: ServiceRequest, recipients: list[Recipient], catalog: Catalog,
                     links: Links, today: date, at: datetime) -> list[OutboundMessage]:
    """The messages of one reminder or escalation of a running deadline, one per recipient."""
    deadline = date.fromisoformat(reminder.deadline)
    # The note when any day from today to the deadline (either way) is of a year not announced.
    official = is_working_day(deadline)[1] and officially_known(min(today, deadline), max(today, deadline))
    ctx = context(r, catalog, links) | {
        "kind": reminder.kind.value, "deadline": reminder.deadline, "late": overdue_by(reminder.deadline, today),
        "deadline_label": DEADLINE_LABELS[_deadline(r)],
        "calendar_note": None if official else NOT_OFFICIAL}
    out = []
    for who in recipients:
        template = "reminder_email.txt.j2" if who.channel is Channel.EMAIL else "reminder_sms.txt.j2"
        subject, body = render(template, **ctx, to_name=who.name)
        out.append(_message(reminder, who, subject, body, at))
    return out


def _deadline(r: ServiceRequest) -> str:
    """Which deadline runs: first contact, completion, or a poor rating's verify or rectify."""
    if r.first_contact_due:
        return "first_contact"
    review = review_of(r) if r.status is Status.RATED else None
    if review is None:
        return "completion"
    return "verify" if review.verification is None else "rectify"


def compose_follow_up(reminder: Reminder, r: ServiceRequest, catalog: Catalog, links: Links,
                      at: datetime) -> list[OutboundMessage]:
    """The applicant's one SMS asking them to rate a completed service."""
    _, body = render(f"follow_up_sms.{r.lang}.txt.j2", **context(r, catalog, links))
    who = Recipient("applicant", Channel.SMS, r.form["mobile"], Text(zh="申请人", en="applicant"))
    return [_message(reminder, who, "", body, at)]


def _message(reminder: Reminder, who: Recipient, subject: str, body: str, at: datetime) -> OutboundMessage:
    # A department's message (`to` is its id) falls back to its other channel if it fails for
    # good (dispatch.py); a person's or the applicant's has no other channel here.
    return OutboundMessage(tracking_no=reminder.tracking_no, message_id=f"remind.{reminder.key}.{who.to}.{who.channel.value}",
                           channel=who.channel, recipient=who.address, audience=who.to, subject=subject, body=body,
                           created_at=at, next_attempt_at=at)

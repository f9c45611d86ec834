"""The participant's messages of a training registration (templates participant_*.j2), written
to the registration's outbox in the same transaction as the registration or its cancellation:

    registered / waitlisted   SMS and email, with the manage link (and, once confirmed, the
                              calendar invitation attached to the email)
    reminder                  one SMS, due the day before the session: the outbox's due index
                              holds it until then; a cancellation withdraws it while pending
    cancelled                 SMS to the one who cancelled
    promoted                  SMS and email to each one the cancellation moved off the waiting
                              list, and their reminder"""
from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from ..catalog import Catalog
from ..catalog.trainings import Training, when
from .calendar import BEIJING
from .invitation import SAMPLE_NOTE, SAMPLE_PREFIX, invitation, location
from .notifications import render
from .outbox import Attachment, Channel, OutboundMessage
from .registration import Cancellation, Placement, Registration, RegistrationStatus
from .tokens import Links

AUDIENCE = "participant"
REMINDER = f"reminder.{AUDIENCE}.sms"  # one per registration: its id makes a second one impossible
REMINDER_AT = time(9, 0)  # Beijing time, the day before the session


def reminder_due(t: Training) -> datetime:
    return datetime.combine(t.start.date() - timedelta(days=1), REMINDER_AT, tzinfo=BEIJING)


def compose_placement(p: Placement, t: Training, catalog: Catalog, links: Links, by_sms: bool = True
                      ) -> list[OutboundMessage]:
    """The messages of a new registration: confirmed, or on the waiting list at its position."""
    r = p.registration
    confirmed = r.status is RegistrationStatus.CONFIRMED
    out = _Messages(r, t, catalog, links, "registered" if confirmed else "waitlisted", r.created_at,
                    position=p.after.waiting)
    out.tell(sms=by_sms, invite=confirmed)
    if confirmed:
        out.remind()
    return out.messages


def compose_cancellation(c: Cancellation, t: Training, catalog: Catalog, links: Links, now: datetime
                         ) -> list[OutboundMessage]:
    """The canceller's SMS, and the promoted ones' SMS, email and reminder."""
    gone = _Messages(c.after, t, catalog, links, "cancelled", now)
    gone.tell(email=False)
    messages = gone.messages
    for _, promoted in c.promoted:
        out = _Messages(promoted, t, catalog, links, "promoted", now)
        out.tell(invite=True)
        out.remind()
        messages += out.messages
    return messages


class _Messages:
    """Collects one event's messages to one participant; ids `<version>-<event>.participant.<channel>`."""

    def __init__(self, r: Registration, t: Training, catalog: Catalog, links: Links, event: str, at: datetime,
                 position: int = 0):
        self.r, self.t, self.catalog, self.links, self.event, self.at = r, t, catalog, links, event, at
        self.messages: list[OutboundMessage] = []
        lang = r.lang
        self.context: dict[str, Any] = {
            "r": r, "t": t, "position": position, "link": links.registration_url(r.registration_no, lang),
            "title": (SAMPLE_PREFIX[lang] if t.sample else "") + t.title[lang], "when": when(t, lang),
            "place": location(t, lang), "organiser": catalog.department(t.organiser).name[lang],
            "sample_note": SAMPLE_NOTE, "sample_terms": bool(t.registration and t.registration.sample)}

    def _add(self, message_id: str, channel: Channel, recipient: str, template: str, due: datetime,
             attachments: tuple[Attachment, ...] = (), event: str | None = None) -> None:
        subject, body = render(template, **(self.context | {"event": event or self.event}))
        self.messages.append(OutboundMessage(
            tracking_no=self.r.registration_no, message_id=message_id, channel=channel, recipient=recipient,
            # A later message (the reminder) counts its 24 hours of retries from when it is due.
            audience=AUDIENCE, subject=subject, body=body, created_at=due, next_attempt_at=due,
            attachments=attachments))

    def tell(self, sms: bool = True, email: bool = True, invite: bool = False) -> None:
        prefix, lang = f"{self.r.version:03d}-{self.event}.{AUDIENCE}", self.r.lang
        if sms:
            self._add(f"{prefix}.sms", Channel.SMS, self.r.mobile, f"participant_sms.{lang}.txt.j2", self.at)
        if email and self.r.email:
            files = (Attachment(f"{self.t.id}.ics", "text/calendar; method=PUBLISH; charset=utf-8",
                                invitation(self.t, self.r, self.catalog, self.context["link"], self.at)),) if invite else ()
            self._add(f"{prefix}.email", Channel.EMAIL, self.r.email, f"participant_email.{lang}.txt.j2", self.at, files)

    def remind(self) -> None:
        """The day-before reminder, unless that day has come already (the confirmation is fresh)."""
        due = reminder_due(self.t)
        if due > self.at:
            self._add(REMINDER, Channel.SMS, self.r.mobile, f"participant_sms.{self.r.lang}.txt.j2", due,
                      event="reminder")

"""The findings document a responsible party's link opens: what the findings page shows. It
names the project, the department and the party, never the applicant's contact or secret."""
from __future__ import annotations

from ..catalog import Catalog
from ..domain.outbox import OutboundMessage
from ..domain.parties import ADVICE_ONLY, PartyContact, contacts
from ..domain.request import ServiceRequest
from ..i18n import Text
from .presenters import _named
from .schemas import Named, StatusLabel, _Out


class FindingsOut(_Out):
    """A completed fire-acceptance service's findings for one of the five responsible parties,
    with the words that they are technical advice, not the formal acceptance list."""

    tracking_no: str
    service: Named
    project_name: str
    lead_departments: list[Named]
    completed_on: str | None
    party: Named  # the party's role and its name in both languages
    organisation: str
    findings: str
    advice_only: Text


def findings(request: ServiceRequest, party: PartyContact, catalog: Catalog) -> FindingsOut:
    return FindingsOut(
        tracking_no=request.tracking_no, service=_named(catalog.service(request.service)),
        project_name=str(request.form.get("project_name") or ""),
        lead_departments=[_named(catalog.department(d)) for d in request.lead_departments],
        completed_on=request.completed_on, party=Named(id=party.role, name=party.label),
        organisation=party.organisation, findings=request.findings or "", advice_only=ADVICE_ONLY)


DELIVERY_LABELS = {"pending": Text(zh="待发送", en="Pending"), "sent": Text(zh="已发送", en="Sent"),
                   "failed": Text(zh="发送失败", en="Failed")}
CHANNEL_LABELS = {"email": Text(zh="电子邮件", en="Email"), "sms": Text(zh="短信", en="SMS")}


class DeliveryOut(_Out):
    """One message of the findings to a party, as the dispatcher last recorded it."""

    channel: Named
    recipient: str
    status: StatusLabel
    attempts: int
    sent_at: str | None


class PartyOut(_Out):
    """A responsible party of the request, and how the findings reached it (none until completed)."""

    party: Named
    organisation: str
    person: str | None
    deliveries: list[DeliveryOut]


def parties(request: ServiceRequest, messages: list[OutboundMessage]) -> list[PartyOut]:
    """Each party with a contact, in the table's order, with its messages (channel order)."""
    out = []
    for p in contacts(request.form):
        mine = sorted((m for m in messages if m.audience == p.audience), key=lambda m: m.channel.value)
        out.append(PartyOut(party=Named(id=p.role, name=p.label), organisation=p.organisation, person=p.person,
                            deliveries=[DeliveryOut(
                                channel=Named(id=m.channel.value, name=CHANNEL_LABELS[m.channel.value]),
                                recipient=m.recipient, attempts=m.attempts,
                                status=StatusLabel(id=m.status.value, label=DELIVERY_LABELS[m.status.value]),
                                sent_at=m.sent_at.isoformat() if m.sent_at else None) for m in mine]))
    return out


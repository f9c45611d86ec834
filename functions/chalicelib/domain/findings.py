"""The findings of a completed fire-acceptance service, for the five responsible parties
(domain/parties.py): the messages the completion sends each party with a contact, in the same
write as the completion (the outbox), and the document a party's link opens.

A party's link carries its own secret in the fragment (Links.findings_url): it opens the findings
of that request for that party and nothing else, neither the status page nor any step."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .outbox import Channel
from .parties import ADVICE_ONLY, contacts

if TYPE_CHECKING:
    from .request import ServiceRequest
    from .tokens import Links

EMAIL, SMS = "findings_party_email.txt.j2", "findings_party_sms.txt.j2"


def add_party_messages(out: Any, request: "ServiceRequest", links: "Links") -> None:
    """Adds to `out` (notifications.Outbox) an email and an SMS per party, where given: their
    ids `<version>-complete.party-<role>.<channel>` are unique, so each is sent once."""
    if not request.findings:
        return
    for party in contacts(request.form):
        extra = {"party": party, "findings": request.findings, "advice": ADVICE_ONLY,
                 "findings_link": links.findings_url(request.tracking_no, party.role, "zh"),
                 "findings_link_en": links.findings_url(request.tracking_no, party.role, "en")}
        if party.email:
            out.add(party.audience, Channel.EMAIL, party.email, EMAIL, **extra)
        if party.mobile:
            out.add(party.audience, Channel.SMS, party.mobile, SMS, **extra)

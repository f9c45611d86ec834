"""A responsible party reads the findings of a completed fire-acceptance service with its own
secret (Links.findings_token, in its link's fragment, sent in the Authorization header). The
secret opens that party's findings of that request and nothing else: not the status page, not
any step, not another party's. Unknown number, unknown party, wrong secret and a request without
findings all answer NotFound after the same work, under the lookups' limit."""
from __future__ import annotations

import hmac

from ..domain.errors import NotFound
from ..domain.outbox import OutboundMessage
from ..domain.parties import AUDIENCE_PREFIX, PARTIES, PartyContact, contacts, takes_findings
from ..domain.request import ServiceRequest
from ..domain.tokens import normalise_tracking_no, plausible_tracking_no
from .deps import Deps
from .secret_gate import guessing


def for_party(tracking_no: str, role: str, secret: str | None, deps: Deps,
              client: str | None = None) -> tuple[ServiceRequest, PartyContact]:
    """The request whose findings `secret` opens for the party `role`, and that party (one try
    at a secret: the same budget as the applicant's token, secret_gate.py)."""
    with guessing(deps, "secret", client):
        tracking_no = normalise_tracking_no(tracking_no)
        expected = deps.links.findings_token(tracking_no, role if role in PARTIES else "-")
        matches = bool(secret) and hmac.compare_digest(expected.encode(), (secret or "").encode())
        plausible = matches and role in PARTIES and plausible_tracking_no(tracking_no)
        request = deps.store.get(tracking_no) if plausible else None
        party = next((p for p in contacts(request.form) if p.role == role), None) if request and request.findings else None
        if request is None or party is None:
            raise NotFound()
        return request, party


def deliveries(request: ServiceRequest, deps: Deps) -> list[OutboundMessage] | None:
    """The findings' messages to the parties as recorded (one Query), for a service that sends
    findings; None for any other service (its requests have no parties)."""
    if not takes_findings(request.service):
        return None
    return deps.store.messages_of(request.tracking_no, AUDIENCE_PREFIX)

"""A new request from a validated form: its number, routing, first-contact deadline, the window
it came through, and the messages it sends (stored with it in one write)."""
from __future__ import annotations

import logging
from datetime import datetime

from ..catalog import Catalog
from . import window_links
from .addresses import AddressBook
from .calendar import add_working_days, beijing_date
from .forms import ServiceForm
from .lifecycle import Status
from .notifications import compose_submission
from .outbox import OutboundMessage
from .request import ServiceRequest, TimelineEvent
from .routing import route
from .tokens import Links, hash_token, new_tracking_no

log = logging.getLogger("portal.intake")
# Fields that are about how the form arrived, not what it asks: kept out of the stored request.
_NOT_STORED = {"website", "window", "window_key"}


def open_request(form: ServiceForm, catalog: Catalog, book: AddressBook, links: Links, lang: str,
                 now: datetime, window: str | None = None, ack_sms: bool = True
                 ) -> tuple[ServiceRequest, list[OutboundMessage]]:
    """A new request of `form`, come through `window` (attributed_window), acknowledged by SMS
    unless `ack_sms` is False."""
    tracking_no = new_tracking_no(now)
    r = route(catalog, form)
    respond_by, _ = add_working_days(beijing_date(now), catalog.standards.first_contact_days(form.service))
    request = ServiceRequest(
        tracking_no=tracking_no, token_hash=hash_token(links.access_token(tracking_no)), service=form.service,
        stages=form.stage_ids() or tuple(s.id for s in catalog.stages_of(catalog.service(form.service))),
        district=form.district_id(), lead_departments=r.lead, cc_departments=r.cc,
        status=Status.SUBMITTED, created_at=now, form=form.model_dump(mode="json", exclude=_NOT_STORED),
        lang=lang, timeline=(TimelineEvent(seq=1, at=now, status=Status.SUBMITTED),),
        respond_by=respond_by.isoformat(), arrived_on=beijing_date(now).isoformat(),
        window=window, ack_sms=ack_sms)
    return request, compose_submission(request, r, catalog, book, links)


def attributed_window(form: ServiceForm, catalog: Catalog, key: bytes) -> str | None:
    """The window of a signed QR link; a forged or altered link loses the attribution (and is
    logged), never the request."""
    if not form.window:
        return None
    known = {w.id: w.stage for w in catalog.windows}
    if form.window in known and key and window_links.verify(key, form.window, known[form.window], form.window_key):
        return form.window
    log.warning("window link not trusted: window %r, signature %s", form.window, "wrong" if form.window_key else "missing")
    return None

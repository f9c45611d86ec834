"""Submitting a service request: validate, route, compose the outbox, store it all at once.

A submission makes ONE write (a DynamoDB transaction). With an Idempotency-Key the same write
also claims the key; a repeat of the key answers what the first submission answered."""
from __future__ import annotations

import hashlib
import json
import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError

from ..catalog import Catalog
from ..domain.addresses import AddressBook
from ..domain.calendar import add_working_days, beijing_date
from ..domain.errors import FieldError, InvalidRequest, from_validation_error
from ..domain.forms import FORMS, ServiceForm
from ..domain.lifecycle import Status
from ..domain.model import (ServiceRequest, TimelineEvent, hash_token, new_access_token,
                            new_tracking_no)
from ..domain.notifications import Links, compose_submission
from ..domain import window_links
from ..domain.routing import route
from ..domain.transitions import IdempotencyRecord
from ..i18n import Text
from .ports import Clock, Conflict, Contention, RequestStore

log = logging.getLogger("portal.submit")
IDEMPOTENCY_TTL = timedelta(hours=24)
_NOT_OFFICIAL = ("节假日安排尚未公布，暂按周一至周五计算", "holidays not yet announced: counted Monday to Friday")


@dataclass(frozen=True)
class SubmitDeps:
    """What submitting needs; built once by bootstrap, faked in unit tests."""

    catalog: Catalog
    store: RequestStore
    clock: Clock
    addresses: AddressBook
    public_base_url: str
    window_link_key: bytes = b""  # signs the window QR links (domain/window_links.py)


class IdempotencyMismatch(Exception):
    """The Idempotency-Key was used before with a different body."""


def validate(body: Any, today) -> ServiceForm:
    if not isinstance(body, dict):
        raise InvalidRequest([FieldError("body", Text(zh="请求内容应为 JSON 对象。",
                                                      en="The request body must be a JSON object."))])
    model = FORMS.get(body.get("service")) if isinstance(body.get("service"), str) else None
    if model is None:
        raise InvalidRequest([FieldError("service", Text(
            zh="请选择可在线申请的服务事项：" + "、".join(FORMS),
            en="Choose a service that can be requested online: " + ", ".join(FORMS)))])
    try:
        return model.model_validate(body, context={"today": today})
    except ValidationError as exc:
        raise InvalidRequest(from_validation_error(exc)) from None


def submit(body: Any, deps: SubmitDeps, lang: str = "zh", idempotency_key: str | None = None) -> dict[str, Any]:
    """Store the request and its notifications; return the 201 body (see api/schemas.SubmittedOut)."""
    now = deps.clock.now()
    form = validate(body, beijing_date(now))
    key_hash = hashlib.sha256(idempotency_key.encode()).hexdigest() if idempotency_key else None
    body_hash = hashlib.sha256(json.dumps([body, lang], sort_keys=True).encode()).hexdigest()
    for attempt in range(6):
        request, response, messages = _build(form, deps, lang, deps.clock.now())
        record = (IdempotencyRecord(key_hash, body_hash, request.tracking_no, response, now + IDEMPOTENCY_TTL)
                  if key_hash else None)
        try:
            deps.store.add(request, messages, record)
            return response
        except Conflict:
            earlier = deps.store.get_idempotency(key_hash) if key_hash else None
            if earlier is None:
                raise
            if earlier.body_hash != body_hash:
                raise IdempotencyMismatch(idempotency_key) from None
            return earlier.response
        except Contention:  # a concurrent twin holds the key's item: wait for it to land
            time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))
    raise Contention("idempotency key still contended")


def _build(form: ServiceForm, deps: SubmitDeps, lang: str, now) -> tuple[ServiceRequest, dict[str, Any], list]:
    catalog = deps.catalog
    tracking_no, token, staff_key = new_tracking_no(now), new_access_token(), new_access_token()
    r = route(catalog, form)
    respond_by, official = add_working_days(beijing_date(now), catalog.standards.first_contact_days(form.service))
    base = deps.public_base_url.rstrip("/")
    status_url = f"{base}{'/en' if lang == 'en' else ''}/status/#no={quote(tracking_no)}&token={quote(token)}"
    staff_url = f"{base}/status/#no={quote(tracking_no)}&key={quote(staff_key)}"
    request = ServiceRequest(
        tracking_no=tracking_no, token_hash=hash_token(token), service=form.service,
        stages=form.stage_ids() or tuple(s.id for s in catalog.stages_of(catalog.service(form.service))),
        district=form.district_id(), lead_departments=r.lead, cc_departments=r.cc,
        status=Status.SUBMITTED, created_at=now,
        form=form.model_dump(mode="json", exclude={"website", "window", "window_key"}),
        lang=lang, timeline=(TimelineEvent(at=now, status=Status.SUBMITTED),),
        staff_key_hash=hash_token(staff_key), respond_by=respond_by.isoformat(),
        window=_attributed_window(form, catalog, deps.window_link_key))
    links = Links(status=status_url, staff=staff_url, calendar_note=None if official else _NOT_OFFICIAL)
    messages = compose_submission(request, r, catalog, deps.addresses, links)
    return request, _response(request, token, status_url, catalog, official), messages


def _attributed_window(form: ServiceForm, catalog: Catalog, key: bytes) -> str | None:
    """The window of a signed QR link; a forged or altered link loses the attribution (and is
    logged), never the request."""
    if not form.window:
        return None
    try:
        stage = catalog.window(form.window).stage
    except KeyError:
        stage = ""
    if stage and key and window_links.verify(key, form.window, stage, form.window_key):
        return form.window
    log.warning("window link not trusted: window %r, signature %s", form.window[:64],
                "missing" if not form.window_key else "wrong")
    return None


def _response(request: ServiceRequest, token: str, status_url: str, catalog: Catalog, official: bool) -> dict[str, Any]:
    leads = [catalog.department(d) for d in request.lead_departments]
    zh_leads, en_leads = "、".join(d.name.zh for d in leads), ", ".join(d.name.en for d in leads)
    note_zh, note_en = ("", "") if official else (f"（{_NOT_OFFICIAL[0]}）", f" ({_NOT_OFFICIAL[1]})")
    return {
        "tracking_no": request.tracking_no, "access_token": token,
        "status": {"id": request.status.value, "label": request.status.label.model_dump()},
        "status_url": status_url, "respond_by": request.respond_by,
        "lead_departments": [{"id": d.id, "name": d.name.model_dump()} for d in leads],
        "next_steps": {
            "zh": f"{zh_leads}已收到通知，将于 {request.respond_by} 前按您选择的方式与您联系{note_zh}。"
                  "首位联系您的工作人员会持续跟进至办结。受理短信已发送到您的手机。",
            "en": f"{en_leads} has been notified and will contact you as you asked by {request.respond_by}{note_en}. "
                  "The first officer who contacts you stays with your case until it is completed. "
                  "An acknowledgement SMS is on its way to your mobile."},
    }

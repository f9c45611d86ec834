"""The applicant's use cases: submit a request, open it with the access token, act on it.

A submission makes ONE write (a DynamoDB transaction). With an Idempotency-Key the same write
also claims the key; a repeat of the key answers with the request the first one created."""
from __future__ import annotations

import hashlib
import json
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from ..domain.calendar import beijing_date
from ..domain.errors import FieldError, InvalidRequest, NotFound, from_validation_error
from ..domain.forms import FORMS, ServiceForm
from ..domain.intake import attributed_window, open_request
from ..domain.limits import Count, Limited
from ..domain.request import ServiceRequest, Viewer
from ..domain.tokens import normalise_tracking_no, opens, plausible_tracking_no
from ..i18n import Text
from .deps import Deps
from .ports import Conflict, Contention, IdempotencyRecord, Unavailable
from .secret_gate import guessing
from .steps import parse_action, take_step

IDEMPOTENCY_TTL = timedelta(hours=24)
CONTENTION_ATTEMPTS = 6


class IdempotencyMismatch(Exception):
    """The Idempotency-Key was used before with a different body."""


class Unconfirmed(Exception):
    """The table went silent during the write and again when asked whether it landed."""


@dataclass(frozen=True)
class Submission:
    request: ServiceRequest
    replayed: bool = False  # an earlier submission with the same Idempotency-Key


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


def submit(body: Any, deps: Deps, lang: str = "zh", idempotency_key: str | None = None,
           client: str | None = None) -> Submission:
    """Store the request with its notifications; the presenter makes the 201 body of it. One
    `client` (an address) may submit so many an hour; one mobile gets so many acknowledgement
    SMS an hour, then the acknowledgement goes by email only (and the answer says so)."""
    now = deps.clock.now()
    form = validate(body, beijing_date(now))
    key_hash = hashlib.sha256(idempotency_key.encode()).hexdigest() if idempotency_key else None
    body_hash = hashlib.sha256(json.dumps([body, lang], sort_keys=True).encode()).hexdigest()
    ack_sms, window = True, attributed_window(form, deps.catalog, deps.window_link_key)
    for attempt in range(CONTENTION_ATTEMPTS):
        request, messages = open_request(form, deps.catalog, deps.addresses, deps.links, lang,
                                         deps.clock.now(), window, ack_sms)
        record = IdempotencyRecord(key_hash, body_hash, request.tracking_no, now + IDEMPOTENCY_TTL) if key_hash else None
        try:
            deps.store.add(request, messages, record, _counts(deps, form.mobile, client, now, ack_sms))
            return Submission(request)
        except Limited as exc:
            if exc.limit.kind != deps.limits.ack_sms.kind:
                raise
            ack_sms = False  # the mobile had its SMS for this hour: acknowledge by email only
        except Unavailable:  # the reply was lost, or the table said "not now": did it land?
            try:
                landed = _landed(deps, request)
            except Unavailable:
                raise Unconfirmed() from None
            if landed:
                return Submission(request)
            raise
        except Conflict:
            if _landed(deps, request):  # our own write, retried by the SDK after a lost reply
                return Submission(request)
            earlier = deps.store.get_idempotency(key_hash) if key_hash else None
            if earlier is None:
                continue  # another request holds this number (50 random bits): draw again
            if earlier.body_hash != body_hash:
                raise IdempotencyMismatch() from None
            stored = deps.store.get(earlier.tracking_no)
            if stored is None:
                raise
            return Submission(stored, replayed=True)
        except Contention:  # a concurrent twin holds the key's item: wait for it to land
            time.sleep(random.uniform(0.02, 0.1) * (attempt + 1))
    raise Contention("idempotency key still contended")


def _counts(deps: Deps, mobile: str, client: str | None, now: datetime, ack_sms: bool) -> list[Count]:
    counts = [Count(deps.limits.submit, deps.links.pseudonym("submit", client), now)] if client else []
    if ack_sms:
        counts.append(Count(deps.limits.ack_sms, deps.links.pseudonym("ack-sms", mobile), now))
    return counts


def _landed(deps: Deps, request: ServiceRequest) -> bool:
    """Whether the table holds this very request (same number, time and form): a write whose
    reply was lost. Raises Unavailable when the table cannot tell."""
    stored = deps.store.get(request.tracking_no)
    return stored is not None and (stored.created_at, stored.form) == (request.created_at, request.form)


def open_with_token(tracking_no: str, secret: str | None, deps: Deps, client: str | None) -> ServiceRequest:
    """The request its access token opens. Unknown number and wrong token both raise NotFound
    after the same work (one small read of the hash, one comparison); one `client` may try
    only so many wrong ones, then every try is Limited. The request itself is read only once
    the token matched."""
    with guessing(deps, "secret", client):
        tracking_no = normalise_tracking_no(tracking_no)  # "sy261130-abc…" as typed is the same request
        stored_hash = deps.store.token_hash(tracking_no) if plausible_tracking_no(tracking_no) else None
        request = deps.store.get(tracking_no) if opens(secret, stored_hash) else None
        if request is None:
            raise NotFound()
    return request


def open_as_applicant(tracking_no: str, token: str | None, deps: Deps,
                      client: str | None = None) -> tuple[ServiceRequest, Viewer]:
    """The request its token opens, and the applicant as its viewer."""
    request = open_with_token(tracking_no, token, deps, client)
    return request, Viewer.applicant(request.tracking_no)


def act_as_applicant(tracking_no: str, token: str | None, body: Any, deps: Deps,
                     client: str | None = None) -> tuple[ServiceRequest, Viewer]:
    """Withdraw or rate (whatever the table lets the applicant do now); the request after it."""
    request, viewer = open_as_applicant(tracking_no, token, deps, client)
    params = parse_action(body)
    after = take_step(request, params, viewer, deps, deps.store.get)
    return after, viewer

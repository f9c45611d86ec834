"""Submitting a service request: validate, route, compose the outbox, store it all at once."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError

from ..catalog import Catalog
from ..domain.addresses import AddressBook
from ..domain.errors import FieldError, InvalidRequest, from_validation_error
from ..domain.forms import FORMS, ServiceForm
from ..domain.lifecycle import Status
from ..domain.model import (ServiceRequest, TimelineEvent, hash_token, new_access_token,
                            new_tracking_no)
from ..domain.notifications import Links, compose
from ..domain.routing import route
from ..i18n import Text
from .ports import Clock, RequestStore


@dataclass(frozen=True)
class Submitted:
    tracking_no: str
    access_token: str
    status: Status
    status_url: str
    lead_departments: tuple[str, ...]


@dataclass(frozen=True)
class SubmitDeps:
    """What submitting needs; built once by bootstrap, faked in unit tests."""

    catalog: Catalog
    store: RequestStore
    clock: Clock
    addresses: AddressBook
    public_base_url: str


def validate(body: Any) -> ServiceForm:
    if not isinstance(body, dict):
        raise InvalidRequest([FieldError("body", Text(zh="请求内容应为 JSON 对象。",
                                                      en="The request body must be a JSON object."))])
    model = FORMS.get(body.get("service")) if isinstance(body.get("service"), str) else None
    if model is None:
        raise InvalidRequest([FieldError("service", Text(
            zh="请选择可在线申请的服务事项：" + "、".join(FORMS),
            en="Choose a service that can be requested online: " + ", ".join(FORMS)))])
    try:
        return model.model_validate(body)
    except ValidationError as exc:
        raise InvalidRequest(from_validation_error(exc)) from None


def submit(body: Any, deps: SubmitDeps, lang: str = "zh") -> Submitted:
    form = validate(body)
    now = deps.clock.now()
    tracking_no, token = new_tracking_no(now), new_access_token()
    path = "/status/" if lang == "zh" else "/en/status/"
    status_url = (f"{deps.public_base_url.rstrip('/')}{path}"
                  f"#no={quote(tracking_no)}&token={quote(token)}")
    r = route(deps.catalog, form)
    request = ServiceRequest(
        tracking_no=tracking_no, token_hash=hash_token(token), service=form.service,
        stages=form.stage_ids() or _service_stages(deps.catalog, form.service),
        district=form.district_id(), lead_departments=r.lead, cc_departments=r.cc,
        status=Status.SUBMITTED, created_at=now, form=form.model_dump(mode="json"), lang=lang,
        timeline=(TimelineEvent(at=now, status=Status.SUBMITTED),))
    messages = compose(request, r, deps.catalog, deps.addresses, Links(status=status_url))
    deps.store.add(request, messages)
    return Submitted(tracking_no, token, Status.SUBMITTED, status_url, r.lead)


def _service_stages(catalog: Catalog, service_id: str) -> tuple[str, ...]:
    return tuple(s.id for s in catalog.stages_of(catalog.service(service_id)))

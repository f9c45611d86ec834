"""Routes of the proactive-service API. Thin: parse, call the service layer, shape the reply."""
from __future__ import annotations

import logging
import os

from chalice import Chalice, Response

from chalicelib.api.http import HttpError, invalid_body, parse_json_body
from chalicelib.api.openapi import openapi_document
from chalicelib.api.schemas import SubmittedOut
from chalicelib.bootstrap import services
from chalicelib.domain.errors import InvalidRequest
from chalicelib.i18n import Text
from chalicelib.service_layer.lookup import NotFound, status_view
from chalicelib.service_layer.submit import submit

app = Chalice(app_name="proactive-service")
app.log.setLevel(logging.INFO)
log = logging.getLogger("portal.api")

# Chalice would answer other media types with its own English-only 415; we answer in both.
_ANY_BODY = ["application/json", "text/plain", "application/x-www-form-urlencoded",
             "multipart/form-data", "application/octet-stream"]
_NO_STORE = {"Cache-Control": "no-store"}


def _json(status: int, body: dict) -> Response:
    return Response(body=body, status_code=status,
                    headers={"Content-Type": "application/json; charset=utf-8", **_NO_STORE})


def _lang() -> str:
    q = app.current_request.query_params or {}
    return "en" if q.get("lang") == "en" else "zh"


@app.route("/api/requests", methods=["POST"], content_types=_ANY_BODY)
def create_request() -> Response:
    req = app.current_request
    try:
        body = parse_json_body(req.raw_body, req.headers.get("content-type"))
        done = submit(body, services().submit, lang=_lang())
    except HttpError as exc:
        return _json(exc.status, exc.body())
    except InvalidRequest as exc:
        log.info("request refused: fields %s", [e.field for e in exc.errors])
        return _json(422, invalid_body(exc.errors))
    catalog = services().catalog
    out = SubmittedOut(
        tracking_no=done.tracking_no, access_token=done.access_token,
        status={"id": done.status.value, "label": done.status.label},
        status_url=done.status_url,
        lead_departments=[{"id": d, "name": catalog.department(d).name} for d in done.lead_departments],
        next_steps=Text(zh="牵头部门已收到通知，将按您选择的方式与您联系。受理短信已发送到您的手机。",
                        en="The lead department has been notified and will contact you as you "
                           "asked. An acknowledgement SMS is on its way to your mobile."))
    log.info("request stored: %s %s", done.tracking_no, body.get("service"))
    return _json(201, out.model_dump())


@app.route("/api/requests/{tracking_no}", methods=["GET"])
def get_request(tracking_no: str) -> Response:
    token = (app.current_request.query_params or {}).get("token")
    s = services()
    try:
        return _json(200, status_view(tracking_no, token, s.store, s.catalog))
    except NotFound:
        return _json(404, HttpError("not_found").body())


@app.route("/api/openapi.json", methods=["GET"])
def openapi() -> Response:
    return Response(body=openapi_document(), status_code=200,
                    headers={"Content-Type": "application/json; charset=utf-8"})


@app.route("/api/health", methods=["GET"])
def health() -> dict:
    return {"status": "ok"}


if os.environ.get("TABLE_STREAM_ARN"):  # in AWS the table's stream drives the dispatcher
    @app.on_dynamodb_record(stream_arn=os.environ["TABLE_STREAM_ARN"], batch_size=25)
    def on_outbox_record(event) -> None:
        dispatcher = services().dispatcher
        for record in event:
            keys = record.new_image or {}
            sk = keys.get("sk", {}).get("S", "")
            if record.event_name == "INSERT" and sk.startswith("MSG#"):
                dispatcher.dispatch_one(keys["pk"]["S"].removeprefix("REQ#"), sk.removeprefix("MSG#"))

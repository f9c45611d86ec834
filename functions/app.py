"""Routes of the proactive-service API. Thin: parse, call the service layer, shape the reply."""
from __future__ import annotations

import functools
import logging
import os
from typing import Any, Callable

from chalice import Chalice, Response

from chalicelib.api.http import HttpError, invalid_body, parse_json_body
from chalicelib.bootstrap import services
from chalicelib.domain.errors import InvalidRequest
from chalicelib.logs import install_masking
from chalicelib.service_layer.errors import NotAllowedNow
from chalicelib.service_layer.lookup import NotFound, status_view
from chalicelib.service_layer.ports import Contention
from chalicelib.service_layer.submit import IdempotencyMismatch, submit

app = Chalice(app_name="proactive-service")
install_masking()
log = logging.getLogger("portal.api")

# Chalice would answer other media types with its own English-only 415; we answer in both.
_ANY_BODY = ["application/json", "text/plain", "application/x-www-form-urlencoded",
             "multipart/form-data", "application/octet-stream"]


def _json(status: int, body: Any) -> Response:
    return Response(body=body, status_code=status,
                    headers={"Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store"})


def _query(name: str) -> str | None:
    return (app.current_request.query_params or {}).get(name)


def _body() -> Any:
    req = app.current_request
    return parse_json_body(req.raw_body, req.headers.get("content-type"))


def refusals(handler: Callable[..., Response]) -> Callable[..., Response]:
    """Every refusal as a bilingual JSON error; nothing was stored or sent when one is raised."""
    @functools.wraps(handler)
    def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            return handler(*args, **kwargs)
        except HttpError as exc:
            return _json(exc.status, exc.body())
        except InvalidRequest as exc:
            log.info("refused: fields %s", [e.field for e in exc.errors])
            return _json(422, invalid_body(exc.errors))
        except NotFound:
            return _json(404, HttpError("not_found").body())
        except NotAllowedNow:
            return _json(409, HttpError("not_allowed_now").body())
        except IdempotencyMismatch:
            return _json(409, HttpError("idempotency_mismatch").body())
        except Contention:
            return _json(503, HttpError("unavailable").body())
    return wrapper


@app.route("/api/requests", methods=["POST"], content_types=_ANY_BODY)
@refusals
def create_request() -> Response:
    key = app.current_request.headers.get("idempotency-key")
    if key is not None and not 8 <= len(key) <= 200:
        raise InvalidRequest([_bad_key()])
    out = submit(_body(), services().submit, lang="en" if _query("lang") == "en" else "zh",
                 idempotency_key=key)
    log.info("request stored: %s", out["tracking_no"])
    return _json(201, out)


@app.route("/api/requests/{tracking_no}", methods=["GET"])
@refusals
def get_request(tracking_no: str) -> Response:
    s = services()
    return _json(200, status_view(tracking_no, _query("token"), s.store, s.catalog, staff_key=_query("key")))


@app.route("/api/requests/{tracking_no}/withdraw", methods=["POST"], content_types=_ANY_BODY)
@refusals
def withdraw_request(tracking_no: str) -> Response:
    from chalicelib.service_layer import lifecycle  # built on first use, not at cold start

    lifecycle.withdraw(tracking_no, _query("token"), services().submit)
    return get_request(tracking_no)


@app.route("/api/requests/{tracking_no}/rating", methods=["POST"], content_types=_ANY_BODY)
@refusals
def rate_request(tracking_no: str) -> Response:
    from chalicelib.service_layer import lifecycle

    lifecycle.rate(tracking_no, _query("token"), _body(), services().submit)
    return get_request(tracking_no)


@app.route("/api/requests/{tracking_no}/actions", methods=["POST"], content_types=_ANY_BODY)
@refusals
def department_action(tracking_no: str) -> Response:
    from chalicelib.service_layer import lifecycle

    lifecycle.department_action(tracking_no, _query("key"), _body(), services().submit)
    return get_request(tracking_no)


@app.route("/api/openapi.json", methods=["GET"])
def openapi() -> Response:
    from chalicelib.api.openapi import openapi_document

    return Response(body=openapi_document(), status_code=200,
                    headers={"Content-Type": "application/json; charset=utf-8"})


@app.route("/api/health", methods=["GET"])
def health() -> dict:
    return {"status": "ok"}


def _bad_key():
    from chalicelib.domain.errors import FieldError
    from chalicelib.i18n import Text

    return FieldError("Idempotency-Key", Text(zh="Idempotency-Key 应为8至200个字符。",
                                              en="The Idempotency-Key must be 8 to 200 characters."))


if os.environ.get("TABLE_STREAM_ARN"):  # in AWS the table's stream drives the dispatcher
    @app.on_dynamodb_record(stream_arn=os.environ["TABLE_STREAM_ARN"], batch_size=25)
    def on_outbox_record(event) -> dict:
        """Returns the records that failed (ReportBatchItemFailures), so that Lambda retries from
        the first of them instead of the whole batch; a record that keeps failing goes to the
        dead-letter queue, while its message stays pending for the scheduled dispatcher."""
        dispatcher = services().dispatcher
        failed = []
        for record in event:
            keys = record.new_image or {}
            sk = keys.get("sk", {}).get("S", "")
            if record.event_name == "INSERT" and sk.startswith("MSG#"):
                try:
                    dispatcher.dispatch_one(keys["pk"]["S"].removeprefix("REQ#"), sk.removeprefix("MSG#"))
                except Exception:
                    log.exception("dispatch failed; the stream retries this record")
                    failed.append({"itemIdentifier": record.sequence_number})
        return {"batchItemFailures": failed}


@app.schedule("rate(1 minute)")
def dispatch_due_messages(event) -> None:
    """In AWS, sends what the stream did not: retries whose backoff has elapsed, anything missed."""
    dispatcher = services().dispatcher
    for _ in range(10):  # at most 250 a run, well inside the timeout; the next run takes the rest
        if dispatcher.dispatch_due(limit=25) < 25:
            break

"""The OpenAPI 3.1 document, generated from the pydantic models of forms, actions and responses."""
from __future__ import annotations

import functools
from datetime import date
from typing import Any

from pydantic.json_schema import models_json_schema

from ..domain.forms import FORMS
from ..domain.lifecycle import ASKED_STEPS, Party
from ..domain.parties import PARTIES
from .findings import FindingsOut
from .errors import ERRORS
from .openapi_staff import MODELS, PDF, SCHEME, seq_param, staff_paths
from .routes import MAX_BODY_BYTES
from .schemas import ErrorOut, HealthOut, StatusOut, SubmittedOut, ValidationErrorOut
from .training_openapi import MODELS as TRAINING_MODELS
from .training_openapi import SECURITY as TRAINING_SECURITY
from .training_openapi import training_paths

REF = "#/components/schemas/{model}"
_BODY_ERRORS = ("malformed_json", "too_large", "unsupported_media_type", "invalid")
_AUTH = {"applicant": [{"accessToken": []}]}


def openapi_document(today: date | None = None) -> dict[str, Any]:
    """The document; form examples carry dates relative to `today` (default: now)."""
    return _document(today or date.today())


def _tagged(prop: str, by_tag: dict[str, Any], ref: dict[str, Any]) -> dict[str, Any]:
    """One of several bodies, told apart by the value of `prop`."""
    return {"oneOf": [ref[m.__name__] for m in by_tag.values()], "discriminator": {
        "propertyName": prop, "mapping": {tag: REF.format(model=m.__name__) for tag, m in by_tag.items()}}}


@functools.lru_cache(maxsize=2)
def _document(today: date) -> dict[str, Any]:
    actions = [s.params for s in ASKED_STEPS]
    models = [*FORMS.values(), *actions, SubmittedOut, StatusOut, FindingsOut, ErrorOut, ValidationErrorOut, HealthOut, *MODELS,
              *TRAINING_MODELS]
    refs, defs = models_json_schema([(m, "validation") for m in models], ref_template=REF)
    ref = {m.__name__: refs[(m, "validation")] for m in models}
    forms = _tagged("service", dict(FORMS), ref)
    steps = _tagged("action", {s.action: s.params for s in ASKED_STEPS}, ref)
    examples = {sid: {"summary": sid, "value": m.example(today)} for sid, m in FORMS.items()}
    status = _json("The request's status, timeline and the actions the viewer may take now", ref["StatusOut"])
    applicant_steps = ", ".join(s.action for s in ASKED_STEPS if Party.APPLICANT in s.by)
    paths = {
        "/api/requests": {"post": _op(
            "submitRequest", "Submit a service request",
            [_query("lang", "Language of the acknowledgement", enum=["zh", "en"]),
             {"name": "Idempotency-Key", "in": "header", "required": False,
              "description": "Repeat it to repeat a submission safely: the same key and body create one request",
              "schema": {"type": "string", "minLength": 8, "maxLength": 200}}],
            {"schema": forms, "examples": examples},
            {"201": _json("Stored; the departments' notifications are queued", ref["SubmittedOut"])},
            ref, *_BODY_ERRORS, "idempotency_mismatch", "too_many_submissions", "unavailable", "unconfirmed")},
        "/api/requests/{tracking_no}": {"get": _op(
            "getRequestStatus", "Status and timeline of a request, for its applicant", [_path()],
            None, {"200": status}, ref, "not_found", "too_many_lookups", "unavailable_now") | {"security": _AUTH["applicant"]}},
        "/api/requests/{tracking_no}/actions": {"post": _op(
            "applicantAction", f"The applicant takes a step ({applicant_steps}) the request allows now", [_path()],
            {"schema": steps, "example": {"action": "rate", "level": 5, "comment": "服务及时。"}},
            {"200": status}, ref, *_BODY_ERRORS, "not_found", "not_allowed_now", "too_many_lookups", "unavailable_now")
            | {"security": _AUTH["applicant"]}},
        "/api/requests/{tracking_no}/notices/{seq}/pdf": {"get": _op(
            "getNoticePdf", "A one-time notice of the request as PDF, for its applicant", [_path(), seq_param()], None,
            {"200": PDF}, ref, "not_found", "not_acceptable", "too_many_lookups", "unavailable_now")
            | {"security": _AUTH["applicant"]}},
        "/api/requests/{tracking_no}/findings/{party}": {"get": _op(
            "getPartyFindings", "A completed fire-acceptance service's findings, for one of the five responsible parties",
            [_path(), {"name": "party", "in": "path", "required": True, "schema": {"type": "string", "enum": list(PARTIES)}}],
            None, {"200": _json("The findings, and that they are technical advice only", ref["FindingsOut"])}, ref,
            "not_found", "too_many_lookups", "unavailable_now") | {"security": [{"findingsToken": []}]}},
        **training_paths(ref, _op, _json, _query),
        "/api/openapi.json": {"get": {"operationId": "getOpenApi", "summary": "This document", "responses": {
            "200": {"description": "OpenAPI 3.1 document", "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        "/api/health": {"get": {"operationId": "health", "summary": "Liveness",
                                "responses": {"200": _json("The API is up", ref["HealthOut"])}}},
    }
    paths |= staff_paths(ref, steps, _op, _path, _query, _json, _BODY_ERRORS)
    return {
        "openapi": "3.1.0",
        "info": {"title": "Shenyang proactive-service portal API / 沈阳市城乡建设局靠前服务 API", "version": "2.0.0",
                 "description": "Service requests and training registrations of the proactive-service portal. Every error message comes in "
                                f"Chinese (zh) and English (en). Bodies are JSON of at most {MAX_BODY_BYTES} bytes. "
                                "Secrets travel in the Authorization header, never in a URL."},
        "paths": paths,
        "components": {"schemas": defs.get("$defs", {}), "securitySchemes": {
            "accessToken": {"type": "http", "scheme": "bearer",
                            "description": "The applicant's access token, returned at submission"},
            "findingsToken": {"type": "http", "scheme": "bearer",
                              "description": "A responsible party's secret of the findings, from its link's fragment"},
            "officerToken": SCHEME, **TRAINING_SECURITY}},
    }


def _op(op_id: str, summary: str, params: list, body: dict | None, ok: dict, ref: dict, *errors: str) -> dict:
    op: dict[str, Any] = {"operationId": op_id, "summary": summary, "parameters": params,
                          "responses": {**ok, **_errors(ref, (*errors, "internal"))}}
    if body is not None:
        op["requestBody"] = {"required": True, "content": {"application/json": body}}
    return op


def _path() -> dict[str, Any]:
    return {"name": "tracking_no", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 40}}


def _query(name: str, description: str, enum: list[str] | None = None) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "string", "maxLength": 100}
    if enum:
        schema["enum"] = enum
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(ref: dict[str, Any], codes: tuple[str, ...]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for code in codes:
        status, _, english = ERRORS[code]
        schema = ref["ValidationErrorOut"] if code == "invalid" else ref["ErrorOut"]
        prior = out.get(str(status))
        text = english if prior is None else f"{prior['description']} / {english}"
        out[str(status)] = _json(text, schema)
    return out

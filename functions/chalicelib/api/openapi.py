"""The OpenAPI 3.1 document, generated from the pydantic models of forms and responses."""
from __future__ import annotations

import functools
from typing import Any

from pydantic.json_schema import models_json_schema

from ..domain.forms import FORMS
from .http import ERRORS, MAX_BODY_BYTES
from .schemas import ErrorOut, HealthOut, StatusOut, SubmittedOut, ValidationErrorOut

REF = "#/components/schemas/{model}"


@functools.lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    models = [*FORMS.values(), SubmittedOut, StatusOut, ErrorOut, ValidationErrorOut, HealthOut]
    refs, defs = models_json_schema([(m, "validation") for m in models], ref_template=REF)
    ref = {m.__name__: refs[(m, "validation")] for m in models}
    forms = [ref[m.__name__] for m in FORMS.values()]
    examples = {sid: {"value": m.model_config["json_schema_extra"]["examples"][0]}  # type: ignore[index]
                for sid, m in FORMS.items()}
    body_schema = {"oneOf": forms, "discriminator": {
        "propertyName": "service",
        "mapping": {sid: REF.format(model=m.__name__) for sid, m in FORMS.items()}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Shenyang proactive-service portal API / 沈阳市城乡建设局靠前服务 API",
                 "version": "1.0.0",
                 "description": "Service requests of the proactive-service portal. Every error "
                                "message comes in Chinese (zh) and English (en)."},
        "paths": {
            "/api/requests": {"post": {
                "operationId": "submitRequest", "summary": "Submit a service request",
                "parameters": [_lang_param()],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": body_schema, "examples": examples}}},
                "responses": {"201": _json("Request stored; notifications queued", ref["SubmittedOut"]),
                              **_errors(ref, "malformed_json", "too_large", "unsupported_media_type",
                                        "invalid", "unavailable")}}},
            "/api/requests/{tracking_no}": {"get": {
                "operationId": "getRequestStatus", "summary": "Status and timeline of a request",
                "parameters": [
                    {"name": "tracking_no", "in": "path", "required": True,
                     "schema": {"type": "string", "maxLength": 40}},
                    {"name": "token", "in": "query", "required": True,
                     "description": "The secret access token returned at submission",
                     "schema": {"type": "string", "maxLength": 100}}],
                "responses": {"200": _json("The request's status", ref["StatusOut"]),
                              **_errors(ref, "not_found", "unavailable")}}},
            "/api/openapi.json": {"get": {
                "operationId": "getOpenApi", "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3.1 document",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/api/health": {"get": {
                "operationId": "health", "summary": "Liveness",
                "responses": {"200": _json("The API is up", ref["HealthOut"])}}},
        },
        "components": {"schemas": defs.get("$defs", {})},
        "x-max-body-bytes": MAX_BODY_BYTES,
    }


def _lang_param() -> dict[str, Any]:
    return {"name": "lang", "in": "query", "required": False,
            "description": "Language of the applicant's acknowledgement (zh or en)",
            "schema": {"type": "string", "enum": ["zh", "en"], "default": "zh"}}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _errors(ref: dict[str, Any], *codes: str) -> dict[str, Any]:
    out = {}
    for code in codes:
        status, message = ERRORS[code]
        schema = ref["ValidationErrorOut"] if code == "invalid" else ref["ErrorOut"]
        out[str(status)] = _json(message.en, schema)
    return out

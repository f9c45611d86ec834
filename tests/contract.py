"""Every API response a test sees is checked against /api/openapi.json, the document generated
from the response models: an undocumented status, a missing required field or an extra one
fails the test that received it (unit tests through Chalice's client, end-to-end ones over HTTP)."""
from __future__ import annotations

import functools
from typing import Any

from jsonschema import Draft202012Validator

from chalicelib.api.openapi import openapi_document


@functools.lru_cache(maxsize=1)
def _document() -> dict[str, Any]:
    return openapi_document()


def _matches(template: str, path: str) -> bool:
    t, p = template.split("/"), path.split("/")
    return len(t) == len(p) and all(a == b or a.startswith("{") for a, b in zip(t, p))


def check(method: str, path: str, status: int, body: Any) -> None:
    """Fail unless `body` is what the document says `method path` answers with `status`."""
    path = path.split("?", 1)[0]
    if not path.startswith("/api/") or path == "/api/openapi.json":
        return
    doc = _document()
    matches = sorted(((t, ops) for t, ops in doc["paths"].items() if _matches(t, path)), key=lambda m: m[0].count("{"))
    if not matches:
        if status == 404:  # no such route: the local server's bilingual 404
            return
        raise AssertionError(f"{method} {path}: no such route in the OpenAPI document")
    template, ops = matches[0]
    op = ops.get(method.lower())
    if op is None:
        assert status == 405, f"{method} {template}: answered {status} for an undocumented method"
        return
    response = op["responses"].get(str(status))
    assert response is not None, f"{method} {template}: status {status} is not documented"
    if "application/json" not in response.get("content", {}):  # 204, or a CSV download: no JSON body
        assert body is None or "content" in response, f"{method} {template} {status}: a JSON body where none is documented"
        return
    schema = response["content"]["application/json"]["schema"]
    validator = Draft202012Validator({**schema, "components": doc["components"]})
    errors = sorted(validator.iter_errors(body), key=lambda e: list(e.path))
    assert not errors, f"{method} {template} {status}: " + "; ".join(
        f"{'/'.join(map(str, e.path)) or '(body)'}: {e.message}" for e in errors[:5])

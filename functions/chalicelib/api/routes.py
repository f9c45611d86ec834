"""What every route shares: a blueprint per audience whose routes answer refusals through the
one mapping (errors.refusal), and reading a request's body, language and secret."""
from __future__ import annotations

import functools
import json
from typing import Any, Callable

from chalice import Blueprint, Response

from .errors import HttpError, refusal

MAX_BODY_BYTES = 32 * 1024
# Chalice would answer other media types with its own English-only 415; we answer in both.
ANY_BODY = ["application/json", "text/plain", "application/x-www-form-urlencoded",
            "multipart/form-data", "application/octet-stream"]


class Audience(Blueprint):
    """A Chalice blueprint for one audience (public, staff, trainings, interop). Each route it
    registers answers whatever its view raises through errors.refusal, and accepts any media
    type, so that a wrong one gets our bilingual 415."""

    def route(self, path: str, **kwargs: Any) -> Callable[[Callable[..., Response]], Callable[..., Response]]:
        if set(kwargs.get("methods", ["GET"])) & {"POST", "PUT", "PATCH"}:
            kwargs.setdefault("content_types", ANY_BODY)
        register = super().route(path, **kwargs)

        def decorator(view: Callable[..., Response]) -> Callable[..., Response]:
            @functools.wraps(view)
            def answered(*args: Any, **kw: Any) -> Response:
                try:
                    return view(*args, **kw)
                except Exception as exc:  # noqa: BLE001 - the one place refusals are answered
                    return refusal(exc, self.current_request.path if self.current_request else "")
            register(answered)
            return view
        return decorator

    def json_body(self) -> Any:
        req = self.current_request
        content_type = req.headers.get("content-type")
        if content_type and content_type.split(";")[0].strip().lower() != "application/json":
            raise HttpError("unsupported_media_type")
        raw = req.raw_body or b""
        if len(raw) > MAX_BODY_BYTES:
            raise HttpError("too_large")
        try:
            return json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError, RecursionError):
            raise HttpError("malformed_json") from None

    def lang(self) -> str:
        return "en" if (self.current_request.query_params or {}).get("lang") == "en" else "zh"

    def client(self) -> str | None:
        """Who is asking, for the limits: the viewer's address CloudFront adds, else API Gateway's
        source address (the first is the real client's when the API sits behind CloudFront)."""
        req = self.current_request
        viewer = req.headers.get("cloudfront-viewer-address")
        if viewer:
            return viewer.rsplit(":", 1)[0]  # "ip:port", IPv6 included
        return ((req.context or {}).get("identity") or {}).get("sourceIp")

    def bearer(self) -> str | None:
        """The secret of `Authorization: Bearer …`: secrets never travel in a URL a server logs."""
        scheme, _, value = (self.current_request.headers.get("authorization") or "").partition(" ")
        return value.strip() or None if scheme.lower() == "bearer" else None

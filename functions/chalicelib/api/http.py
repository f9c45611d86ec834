"""Turning raw HTTP bodies into Python values, and refusals into bilingual JSON errors."""
from __future__ import annotations

import json
from typing import Any

from ..domain.errors import FieldError
from ..i18n import Text
from .schemas import ErrorDetail, ErrorOut, FieldErrorOut, ValidationErrorOut

MAX_BODY_BYTES = 32 * 1024

ERRORS: dict[str, tuple[int, Text]] = {
    "malformed_json": (400, Text(zh="请求内容不是有效的 JSON。", en="The request body is not valid JSON.")),
    "too_large": (413, Text(zh="请求内容过大（上限 32 KB）。", en="The request body is too large (limit 32 KB).")),
    "unsupported_media_type": (415, Text(zh="请以 application/json 格式提交。",
                                         en="Send the request as application/json.")),
    "invalid": (422, Text(zh="请更正标出的内容后重新提交。", en="Correct the fields marked and submit again.")),
    "not_found": (404, Text(zh="未找到该申请。请核对申请编号和查询密钥。",
                            en="No such request. Check the tracking number and the access key.")),
    "not_allowed_now": (409, Text(zh="该申请当前的状态不允许此操作。", en="The request's current status does not allow this.")),
    "idempotency_mismatch": (409, Text(zh="此 Idempotency-Key 已用于另一份不同的申请。",
                                       en="This Idempotency-Key was already used for a different request.")),
    "unavailable": (503, Text(zh="服务暂时不可用，您的申请未提交，请稍后重试。",
                              en="The service is unavailable for a moment; nothing was submitted. Try again shortly.")),
}


class HttpError(Exception):
    def __init__(self, code: str):
        super().__init__(code)
        self.code = code
        self.status, self.message = ERRORS[code]

    def body(self) -> dict[str, Any]:
        return ErrorOut(error=ErrorDetail(code=self.code, message=self.message)).model_dump()


def parse_json_body(raw: bytes | None, content_type: str | None) -> Any:
    if content_type and content_type.split(";")[0].strip().lower() != "application/json":
        raise HttpError("unsupported_media_type")
    raw = raw or b""
    if len(raw) > MAX_BODY_BYTES:
        raise HttpError("too_large")
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise HttpError("malformed_json") from None


def invalid_body(errors: list[FieldError]) -> dict[str, Any]:
    status, message = ERRORS["invalid"]
    return ValidationErrorOut(
        error=ErrorDetail(code="invalid", message=message),
        errors=[FieldErrorOut(field=e.field, message=e.message) for e in errors]).model_dump()

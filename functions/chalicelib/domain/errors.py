"""Field errors in both languages, from pydantic's error list or raised by the domain."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from ..i18n import Text

# Messages for pydantic's built-in error types; {placeholders} come from the error's ctx.
_MESSAGES: dict[str, tuple[str, str]] = {
    "missing": ("此项为必填项。", "This field is required."),
    "string_too_short": ("至少需要 {min_length} 个字符。", "Enter at least {min_length} characters."),
    "string_too_long": ("最多 {max_length} 个字符。", "Enter at most {max_length} characters."),
    "string_pattern_mismatch": ("格式不正确。", "The format is not valid."),
    "string_type": ("请输入文字。", "Enter text."),
    "literal_error": ("请从列表中选择一项。", "Choose one of the listed options."),
    "enum": ("请从列表中选择一项。", "Choose one of the listed options."),
    "extra_forbidden": ("不接受此字段。", "This field is not accepted."),
    "bool_type": ("请选择“是”或“否”。", "Choose yes or no."),
    "bool_parsing": ("请选择“是”或“否”。", "Choose yes or no."),
    "model_type": ("请求内容应为 JSON 对象。", "The request body must be a JSON object."),
    "dict_type": ("请求内容应为 JSON 对象。", "The request body must be a JSON object."),
}
_FALLBACK = ("该值无效。", "This value is not valid.")


@dataclass(frozen=True)
class FieldError:
    field: str
    message: Text

    def as_dict(self) -> dict[str, Any]:
        return {"field": self.field, "message": self.message.model_dump()}


class InvalidRequest(Exception):
    """The request was refused; nothing was stored or sent."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.field for e in errors))
        self.errors = errors


def rule_error(zh: str, en: str) -> PydanticCustomError:
    """An error a validator raises for a domain rule; carries both languages through pydantic."""
    return PydanticCustomError("portal_rule", "{en}", {"zh": zh, "en": en})


def from_validation_error(exc: ValidationError) -> list[FieldError]:
    return [_field_error(err) for err in exc.errors(include_url=False)]


def _field_error(err: dict[str, Any]) -> FieldError:
    field = ".".join(str(p) for p in err["loc"]) or "body"
    ctx = err.get("ctx") or {}
    if err["type"] == "portal_rule":
        return FieldError(field, Text(zh=ctx["zh"], en=ctx["en"]))
    zh, en = _MESSAGES.get(err["type"], _FALLBACK)
    return FieldError(field, Text(zh=zh.format(**ctx), en=en.format(**ctx)))

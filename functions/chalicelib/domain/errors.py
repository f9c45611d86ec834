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
    # Both say how long the text is: a reader whose paste went wrong can see by how much.
    "string_too_short": ("至少需要 {min_length} 个字符，现在有 {length} 个。",
                         "Enter at least {min_length} characters: this has {length}."),
    "string_too_long": ("最多 {max_length} 个字符，现在有 {length} 个。",
                        "Enter at most {max_length} characters: this has {length}."),
    "string_pattern_mismatch": ("格式不正确。", "The format is not valid."),
    "string_type": ("请输入文字。", "Enter text."),
    "literal_error": ("请从列表中选择一项。", "Choose one of the listed options."),
    "enum": ("请从列表中选择一项。", "Choose one of the listed options."),
    "too_short": ("请至少选择 {min_length} 项。", "Choose at least {min_length}."),
    "too_long": ("最多选择 {max_length} 项。", "Choose at most {max_length}."),
    "greater_than": ("应大于 {gt}。", "Must be more than {gt}."),
    "greater_than_equal": ("应不小于 {ge}。", "Must be at least {ge}."),
    "less_than_equal": ("应不大于 {le}。", "Must be at most {le}."),
    "int_parsing": ("请输入整数。", "Enter a whole number."),
    "int_type": ("请输入整数。", "Enter a whole number."),
    "int_from_float": ("请输入整数。", "Enter a whole number."),
    "float_parsing": ("请输入数字。", "Enter a number."),
    "float_type": ("请输入数字。", "Enter a number."),
    "date_from_datetime_parsing": ("请输入日期，格式为 2026-12-31。", "Enter a date like 2026-12-31."),
    "date_parsing": ("请输入日期，格式为 2026-12-31。", "Enter a date like 2026-12-31."),
    "date_type": ("请输入日期，格式为 2026-12-31。", "Enter a date like 2026-12-31."),
    "list_type": ("请选择一项或多项。", "Choose one or more."),
    "extra_forbidden": ("不接受此字段。", "This field is not accepted."),
    "bool_type": ("请选择“是”或“否”。", "Choose yes or no."),
    "bool_parsing": ("请选择“是”或“否”。", "Choose yes or no."),
    "model_type": ("请求内容应为 JSON 对象。", "The request body must be a JSON object."),
    "model_attributes_type": ("请求内容应为 JSON 对象。", "The request body must be a JSON object."),
    "union_tag_invalid": ("不支持此操作。", "No such action."),
    "union_tag_not_found": ("请说明要进行的操作（action）。", "Say which action to take (action)."),
    "dict_type": ("请求内容应为 JSON 对象。", "The request body must be a JSON object."),
}
_FALLBACK = ("该值无效。", "This value is not valid.")


def message(kind: str) -> tuple[str, str]:
    """(zh, en) of a pydantic error type, with its {placeholders}: the site's forms say the same."""
    return _MESSAGES.get(kind, _FALLBACK)


@dataclass(frozen=True)
class FieldError:
    field: str
    message: Text


class InvalidRequest(Exception):
    """The request was refused; nothing was stored or sent."""

    def __init__(self, errors: list[FieldError]):
        super().__init__("; ".join(e.field for e in errors))
        self.errors = errors


class NotFound(Exception):
    """Unknown tracking number, wrong secret, or a request the viewer may not see: the three are
    indistinguishable on purpose."""


class NotAllowedNow(Exception):
    """The request's status, or the viewer's part in it, does not allow this step now."""


def rule_error(zh: str, en: str, field: str | None = None) -> PydanticCustomError:
    """An error a validator raises for a domain rule; carries both languages through pydantic.
    `field` names the field when a model-level rule is about one of them."""
    ctx = {"zh": zh, "en": en} | ({"field": field} if field else {})
    return PydanticCustomError("portal_rule", "{en}", ctx)


def from_validation_error(exc: ValidationError) -> list[FieldError]:
    return [_field_error(err) for err in exc.errors(include_url=False)]


def _field_error(err: dict[str, Any]) -> FieldError:
    ctx = err.get("ctx") or {}
    # A tagged body's discriminator (`action`) is the field at fault when no tag matches.
    default = ctx.get("discriminator", "").strip("'") or "body"
    field = ctx.get("field") or ".".join(str(p) for p in err["loc"]) or default
    if err["type"] == "portal_rule":
        return FieldError(field, Text(zh=ctx["zh"], en=ctx["en"]))
    kind = err["type"]
    if isinstance(err.get("input"), str):
        # A limit checked after a text's own validator comes as the generic too_long/too_short
        # (the words for a list: "choose at most"): for text, say it as text, with its length.
        kind = {"too_long": "string_too_long", "too_short": "string_too_short"}.get(kind, kind)
        ctx = {**ctx, "length": len(err["input"])}
    zh, en = _MESSAGES.get(kind, _FALLBACK)
    return FieldError(field, Text(zh=zh.format(**ctx), en=en.format(**ctx)))

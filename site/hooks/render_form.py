"""HTML forms generated from the API's pydantic models: labels, help, required fields,
patterns, lengths and choices all come from the model's JSON schema (x-label, x-help,
x-choices), so a field is described once, in functions/chalicelib/domain/forms.py."""
from __future__ import annotations

from html import escape
from typing import Any

from chalicelib.domain.forms import FORMS

UI: dict[str, dict[str, str]] = {
    # Optional fields say so in their label (GOV.UK style); required ones carry no mark.
    "zh": {"choose": "请选择", "submit": "提交申请",
           "noscript": "在线提交需要启用浏览器的 JavaScript。您也可以通过“联系方式”页面中的电话或服务窗口提出申请。",
           "msg_required": "此项为必填项。", "msg_pattern": "格式不正确，请核对。",
           "msg_short": "内容太短。", "msg_long": "内容太长。", "summary": "请更正以下内容："},
    "en": {"choose": "Choose…", "submit": "Submit request",
           "noscript": "Submitting online needs JavaScript in your browser. You can also ask by phone or at a service window: see the Contacts page.",
           "msg_required": "This field is required.", "msg_pattern": "The format is not valid; please check it.",
           "msg_short": "This is too short.", "msg_long": "This is too long.", "summary": "Please correct the following:"},
}
# Browser hints that make phone keyboards and autofill do the right thing.
_INPUT_HINTS = {
    "mobile": 'type="tel" inputmode="tel" autocomplete="tel-national"',
    "email": 'type="email" inputmode="email" autocomplete="email"',
    "organisation": 'type="text" autocomplete="organization"',
    "contact_name": 'type="text" autocomplete="name"',
    "uscc": 'type="text" autocapitalize="characters" spellcheck="false" autocomplete="off"',
}


def render_form(service_id: str, lang: str) -> str:
    model = FORMS[service_id]
    schema = model.model_json_schema()
    required = set(schema.get("required", []))
    ui = UI[lang]
    fields = "\n".join(_field(name, prop, name in required, lang)
                       for name, prop in schema["properties"].items() if name != "service")
    return (
        f'<form class="portal-form" data-service="{escape(service_id)}" data-lang="{lang}" novalidate '
        f'data-msg-required="{escape(ui["msg_required"])}" data-msg-pattern="{escape(ui["msg_pattern"])}" '
        f'data-msg-short="{escape(ui["msg_short"])}" data-msg-long="{escape(ui["msg_long"])}" hidden>\n'
        f'<div class="portal-summary" role="alert" tabindex="-1" hidden><p>{escape(ui["summary"])}</p><ul></ul></div>\n'
        f'<input type="hidden" name="service" value="{escape(service_id)}">\n{fields}\n'
        f'<button type="submit" class="md-button md-button--primary">{escape(ui["submit"])}</button>\n'
        f'</form>\n<div class="portal-result" role="status" aria-live="polite"></div>\n'
        f'<noscript><p class="portal-noscript">{escape(ui["noscript"])}</p></noscript>')


def _field(name: str, prop: dict[str, Any], required: bool, lang: str) -> str:
    option = _unwrap_optional(prop)
    label = prop.get("x-label", {}).get(lang, name)
    help_text = prop.get("x-help", {}).get(lang, "")
    fid = f"f-{name}"
    described = f"{fid}-error" + (f" {fid}-help" if help_text else "")
    attrs = f'id="{fid}" name="{name}" aria-describedby="{described}"' + (" required" if required else "")
    if "x-choices" in prop:
        control = _select(prop["x-choices"], option.get("default", prop.get("default")), attrs, required, lang)
    elif option.get("maxLength", 0) > 200:
        control = f'<textarea {attrs}{_lengths(option)} rows="6"></textarea>'
    else:
        hints = _INPUT_HINTS.get(name, 'type="text"')
        pattern = f' pattern="{escape(option["pattern"])}"' if "pattern" in option else ""
        control = f'<input {hints} {attrs}{_lengths(option)}{pattern}>'
    help_html = f'<p class="portal-hint" id="{fid}-help">{escape(help_text)}</p>' if help_text else ""
    return (f'<div class="portal-field" data-field="{name}">\n<label for="{fid}">{escape(label)}</label>\n'
            f'{help_html}\n<p class="portal-error" id="{fid}-error" hidden></p>\n{control}\n</div>')


def _select(choices: dict[str, dict[str, str]], default: Any, attrs: str, required: bool, lang: str) -> str:
    empty = "" if default else f'<option value="">{escape(UI[lang]["choose"])}</option>'
    options = "".join(
        f'<option value="{escape(key)}"{" selected" if key == default else ""}>{escape(text[lang])}</option>'
        for key, text in choices.items())
    return f"<select {attrs}>{empty}{options}</select>"


def _unwrap_optional(prop: dict[str, Any]) -> dict[str, Any]:
    """`X | None` arrives as anyOf[X, null]; the constraints live on X."""
    for alt in prop.get("anyOf", []):
        if alt.get("type") != "null":
            return {**alt, **{k: v for k, v in prop.items() if k != "anyOf"}}
    return prop


def _lengths(prop: dict[str, Any]) -> str:
    out = ""
    if "minLength" in prop:
        out += f' minlength="{prop["minLength"]}"'
    if "maxLength" in prop:
        out += f' maxlength="{prop["maxLength"]}"'
    return out

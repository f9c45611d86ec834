"""HTML forms generated from the API's pydantic models: labels, help, sections, required fields,
patterns, lengths and choices all come from the model's JSON schema (x-label, x-help, x-group,
x-choices), so a field is described once, in functions/chalicelib/domain/forms/."""
from __future__ import annotations

from html import escape
from typing import Any

from chalicelib.domain.forms import FORMS
from form_ui import GROUPS, UI
from ui_common import SEP

# Browser hints that make phone keyboards and autofill do the right thing.
_INPUT_HINTS = {
    "mobile": 'type="tel" inputmode="tel" autocomplete="tel-national"',
    "email": 'type="email" inputmode="email" autocomplete="email"',
    "organisation": 'type="text" autocomplete="organization"',
    "contact_name": 'type="text" autocomplete="name"',
    "uscc": 'type="text" autocapitalize="characters" spellcheck="false" autocomplete="off"',
    "address": 'type="text" autocomplete="street-address"',
}


def render_form(service_id: str, lang: str) -> str:
    schema = FORMS[service_id].model_json_schema()
    required = set(schema.get("required", []))
    ui = UI[lang]
    props = {n: p for n, p in schema["properties"].items()
             if n != "service" and not p.get("x-honeypot") and not p.get("x-hidden")}
    hidden = "".join(f'<input type="hidden" name="{n}">' for n, p in schema["properties"].items() if p.get("x-hidden"))
    sections = []
    for group, legend in GROUPS.items():
        fields = [field_html(n, p, n in required, lang) for n, p in props.items() if p.get("x-group") == group]
        if fields:
            sections.append(f'<fieldset class="portal-section"><legend>{escape(legend[lang])}</legend>\n'
                            + "\n".join(fields) + "\n</fieldset>")
    data = " ".join(f'data-msg-{k}="{escape(v)}"' for k, v in ui["messages"].items())
    return (
        f'<form class="portal-form" data-service="{escape(service_id)}" data-lang="{lang}" '
        # Before the script runs (or without it) a submit goes to the API as a plain form post,
        # which refuses it (415) and stores nothing; personal data never lands in a URL.
        f'method="post" action="/api/requests" novalidate {data}>\n'
        f'<div class="portal-summary" role="alert" tabindex="-1" hidden><h2>{escape(ui["summary"])}</h2><ul></ul></div>\n'
        f'<input type="hidden" name="service" value="{escape(service_id)}">{hidden}\n'
        f'<div class="portal-hp" aria-hidden="true"><label for="f-website">Website</label>'
        f'<input id="f-website" name="website" type="text" tabindex="-1" autocomplete="off"></div>\n'
        + "\n".join(sections) +
        f'\n<button type="submit" class="md-button md-button--primary">{escape(ui["submit"])}</button>\n'
        f'</form>\n<div class="portal-result" role="status" aria-live="polite"></div>\n'
        + confirmation_template(lang) +
        f'<noscript><p class="portal-noscript">{escape(ui["noscript"])}</p>'
        f'<style>.portal-form button[type=submit]{{display:none}}</style></noscript>')


def confirmation_template(lang: str) -> str:
    """What the page shows once the API answers 201: the words here, the values (`data-slot`)
    filled in from the answer by form.js."""
    words = UI[lang]["confirmation"]
    return (
        f'<template class="portal-confirmation-template" data-sep="{escape(SEP[lang])}">'
        f'<div class="admonition success portal-confirmation" tabindex="-1">'
        f'<h2 class="admonition-title">{escape(words["title"])}</h2>'
        f'<p>{escape(words["tracking_no"])}<strong class="portal-tracking-no" data-slot="tracking_no"></strong></p>'
        f'<p>{escape(words["lead"])}<span data-slot="lead_departments"></span></p>'
        f'<p class="portal-next-steps" data-slot="next_steps"></p>'
        f'<p><a class="portal-status-link" data-slot="status_url" href="#">{escape(words["status_link"])}</a></p>'
        f'<p class="portal-hint">{escape(words["keep_link"])}</p></div></template>\n')


def field_html(name: str, prop: dict[str, Any], required: bool, lang: str, prefix: str = "f-") -> str:
    """One field of a model's JSON schema as HTML; ids start with `prefix` (`f-<name>`)."""
    option = _unwrap_optional(prop)
    label = prop.get("x-label", {}).get(lang, name)
    help_text = prop.get("x-help", {}).get(lang, "")
    fid = f"{prefix}{name}"
    described = f"{fid}-error" + (f" {fid}-help" if help_text else "")
    help_html = f'<p class="portal-hint" id="{fid}-help">{escape(help_text)}</p>' if help_text else ""
    error = f'<p class="portal-error" id="{fid}-error" hidden></p>'
    kind = option.get("type")
    radios = "x-choices" in prop and kind == "integer"  # a scale (a rating): one radio a level
    if kind == "array" or (kind == "boolean" and "default" not in prop) or radios:
        inner = _choice_group(name, prop, option, lang, fid)
        return (f'<fieldset class="portal-field portal-group" data-field="{name}" id="{fid}" tabindex="-1" '
                f'aria-describedby="{described}"{_req_attr(required)}>\n<legend>{escape(label)}</legend>\n'
                f'{help_html}\n{error}\n{inner}\n</fieldset>')
    attrs = f'id="{fid}" name="{name}" aria-describedby="{described}"' + (" required" if required else "")
    if kind == "boolean":  # an optional yes/no with a default: one checkbox
        checked = " checked" if prop.get("default") else ""
        return (f'<div class="portal-field portal-check" data-field="{name}">{error}\n'
                f'<input type="checkbox" data-kind="boolean" {attrs}{checked}> <label for="{fid}">{escape(label)}</label>\n{help_html}</div>')
    if "x-source" in prop:  # options known only at build time (departments) or at run time (officers)
        control = _sourced_select(prop["x-source"], attrs, lang)
    elif "x-choices" in prop:
        control = _select(_in_model_order(prop["x-choices"], option), prop.get("default"), attrs, lang)
    elif option.get("maxLength", 0) > 200 and kind == "string" and "format" not in option:
        control = f'<textarea {attrs}{_lengths(option)} rows="5"></textarea>'
    elif option.get("format") == "date":
        control = f'<input type="date" {attrs}>'
    elif kind in ("integer", "number"):
        bounds = "".join(f' {html}="{option[key]}"' for key, html in (("minimum", "min"), ("maximum", "max")) if key in option)
        step = ' step="1"' if kind == "integer" else ' step="any"'
        control = f'<input type="number" inputmode="{"numeric" if kind == "integer" else "decimal"}" data-kind="{kind}" {attrs}{bounds}{step}>'
    else:
        hints = _INPUT_HINTS.get(name, 'type="text"')
        pattern = f' pattern="{escape(option["pattern"])}"' if "pattern" in option else ""
        if "x-pattern-message" in option:  # the server's own words for this format
            pattern += f' data-msg-pattern="{escape(option["x-pattern-message"][lang])}"'
        control = f'<input {hints} {attrs}{_lengths(option)}{pattern}>'
    return (f'<div class="portal-field" data-field="{name}">\n<label for="{fid}">{escape(label)}</label>\n'
            f'{help_html}\n{error}\n{control}\n</div>')


def _choice_group(name: str, prop: dict, option: dict, lang: str, fid: str) -> str:
    """Checkboxes for a list of choices; radios for yes/no questions that need an answer and for
    the levels of a scale."""
    if option.get("items", {}).get("format") == "date":  # a few dates: one date box each
        boxes = "".join(f'<div class="portal-choice portal-date"><label for="{fid}-{i}" class="portal-visually-hidden">'
                        f'{escape(prop.get("x-label", {}).get(lang, name))} {i + 1}</label>'
                        f'<input type="date" id="{fid}-{i}" name="{name}" data-kind="array-date"></div>'
                        for i in range(option.get("maxItems", 3)))
        limits = f' data-min="{option["minItems"]}"' if "minItems" in option else ""
        return f'<div class="portal-choices"{limits}>{boxes}</div>'
    choices = [(k, v[lang]) for k, v in prop.get("x-choices", {}).items()]
    if option.get("type") == "boolean":
        pairs, kind, input_type = [("true", UI[lang]["yes"]), ("false", UI[lang]["no"])], "boolean", "radio"
    elif option.get("type") == "integer":
        pairs, kind, input_type = sorted(choices, key=lambda c: -int(c[0])), "integer", "radio"
    else:
        pairs, kind, input_type = choices, "array", "checkbox"
    items = "".join(
        f'<div class="portal-choice"><input type="{input_type}" id="{fid}-{i}" name="{name}" value="{escape(v)}" '
        f'data-kind="{kind}"><label for="{fid}-{i}">{escape(text)}</label></div>' for i, (v, text) in enumerate(pairs))
    limits = "".join(f' data-{k}="{option[s]}"' for k, s in (("min", "minItems"), ("max", "maxItems")) if s in option)
    return f'<div class="portal-choices"{limits}>{items}</div>'


def _req_attr(required: bool) -> str:
    return ' data-required="true"' if required else ""


def _select(choices: dict[str, dict[str, str]], default: Any, attrs: str, lang: str) -> str:
    empty = "" if default else f'<option value="">{escape(UI[lang]["choose"])}</option>'
    options = "".join(
        f'<option value="{escape(key)}"{" selected" if key == default else ""}>{escape(text[lang])}</option>'
        for key, text in choices.items())
    return f"<select {attrs}>{empty}{options}</select>"


def _in_model_order(choices: dict[str, Any], option: dict[str, Any]) -> dict[str, Any]:
    """pydantic sorts the keys of a schema's extras (x-choices) but not the list of an enum: the
    enum keeps the order the model gives its choices ("another reason" last, say)."""
    order = {value: i for i, value in enumerate(option.get("enum", []))}
    return dict(sorted(choices.items(), key=lambda kv: order.get(kv[0], len(order))))


def _sourced_select(source: str, attrs: str, lang: str) -> str:
    """A choice whose options are not in the model: the catalog's departments, filled here; or a
    department's officers, which the page's script fetches (`data-source` tells it which)."""
    if source == "departments":
        from chalicelib.catalog import load_catalog

        choices = {d.id: d.name.model_dump() for d in load_catalog().departments}
        return _select(choices, None, f'data-source="departments" {attrs}', lang)
    if source == "officers":
        return f'<select data-source="officers" {attrs}><option value="">{escape(UI[lang]["choose"])}</option></select>'
    raise ValueError(f"x-source {source!r}: the site knows departments and officers")


def _unwrap_optional(prop: dict[str, Any]) -> dict[str, Any]:
    """`X | None` arrives as anyOf[X, null]; the constraints live on X."""
    for alt in prop.get("anyOf", []):
        if alt.get("type") != "null":
            return {**alt, **{k: v for k, v in prop.items() if k != "anyOf"}}
    return prop


def _lengths(prop: dict[str, Any]) -> str:
    return "".join(f' {html}="{prop[key]}"' for key, html in (("minLength", "minlength"), ("maxLength", "maxlength"))
                   if key in prop)

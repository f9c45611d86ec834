"""HTML forms generated from the API's pydantic models: labels, help, sections, required fields,
patterns, lengths, choices and each field's kind (its input type, keyboard, autofill and how a
paste is normalised) all come from the model's JSON schema (x-label, x-help, x-group, x-choices,
x-kind, x-input, x-normalise, x-remove), so a field is described once, in
functions/chalicelib/domain/. A limit is never a `maxlength` attribute: that cuts a paste
without a word; form.js counts and says so instead, as the server does."""
from __future__ import annotations

from html import escape
from typing import Any

from chalicelib.domain.forms import FORMS
from form_ui import GROUPS, UI
from ui_common import SEP

def render_form(service_id: str, lang: str) -> str:
    schema = FORMS[service_id].model_json_schema()
    required = set(schema.get("required", []))
    ui = UI[lang]
    props = {n: p for n, p in schema["properties"].items()
             if n != "service" and not p.get("x-honeypot") and not p.get("x-hidden")}
    hidden = "".join(f'<input type="hidden" name="{n}">' for n, p in schema["properties"].items() if p.get("x-hidden"))
    sections = []
    # The fixed sections, then any section a model names with its own legend (x-group-label:
    # each of the five responsible parties), in the model's order.
    legends = dict(GROUPS) | {p["x-group"]: p["x-group-label"] for p in props.values()
                              if p.get("x-group") not in GROUPS and "x-group-label" in p}
    for group, legend in legends.items():
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
    counted = option.get("x-kind") == "multiline" and "maxLength" in option  # its count follows it
    described = f"{fid}-error" + (f" {fid}-help" if help_text else "") + (f" {fid}-count" if counted else "")
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
    control, after = _control(prop, option, attrs, lang, fid)
    return (f'<div class="portal-field" data-field="{name}">\n<label for="{fid}">{escape(label)}</label>\n'
            f'{help_html}\n{error}\n{control}{after}\n</div>')


def _control(prop: dict[str, Any], option: dict[str, Any], attrs: str, lang: str, fid: str) -> tuple[str, str]:
    """(the control of a one-value field, what follows it: a long text's limit and count)."""
    kind = option.get("type")
    if "x-source" in prop:  # options known only at build time (departments) or at run time (officers)
        return _sourced_select(prop["x-source"], attrs, lang), ""
    if "x-choices" in prop:
        return _select(_ordered(prop, option), prop.get("default"), attrs, lang), ""
    if option.get("format") == "date":
        return f'<input type="date" {attrs}>', ""
    if kind in ("integer", "number"):
        bounds = "".join(f' {html}="{option[key]}"' for key, html in (("minimum", "min"), ("maximum", "max")) if key in option)
        step = ' step="1"' if kind == "integer" else ' step="any"'
        return (f'<input type="number" inputmode="{"numeric" if kind == "integer" else "decimal"}" data-kind="{kind}" '
                f'{attrs}{bounds}{step}>'), ""
    typed = _lengths(option) + _normalise(option)
    if option.get("x-kind") == "multiline":
        count = ""
        if "maxLength" in option:  # the limit, said before anyone reaches it; form.js keeps the count
            words = UI[lang]["messages"]["limit"].format(max_length=option["maxLength"])
            count = f'\n<p class="portal-hint portal-count" id="{fid}-count">{escape(words)}</p>'
        return f'<textarea {attrs}{typed} rows="5"></textarea>', count
    hints = "".join(f' {k}="{escape(v)}"' for k, v in option.get("x-input", {"type": "text"}).items())
    pattern = f' pattern="{escape(option["pattern"])}"' if "pattern" in option else ""
    if "x-pattern-message" in option:  # the server's own words for this format
        pattern += f' data-msg-pattern="{escape(option["x-pattern-message"][lang])}"'
    return f'<input{hints} {attrs}{typed}{pattern}>', ""


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
    if option.get("type") == "boolean":
        pairs, kind, input_type = [("true", UI[lang]["yes"]), ("false", UI[lang]["no"])], "boolean", "radio"
    elif option.get("type") == "integer":  # a scale, best first
        pairs = sorted(((k, v[lang]) for k, v in prop["x-choices"].items()), key=lambda c: -int(c[0]))
        kind, input_type = "integer", "radio"
    else:
        pairs, kind, input_type = [(k, v[lang]) for k, v in _ordered(prop, option)], "array", "checkbox"
    items = "".join(
        f'<div class="portal-choice"><input type="{input_type}" id="{fid}-{i}" name="{name}" value="{escape(v)}" '
        f'data-kind="{kind}"><label for="{fid}-{i}">{escape(text)}</label></div>' for i, (v, text) in enumerate(pairs))
    limits = "".join(f' data-{k}="{option[s]}"' for k, s in (("min", "minItems"), ("max", "maxItems")) if s in option)
    return f'<div class="portal-choices"{limits}>{items}</div>'


def _req_attr(required: bool) -> str:
    return ' data-required="true"' if required else ""


def _ordered(prop: dict[str, Any], option: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """A field's choices in the order its model declares them (the plan's stage order, the
    catalog's district order): the schema's `enum` is a list and keeps it, while its x-choices
    mapping comes with sorted keys."""
    labels = prop["x-choices"]
    order = option.get("enum") or option.get("items", {}).get("enum") or list(labels)
    return [(str(key), labels[str(key)]) for key in order]


def _select(choices: list[tuple[str, dict[str, str]]], default: Any, attrs: str, lang: str) -> str:
    empty = "" if default else f'<option value="">{escape(UI[lang]["choose"])}</option>'
    options = "".join(
        f'<option value="{escape(key)}"{" selected" if key == default else ""}>{escape(text[lang])}</option>'
        for key, text in choices)
    return f"<select {attrs}>{empty}{options}</select>"


def _sourced_select(source: str, attrs: str, lang: str) -> str:
    """A choice whose options are not in the model: the catalog's departments, filled here; or a
    department's officers, which the page's script fetches (`data-source` tells it which)."""
    if source == "departments":
        from chalicelib.catalog import load_catalog

        choices = [(d.id, d.name.model_dump()) for d in load_catalog().departments]
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
    """The limits as data for form.js, never as `maxlength` (which cuts a paste silently)."""
    return "".join(f' data-{html}="{prop[key]}"' for key, html in (("minLength", "minlength"), ("maxLength", "maxlength"))
                   if key in prop)


def _normalise(prop: dict[str, Any]) -> str:
    """How the field's kind normalises a paste (domain/kinds.py), for form.js to do as the server does."""
    steps = f' data-normalise="{" ".join(prop["x-normalise"])}"' if prop.get("x-normalise") else ""
    return steps + (f' data-remove="{escape(prop["x-remove"])}"' if prop.get("x-remove") else "")

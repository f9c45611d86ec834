"""The request forms and the status page's action forms, rendered from the models: a required
field says so to the browser, an optional one does not; every step of the lifecycle has its
form on the status page, with the fields its model asks for."""
from __future__ import annotations

import re

import pytest

from chalicelib.domain.forms import FORMS
from chalicelib.domain.lifecycle import ASKED_STEPS, Party, steps_by
from render_form import render_form
from render_status import render_status


def _controls(html: str) -> dict[str, str]:
    """name → the tag of its first control (input, select, textarea, or a choice fieldset)."""
    out: dict[str, str] = {}
    for tag in re.findall(r"<(?:input|select|textarea|fieldset)\b[^>]*>", html):
        name = re.search(r'\b(?:name|data-field)="([^"]+)"', tag)
        if name and 'type="hidden"' not in tag:
            out.setdefault(name.group(1), tag)
    return out


@pytest.mark.parametrize("service", list(FORMS))
def test_required_fields_are_marked_required_and_optional_ones_are_not(service):
    schema = FORMS[service].model_json_schema()
    required = set(schema["required"]) - {"service"}
    controls = _controls(render_form(service, "zh"))
    for name, prop in schema["properties"].items():
        if name == "service" or prop.get("x-hidden") or prop.get("x-honeypot"):
            continue
        tag = controls[name]
        marked = " required" in tag or 'data-required="true"' in tag
        assert marked == (name in required), f"{service}.{name}: {tag}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_status_page_has_one_hidden_form_per_step_with_its_fields(lang):
    html = render_status(lang)
    forms = re.findall(r'<form class="portal-action" data-action="([a-z_]+)" novalidate hidden[^>]*>(.*?)</form>', html, re.S)
    order = [s.action for s in steps_by(Party.APPLICANT)]
    assert [a for a, _ in forms] == order  # departments act in the workbench (/staff/), not here
    by_action = dict(forms)
    for step in steps_by(Party.APPLICANT):
        fields = set(step.params.model_fields) - {"action"}
        assert set(re.findall(r'name="([a-z_]+)"', by_action[step.action])) == fields, step.action
        assert step.label[lang] in by_action[step.action]


def _field(html: str, name: str) -> str:
    """The markup of one field (from its data-field to the next one's)."""
    start = html.index(f'data-field="{name}"')
    following = html.find("data-field=", start + 1)
    return html[start:following if following > 0 else len(html)]


@pytest.mark.parametrize("service", list(FORMS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_applicants_fields_get_the_keyboard_and_autofill_they_need(service, lang):
    html = render_form(service, lang)
    controls = _controls(html)
    email, mobile, uscc = controls["email"], controls["mobile"], controls["uscc"]
    assert email.startswith("<input") and 'type="email"' in email and 'inputmode="email"' in email
    assert 'autocomplete="email"' in email and "<textarea" not in _field(html, "email")
    assert 'type="tel"' in mobile and 'inputmode="tel"' in mobile and 'autocomplete="tel-national"' in mobile
    assert 'autocapitalize="characters"' in uscc and 'spellcheck="false"' in uscc and 'autocomplete="off"' in uscc
    assert 'autocomplete="organization"' in controls["organisation"] and 'autocomplete="name"' in controls["contact_name"]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_control_cuts_what_is_typed_or_pasted_at_a_limit(lang):
    """A `maxlength` attribute cuts a paste without a word: the limits travel as data for form.js,
    which counts and says so, and a long text shows its limit before anyone reaches it."""
    pages = [render_form(s, lang) for s in FORMS] + [render_status(lang)]
    for html in pages:
        assert not re.search(r"<(?:input|textarea)\b[^>]*\smaxlength=", html), \
            re.findall(r"<(?:input|textarea)\b[^>]*\smaxlength=[^>]*>", html)[:3]
    question = _field(render_form("consultation", lang), "question")
    assert 'data-maxlength="2000"' in question and 'aria-describedby="f-question-error f-question-help f-question-count"' in question
    assert ("最多 2000 个字符。" if lang == "zh" else "Up to 2000 characters.") in question
    uscc = _controls(render_form("consultation", lang))["uscc"]
    assert 'data-maxlength="18"' in uscc and 'data-normalise="nfkc upper"' in uscc and "data-remove=" in uscc


@pytest.mark.parametrize("service", list(FORMS))
def test_choices_are_offered_in_the_order_their_model_declares(service, catalog):
    """The plan's stage order and the catalog's district order, not the schema's sorted keys."""
    html = render_form(service, "en")
    for name, info in FORMS[service].model_fields.items():
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if "x-choices" in extra:
            offered = [v for v in re.findall(r'(?:<option|<input)\b[^>]*value="([^"]*)"', _field(html, name)) if v]
            assert offered == list(extra["x-choices"]), f"{service}.{name}"
    if service == "consultation":
        stages = re.findall(r'<option value="([a-z-]+)"', _field(html, "stage"))
        assert stages == [s.id for s in catalog.stages] and stages[0] == "fire-design-review"


def test_a_field_whose_options_have_a_source_is_a_select_the_build_or_the_script_fills():
    from pydantic import BaseModel, Field

    from chalicelib.catalog import load_catalog
    from render_form import field_html

    def sourced(source):
        return Field(json_schema_extra={"x-label": {"zh": "甲", "en": "A"}, "x-source": source})

    class Params(BaseModel):
        assignee: str = sourced("officers")
        department: str = sourced("departments")

    props = Params.model_json_schema()["properties"]
    officers = field_html("assignee", props["assignee"], True, "en", prefix="w-assign-")
    assert re.search(r'<select data-source="officers" id="w-assign-assignee" name="assignee"[^>]* required>'
                     r'<option value="">Choose…</option></select>', officers)
    departments = field_html("department", props["department"], True, "zh", prefix="w-transfer-")
    assert 'data-source="departments"' in departments
    assert re.findall(r'<option value="([a-z-]+)">', departments) == [d.id for d in load_catalog().departments]
    with pytest.raises(ValueError, match="x-source 'windows'"):
        field_html("w", {**props["assignee"], "x-source": "windows"}, True, "en")


def test_choices_keep_the_models_order_not_the_schemas_alphabetical_one():
    from chalicelib.domain.staff_actions import REJECT_REASONS, RejectIn
    from render_form import field_html

    html = field_html("reason_code", RejectIn.model_json_schema()["properties"]["reason_code"], True, "en")
    assert re.findall(r'<option value="([a-z-]+)">', html) == list(REJECT_REASONS)
    assert list(REJECT_REASONS)[-1] == "other", "“another reason” comes last"

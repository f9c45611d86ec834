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
    forms = re.findall(r'<form class="portal-action" data-action="([a-z_]+)" novalidate hidden>(.*?)</form>', html, re.S)
    order = [s.action for s in steps_by(Party.APPLICANT)]
    assert [a for a, _ in forms] == order  # departments act in the workbench (/staff/), not here
    by_action = dict(forms)
    for step in steps_by(Party.APPLICANT):
        fields = set(step.params.model_fields) - {"action"}
        assert set(re.findall(r'name="([a-z_]+)"', by_action[step.action])) == fields, step.action
        assert step.label[lang] in by_action[step.action]


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

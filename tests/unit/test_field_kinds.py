"""Field kinds (domain/kinds.py): every field says how a browser should take it (input type,
keyboard, autofill) and how a paste is normalised before its length and format are checked;
the limit the schema shows the browser is the limit the server applies, and a refusal for
length says by how much."""
from datetime import date

import pytest

from chalicelib.domain.actions import RateIn, WithdrawIn
from chalicelib.domain.staff_actions import AssignIn, RejectIn
from chalicelib.domain.errors import InvalidRequest, from_validation_error
from chalicelib.domain.fields import EMAIL_PATTERN
from chalicelib.domain.forms import FORMS
from chalicelib.domain.forms.base import PROJECT_CODE_PATTERN
from chalicelib.domain.kinds import KINDS
from chalicelib.service_layer.public import validate
from pydantic import ValidationError

TODAY = date(2026, 11, 30)
FREE_TEXT = {"text", "multiline", "organisation", "person-name", "other-person", "project-address"}


def _props(model) -> dict[str, dict]:
    """Each field's schema with an optional field's own alternative merged under it (its limits live
    there; what the field itself says wins, as the site's renderer reads it)."""
    out = {}
    for name, prop in model.model_json_schema()["properties"].items():
        option = next((a for a in prop.get("anyOf", []) if a.get("type") != "null"), {})
        out[name] = {**option, **{k: v for k, v in prop.items() if k != "anyOf"}}
    return out


@pytest.mark.parametrize("service", list(FORMS))
def test_the_applicants_own_fields_carry_the_keyboard_and_autofill_they_need(service):
    props = _props(FORMS[service])
    assert props["email"]["x-input"] == {"type": "email", "inputmode": "email", "autocomplete": "email",
                                         "autocapitalize": "off", "spellcheck": "false"}
    assert props["email"]["x-kind"] == "email"  # not a paragraph box: it is short, whatever its limit
    assert props["email"]["pattern"] == EMAIL_PATTERN  # the browser checks the server's format
    if "project_code" in props:
        assert props["project_code"]["pattern"] == PROJECT_CODE_PATTERN
    assert props["mobile"]["x-input"]["type"] == "tel" and props["mobile"]["x-input"]["autocomplete"] == "tel-national"
    assert props["uscc"]["x-input"]["autocapitalize"] == "characters" and props["uscc"]["x-input"]["autocomplete"] == "off"
    assert props["organisation"]["x-input"]["autocomplete"] == "organization"
    assert props["contact_name"]["x-input"]["autocomplete"] == "name"
    for name, prop in props.items():  # and every field of free text has a kind of its own
        if prop.get("type") == "string" and "format" not in prop and name not in ("service", "website", "window",
                                                                                  "window_key") and "enum" not in prop:
            assert prop.get("x-kind") in KINDS, f"{service}.{name} has no kind"


def _long_text_cases():
    for service, model in FORMS.items():
        for name, prop in _props(model).items():
            if prop.get("x-kind") in FREE_TEXT and "maxLength" in prop:
                yield pytest.param(service, name, prop["maxLength"], id=f"{service}.{name}")


@pytest.mark.parametrize("service, name, most", list(_long_text_cases()))
def test_the_limit_the_browser_is_shown_is_the_limit_the_server_applies(service, name, most):
    body = FORMS[service].example(TODAY) | {name: "字" * most}
    if name == "buildings":
        body["single_building"] = True
    validate(body, TODAY)  # exactly the limit: accepted
    with pytest.raises(InvalidRequest) as info:
        validate(body | {name: "字" * (most + 1)}, TODAY)
    (error,) = [e for e in info.value.errors if e.field == name]
    assert error.message.en == f"Enter at most {most} characters: this has {most + 1}."
    assert error.message.zh == f"最多 {most} 个字符，现在有 {most + 1} 个。"


@pytest.mark.parametrize("model, name", [(RejectIn, "reason"), (AssignIn, "assignee"), (RateIn, "comment"),
                                         (WithdrawIn, "reason")])
def test_the_status_pages_fields_show_their_true_limits_too(model, name):
    most = _props(model)[name]["maxLength"]
    body = {"action": model.model_fields["action"].annotation.__args__[0], name: "字" * (most + 1), "level": 3}
    body = {k: v for k, v in body.items() if k in model.model_fields}
    with pytest.raises(ValidationError) as info:
        model.model_validate(body)
    (error,) = [e for e in from_validation_error(info.value) if e.field == name]
    assert f"at most {most} characters: this has {most + 1}" in error.message.en


@pytest.mark.parametrize("field, pasted, stored", [
    ("uscc", "9121 0100 MA0Y 9KQX 13", "91210100MA0Y9KQX13"),
    ("uscc", "９１２１０１００－ｍａ０ｙ－９ｋｑｘ１３", "91210100MA0Y9KQX13"),  # full-width, with hyphens
    ("uscc", "91210100\u2013MA0Y9KQX13\u3000", "91210100MA0Y9KQX13"),      # an en dash, an ideographic space
    ("mobile", "+86 138-0013-8000", "+8613800138000"),
    ("mobile", "１３８ ００１３ ８０００", "+8613800138000"),
    ("email", " zhang@example.com ", "zhang@example.com"),
    ("email", "ｚｈａｎｇ＠ｅｘａｍｐｌｅ．ｃｏｍ", "zhang@example.com"),
    ("project_code", "２０２３－２１０１１２－４７－０１－０００００１", "2023-210112-47-01-000001"),
])
def test_what_people_paste_is_normalised_before_its_length_and_format_are_checked(field, pasted, stored):
    form = validate(FORMS["project-steward"].example(TODAY) | {field: pasted}, TODAY)
    assert getattr(form, field) == stored


def test_a_code_pasted_with_spaces_is_not_cut_at_its_length_the_schema_says_how_it_is_read():
    uscc = _props(FORMS["consultation"])["uscc"]
    assert uscc["maxLength"] == 18 and uscc["x-normalise"] == ["nfkc", "upper"]
    assert "\\s" in uscc["x-remove"] and "\\-" in uscc["x-remove"]  # what the browser strips, as the server does
    assert len("9121 0100 MA0Y 9KQX 13") > uscc["maxLength"]  # longer than the limit as pasted, not once read


# Called here, not only while the forms' models are built at import: the mutation run switches
# mutants on calls made during a test, and these two functions are the whole rule of a kind.
@pytest.mark.parametrize("name, pasted, read", [
    ("uscc", "９１２１ 0100\u2013ma0y-9kqx 13", "91210100MA0Y9KQX13"),
    ("mobile", "138 0013\u20128000", "13800138000"),
    ("email", " Zhang @Example.com ", "Zhang@Example.com"),
    ("project-code", "２１０１ 2026", "21012026"),
    ("text", " 不变 ", " 不变 "),
])
def test_each_kind_normalises_what_is_pasted_by_its_own_steps(name, pasted, read):
    from chalicelib.domain.kinds import normaliser

    normalise = normaliser(name)
    assert normalise(pasted) == read
    assert normalise(12) == 12  # not text: the field's own type check answers


def test_each_kinds_schema_says_how_the_browser_types_and_reads_it():
    from chalicelib.domain.kinds import kind_schema

    assert kind_schema("uscc") == {
        "x-kind": "uscc", "x-normalise": ["nfkc", "upper"], "x-remove": KINDS["uscc"].remove,
        "x-input": {"type": "text", "inputmode": "text", "autocomplete": "off", "autocapitalize": "characters",
                    "spellcheck": "false"}}
    assert kind_schema("multiline") == {"x-kind": "multiline"}
    assert kind_schema("organisation") == {"x-kind": "organisation",
                                           "x-input": {"type": "text", "autocomplete": "organization"}}
    assert kind_schema("mobile")["x-input"]["type"] == "tel" and kind_schema("email")["x-remove"] == "\\s"
    schema = kind_schema("email")
    schema["x-input"]["type"] = "changed"
    assert KINDS["email"].input["type"] == "email"  # a copy: a schema's user cannot change the kind

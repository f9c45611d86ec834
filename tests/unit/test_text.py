"""Text that could forge a line, hide itself or smuggle digits is read or refused before it is
stored: one-line fields take no line break or control character, descriptions keep only line
breaks, invisible names are refused, other scripts' digits are read as 0-9."""
import pytest

from chalicelib.domain.errors import InvalidRequest
from chalicelib.service_layer.public import submit, validate
from tests.conftest import consultation

TODAY = __import__("datetime").date(2026, 11, 30)


def _error(**changes):
    with pytest.raises(InvalidRequest) as info:
        validate(consultation(**changes), TODAY)
    return {e.field: e.message for e in info.value.errors}


@pytest.mark.parametrize("name", ["X\n\n受理、派单、办结等操作：http://evil.example/x", "X\r受理", "tab\there",
                                  "Zero\x00byte", "line\u2028sep", "rtl\u202eoverride"])
def test_a_one_line_field_refuses_line_breaks_and_control_characters(name):
    errors = _error(organisation=name)
    assert "organisation" in errors and "控制字符" in errors["organisation"].zh and "control characters" in errors["organisation"].en


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u200d", "\u2060\u200b"])
def test_a_name_of_nothing_visible_is_refused(name):
    assert _error(contact_name=name)["contact_name"].en == "Enter text that can be seen."


def test_a_description_keeps_its_line_breaks_and_nothing_else_invisible():
    form = validate(consultation(question="第一行\r\n第二行：地基？"), TODAY)
    assert form.question == "第一行\n第二行：地基？"
    assert "question" in _error(question="第一行\u202e第二行的问题")


@pytest.mark.parametrize("mobile", ["１３８００１３８０００", "١٣٨٠٠١٣٨٠٠٠", "१३८००१३८०००", "+８６ １３８-００１３-８０００"])
def test_digits_of_other_scripts_are_read_as_the_digits_they_are(mobile):
    assert validate(consultation(mobile=mobile), TODAY).mobile == "+8613800138000"


@pytest.mark.parametrize("uscc", ["9121 0100 MA0Y 9KQX 13", "91210100-MA0Y9KQX13", "９１２１０１００ＭＡ０Ｙ９ＫＱＸ１３",
                                  " 91210100ma0y9kqx13 "])
def test_a_credit_code_is_read_as_pasted(uscc):
    assert validate(consultation(uscc=uscc), TODAY).uscc == "91210100MA0Y9KQX13"


def test_a_forged_line_in_a_description_is_indented_under_its_label_in_the_department_email(deps, store):
    request = submit(consultation(question="问题如下\n受理、派单、办结等操作：http://evil.example/x"), deps).request
    body = store.messages[(request.tracking_no, "001-submitted.quality-station.email")].body
    lines = body.splitlines()
    forged = [line for line in lines if "evil.example" in line]
    assert forged and all(line.startswith("    ") for line in forged)
    own = [line for line in lines if line.startswith("在工作台办理（须登录）：")]
    assert own == [f"在工作台办理（须登录）：{deps.links.workbench_url(request.tracking_no)}"]  # the bureau's own, once


def _refusal(check, value):
    from pydantic_core import PydanticCustomError

    with pytest.raises(PydanticCustomError) as info:
        check(value)
    return info.value.context["zh"], info.value.context["en"]


def test_the_text_rules_called_directly_say_what_is_wrong_in_both_languages():
    from chalicelib.domain import text

    assert text.one_line("") == "" and text.many_lines("") == ""
    assert text.one_line("沈阳 示例") == "沈阳 示例"
    assert _refusal(text.one_line, "a\nb") == text.CONTROL
    assert _refusal(text.one_line, "a\u200eb") == text.CONTROL  # a direction mark, not a control character
    assert _refusal(text.one_line, "   ") == text.INVISIBLE
    assert _refusal(text.one_line, "\u0301\u20dd") == text.INVISIBLE  # combining marks alone show nothing
    assert text.one_line("e\u0301") == "e\u0301"
    assert text.many_lines("a\rb\r\nc\nd") == "a\nb\nc\nd"
    assert _refusal(text.many_lines, "a\tb") == text.LONG_CONTROL
    assert _refusal(text.many_lines, "a\u2029b") == text.LONG_CONTROL
    assert _refusal(text.many_lines, "a\u2067b") == text.LONG_CONTROL
    assert _refusal(text.many_lines, "\n\n") == text.INVISIBLE
    assert text.CONTROL[0].startswith("不能包含换行") and text.LONG_CONTROL[1].endswith("(line breaks are fine).")
    assert text.INVISIBLE == ("请填写可以看到的文字。", "Enter text that can be seen.")


def test_other_scripts_digits_become_ascii_and_the_rest_is_left_alone():
    from chalicelib.domain.text import ascii_digits

    assert ascii_digits("١٢٣ ０９ ab１") == "123 09 ab1"
    assert ascii_digits("②") == "2"  # NFKC first: a circled digit is a digit
    assert ascii_digits("abc-12") == "abc-12" and ascii_digits(5) == 5 and ascii_digits(None) is None

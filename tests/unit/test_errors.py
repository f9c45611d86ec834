"""How a refusal is worded: a text too short or too long says its length as text (not the words
for a list), a rule's error reads as its English where pydantic shows it, and an unknown kind
of error still gets words in both languages."""
import pytest

from chalicelib.domain import errors
from chalicelib.domain.errors import InvalidRequest
from chalicelib.service_layer.steps import parse_action


def test_a_text_below_its_minimum_says_how_long_it_is():
    body = {"action": "record", "kind": "phone-answer", "date": "2026-11-30", "minutes": 5, "notes": "短"}
    with pytest.raises(InvalidRequest) as info:
        parse_action(body)
    (error,) = info.value.errors
    assert (error.field, error.message.zh) == ("notes", "至少需要 2 个字符，现在有 1 个。")


def test_a_rules_error_shows_its_english_and_carries_both_languages():
    error = errors.rule_error("中文说明", "the English")
    assert error.message() == "the English" and error.context == {"zh": "中文说明", "en": "the English"}
    assert errors.rule_error("甲", "b", field="reason").context["field"] == "reason"


def test_an_unknown_kind_of_error_still_has_words_in_both_languages():
    assert errors.message("no_such_kind") == ("该值无效。", "This value is not valid.")
    assert errors.message("string_too_short")[0].startswith("至少需要")

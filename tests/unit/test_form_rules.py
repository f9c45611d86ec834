"""Edges of the shared field rules: the date window of a preferred date, the two messages of a
credit code, a value of the wrong type, and the message of an error we have no words for."""
from datetime import date, timedelta

import pytest

from chalicelib.domain.calendar import add_months, is_working_day
from chalicelib.domain.errors import InvalidRequest, _field_error
from chalicelib.domain.forms import FORMS
from chalicelib.domain.identifiers import is_valid_uscc, uscc_check_char
from chalicelib.service_layer.public import validate

TODAY = date(2026, 11, 30)  # a Monday


def _next_working_day(day):
    while not is_working_day(day)[0]:
        day += timedelta(days=1)
    return day


def _errors(service, **changes):
    body = FORMS[service].example(TODAY) | changes
    with pytest.raises(InvalidRequest) as info:
        validate({k: v for k, v in body.items() if v is not None}, TODAY)
    return {e.field: e.message for e in info.value.errors}


def test_a_preferred_date_is_after_today_and_at_most_180_days_ahead():
    today = TODAY
    while not (is_working_day(today)[0] and is_working_day(today + timedelta(days=180))[0]
               and is_working_day(today + timedelta(days=181))[0]):
        today += timedelta(days=1)
    last = today + timedelta(days=180)
    accepted = validate(FORMS["training-request"].example(today) | {"preferred_dates": [last.isoformat()]}, today)
    assert accepted.preferred_dates == [last]
    for day in (today, last + timedelta(days=1)):
        body = FORMS["training-request"].example(today) | {"preferred_dates": [day.isoformat()]}
        with pytest.raises(InvalidRequest) as info:
            validate(body, today)
        errors = {e.field: e.message for e in info.value.errors}
        assert errors["preferred_dates"].model_dump() == {"zh": "本网站只接受今天之后、180天以内的日期。",
                                                          "en": "This site accepts only dates after today and within 180 days."}


def test_the_same_date_twice_is_refused_in_both_languages():
    day = _next_working_day(TODAY + timedelta(days=7)).isoformat()
    errors = _errors("training-request", preferred_dates=[day, day])
    assert errors["preferred_dates"].model_dump() == {"zh": "日期不能重复。", "en": "Choose different dates."}


@pytest.mark.parametrize("code, words", [
    ("91210100MA0Y9KQX1", ("统一社会信用代码应为18位数字或大写字母，请照营业执照填写。",
                           "A unified social credit code has 18 digits or capital letters; copy it from your business licence.")),
    ("91210100MA0Y9KQXI3", ("统一社会信用代码应为18位数字或大写字母，请照营业执照填写。",
                            "A unified social credit code has 18 digits or capital letters; copy it from your business licence.")),
    ("91210100MA0Y9KQX14", ("统一社会信用代码的校验位不正确，请核对营业执照上的18位代码。",
                            "The check character of this unified social credit code is wrong; copy the 18 characters from your business licence.")),
])
def test_a_credit_code_is_refused_for_its_format_or_its_check_character(code, words):
    assert tuple(_errors("consultation", uscc=code)["uscc"].model_dump().values()) == words


def test_a_check_character_of_zero_is_computed():
    assert uscc_check_char("91210100MA0Y9KQX0") == "0" and is_valid_uscc("91210100MA0Y9KQX00")


def test_a_value_of_the_wrong_type_is_a_field_error_not_a_crash():
    errors = _errors("consultation", uscc=91210100, mobile=["13800138000"])
    assert set(errors) >= {"uscc", "mobile"} and errors["uscc"].en == "Enter text."


def test_an_error_we_have_no_words_for_still_gets_both_languages():
    error = _field_error({"type": "some_new_pydantic_error", "loc": ("floor_area",), "ctx": {}})
    assert (error.field, error.message.zh, error.message.en) == ("floor_area", "该值无效。", "This value is not valid.")
    tagless = _field_error({"type": "union_tag_not_found", "loc": (), "ctx": {"discriminator": "'action'"}})
    assert tagless.field == "action"


def test_months_are_added_across_several_years():
    assert add_months(date(2026, 12, 15), 25) == date(2029, 1, 15)
    assert add_months(date(2026, 1, 15), -13) == date(2024, 12, 15)

"""Field building blocks shared by every service's form: labels and help in both languages
travel in the JSON schema (x-label, x-help), so the site's forms and the OpenAPI document are
generated from the same model and nothing about a field is written twice."""
from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, Field

from ..catalog import load_catalog
from .errors import rule_error
from .identifiers import (MOBILE_PATTERN, USCC_ALPHABET, USCC_PATTERN, is_valid_uscc,
                          normalise_mobile)
from .kinds import kind_schema, normaliser
from .labels import choices, labelled, one_of  # noqa: F401 - the forms import them from here
from .text import OneLine


USCC_FORMAT = {"zh": "统一社会信用代码应为18位数字或大写字母，请照营业执照填写。",
               "en": "A unified social credit code has 18 digits or capital letters; copy it from your business licence."}
MOBILE_FORMAT = {"zh": "请输入11位中国大陆手机号码。", "en": "Enter an 11-digit mainland China mobile number."}


def _check_uscc(value: str) -> str:
    if len(value) != 18 or not set(value) <= set(USCC_ALPHABET):
        raise rule_error(USCC_FORMAT["zh"], USCC_FORMAT["en"])
    if not is_valid_uscc(value):
        raise rule_error("统一社会信用代码的校验位不正确，请核对营业执照上的18位代码。",
                         "The check character of this unified social credit code is wrong; "
                         "copy the 18 characters from your business licence.")
    return value


def _check_mobile(value: str) -> str:
    e164 = normalise_mobile(value)
    if e164 is None:
        raise rule_error(MOBILE_FORMAT["zh"], MOBILE_FORMAT["en"])
    return e164


# The patterns travel in the schema for the browser; the validators give the specific message.
# Each type's kind (domain/kinds.py) normalises what was pasted before the length is checked.
Uscc = Annotated[str, BeforeValidator(normaliser("uscc")), AfterValidator(_check_uscc),
                 Field(max_length=18, json_schema_extra={"pattern": USCC_PATTERN, "x-pattern-message": USCC_FORMAT,
                                                         **kind_schema("uscc")},
                       examples=["91210100MA0Y9KQX13"])]
Mobile = Annotated[str, BeforeValidator(normaliser("mobile")), AfterValidator(_check_mobile),
                   Field(max_length=20, json_schema_extra={"pattern": MOBILE_PATTERN, "x-pattern-message": MOBILE_FORMAT,
                                                           **kind_schema("mobile")})]
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]+\.[A-Za-z]{2,}$"
Email = Annotated[str, BeforeValidator(normaliser("email")),
                  Field(pattern=EMAIL_PATTERN, max_length=254,  # the schema drops it after a BeforeValidator:
                        json_schema_extra={"pattern": EMAIL_PATTERN, **kind_schema("email")})]  # said again
# Stripped by the model config. A limit of its own is a type of its own: the JSON schema (and so the
# form) shows a type's inner limit, not a field's tighter one (tests/unit/test_forms.py checks both agree).
ShortText = Annotated[OneLine, Field(min_length=1, max_length=100)]
PersonName = Annotated[OneLine, Field(min_length=1, max_length=40)]
AddressText = Annotated[OneLine, Field(min_length=1, max_length=200)]

_catalog = load_catalog()
STAGE_CHOICES = {s.id: s.name.model_dump() for s in _catalog.stages}
DISTRICT_CHOICES = {d.district: d.district_name.model_dump() for d in _catalog.districts}
TRAINING_STAGE_CHOICES = {s.id: s.name.model_dump()
                          for s in _catalog.stages_of(_catalog.service("training-request"))}
StageId = one_of(STAGE_CHOICES)
DistrictId = one_of(DISTRICT_CHOICES)


def _left_empty(value: str) -> str:
    if value:
        raise rule_error("此项应留空。", "This field must be left empty.")
    return value


# A honeypot: hidden from people by the site, filled in by form-spamming robots; every form has one.
Honeypot = Annotated[str, Field(max_length=200, json_schema_extra={"x-honeypot": True}), AfterValidator(_left_empty)]

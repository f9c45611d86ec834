"""The registration form of a training session: who registers, how many seats, how to reach
them. Its fields are the request forms' own building blocks (domain/fields.py), so a credit
code or a mobile number is checked, normalised and explained exactly as on every request form,
and the site renders the form from this model (site/hooks/render_registration.py)."""
from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import FieldError, InvalidRequest, from_validation_error
from .fields import Email, Honeypot, Mobile, ShortText, Uscc, labelled
from ..i18n import Text

# Says it is an email address in the schema, so the site renders an email box (not a text area).
EmailAddress = Annotated[Email, Field(json_schema_extra={"format": "email"})]
# The most seats one registration may ask for, whatever a session allows; a session's own
# `max_seats_per_organisation` (content/data/trainings.yml) is usually lower.
MOST_SEATS = 50


class RegistrationForm(BaseModel):
    """The body of POST /api/trainings/{training_id}/registrations."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    organisation: ShortText = labelled("单位名称", "Organisation", group="applicant",
                                       help_zh="与营业执照一致", help_en="As on your business licence")
    uscc: Uscc = labelled("统一社会信用代码", "Unified social credit code", group="applicant",
                          help_zh="18位，见营业执照", help_en="18 characters, on your business licence")
    participant_name: ShortText = labelled("参加人姓名", "Participant's name", group="applicant", max_length=40)
    mobile: Mobile = labelled("手机号码", "Mobile number", group="applicant",
                              help_zh="用于接收报名确认短信和培训前一天的提醒",
                              help_en="We send the confirmation SMS and a reminder the day before here")
    email: EmailAddress | None = labelled("电子邮箱（选填）", "Email (optional)", group="applicant", default=None,
                                   help_zh="填写后，我们把日历邀请发到这里",
                                   help_en="If given, we send the calendar invitation here")
    seats: int = labelled("参加人数", "Number of seats", group="applicant", default=1, ge=1, le=MOST_SEATS,
                          help_zh="含参加人本人", help_en="The participant included")
    website: Honeypot = ""

    @classmethod
    def example(cls) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        """A valid body for the OpenAPI document and the tests."""
        return {"organisation": "沈阳示例建设有限公司", "uscc": "91210100MA0Y9KQX13", "participant_name": "张工",
                "mobile": "13800138000", "email": "zhang@example.com", "seats": 1}


def parse_registration(body: Any) -> RegistrationForm:
    """The body as a form, or InvalidRequest naming each field at fault in both languages."""
    if not isinstance(body, dict):
        raise InvalidRequest([FieldError("body", Text(zh="请求内容应为 JSON 对象。",
                                                      en="The request body must be a JSON object."))])
    try:
        return RegistrationForm.model_validate(body)
    except ValidationError as exc:
        raise InvalidRequest(from_validation_error(exc)) from None

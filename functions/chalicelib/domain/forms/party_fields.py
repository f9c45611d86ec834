"""The form fields of the five responsible parties (domain/parties.py): built from its table,
each party in a section of its own (`x-group` party-<role>, its name as `x-group-label`), the
client's required, the others optional; a party given at all needs its organisation and a
mobile or an email (the same field kinds and checks as the applicant's own)."""
from __future__ import annotations

from typing import Any

from pydantic import BaseModel, model_validator

from ..errors import rule_error
from ..fields import Email, Mobile, PersonName, ShortText, labelled
from ..parties import PARTIES, REQUIRED_PARTY, field_name

_HELP = ("可填写手机号码或电子邮箱，至少一项；办结时消防验收处将把技术指导意见发送给该单位",
                     "A mobile number or an email, at least one: at completion the Fire Acceptance Division "
                     "sends the findings there")


def _labelled(role: str, zh: str, en: str, required: bool, kind: str | None = None, help_: bool = False) -> Any:
    name = PARTIES[role]
    tail_zh, tail_en = ("", "") if required else ("（选填）", " (optional)")
    field = labelled(f"{name.zh}{zh}{tail_zh}", f"{name.en}: {en}{tail_en}", group=f"party-{role}", kind=kind,
                     help_zh=_HELP[0] if help_ else "", help_en=_HELP[1] if help_ else "",
                     **({} if required else {"default": None}))
    field.json_schema_extra["x-group-label"] = {"zh": f"{name.zh}（五方责任主体）",  # type: ignore[index]
                                                "en": f"{name.en} (five responsible parties)"}
    return field


def party_fields() -> dict[str, Any]:
    """(type, field) of every party's organisation, person, mobile and email, for create_model."""
    fields: dict[str, Any] = {}
    for role in PARTIES:
        client = role == REQUIRED_PARTY
        fields[field_name(role, "org")] = (ShortText if client else ShortText | None,
                                           _labelled(role, "名称", "organisation", client, "text"))
        fields[field_name(role, "person")] = (PersonName | None, _labelled(role, "联系人", "contact person", False,
                                                                           "other-person"))
        fields[field_name(role, "mobile")] = (Mobile | None, _labelled(role, "手机号码", "mobile number", False,
                                                                       "other-mobile", help_=True))
        fields[field_name(role, "email")] = (Email | None, _labelled(role, "电子邮箱", "email", False, "other-email"))
    return fields


class PartiesReachable(BaseModel):
    """The rule over the parties' fields: a party given at all can be reached."""

    @model_validator(mode="after")
    def _reachable(self) -> "PartiesReachable":
        for role, name in PARTIES.items():
            values = {p: getattr(self, field_name(role, p), None) for p in ("org", "person", "mobile", "email")}
            if not any(values.values()):
                continue
            if not values["org"]:
                raise rule_error(f"填写了{name.zh}的联系方式时，请填写{name.zh}名称。",
                                 f"{name.en}: give the organisation's name with its contact.", field_name(role, "org"))
            if not (values["mobile"] or values["email"]):
                raise rule_error(f"请填写{name.zh}的手机号码或电子邮箱（至少一项），以便发送技术指导意见。",
                                 f"{name.en}: give a mobile number or an email (at least one), so that the "
                                 "findings can reach it.", field_name(role, "mobile"))
        return self

"""The five responsible parties (五方责任主体) of a construction project: client, surveyor,
designer, contractor and supervisor (建设、勘察、设计、施工、监理). The fire-acceptance service
collects how to reach each (方案四（五）4); when the officer completes it, each party with a
contact gets the findings, which are technical advice only, not the formal acceptance list
(方案四（五）3). ONE table (`PARTIES`) names them: the form's fields, the messages and the
workbench's delivery list are all read from it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..i18n import Text

# role (glossary code) → the party's name in both languages. The client is never optional.
PARTIES: dict[str, Text] = {
    "client": Text(zh="建设单位", en="Client (developer)"),
    "surveyor": Text(zh="勘察单位", en="Surveyor"),
    "designer": Text(zh="设计单位", en="Designer"),
    "contractor": Text(zh="施工单位", en="Contractor"),
    "supervisor": Text(zh="监理单位", en="Supervisor"),
}
REQUIRED_PARTY = "client"
CONTACT_PARTS = ("org", "person", "mobile", "email")  # each party's fields: <role>_<part>
AUDIENCE_PREFIX = "party-"  # an outbox message's audience: party-<role>

# What the findings say plainly, in both languages: the plan's own words (方案四（五）3).
ADVICE_ONLY = Text(
    zh="根据实施方案四（五）3：靠前服务检查发现的问题，仅作为指导建设单位全面整改排查的技术参考，"
       "不作为项目正式验收的问题清单。项目正式验收时，将按照消防验收现场评定标准和程序重新抽查检查。",
    en="Under plan 4(5)3: the problems this proactive service found are only a technical reference to guide the "
       "client's complete review and rectification; they are not the problem list of the project's formal "
       "acceptance. At the formal acceptance, the project is checked again by sample under the fire-acceptance "
       "on-site assessment standards and procedures.")


@dataclass(frozen=True)
class PartyContact:
    """How to reach one party, as the applicant gave it."""

    role: str
    organisation: str
    person: str | None
    mobile: str | None  # E.164, as the form stored it
    email: str | None

    @property
    def label(self) -> Text:
        return PARTIES[self.role]

    @property
    def audience(self) -> str:
        return AUDIENCE_PREFIX + self.role


def field_name(role: str, part: str) -> str:
    return f"{role}_{part}"


def contacts(form: dict[str, Any]) -> list[PartyContact]:
    """The parties the form gives a way to reach (organisation, and a mobile or an email), in
    table order; a form without the parties' fields gives none."""
    out = []
    for role in PARTIES:
        org, mobile, email = (form.get(field_name(role, p)) for p in ("org", "mobile", "email"))
        if org and (mobile or email):
            out.append(PartyContact(role, org, form.get(field_name(role, "person")), mobile, email))
    return out


def role_of_audience(audience: str) -> str | None:
    """The party a message's audience names, or None for any other audience."""
    role = audience.removeprefix(AUDIENCE_PREFIX)
    return role if audience.startswith(AUDIENCE_PREFIX) and role in PARTIES else None


def takes_findings(service_id: str) -> bool:
    """Whether completing the service records findings for the parties: its form collects them."""
    from .forms import FORMS

    return field_name(REQUIRED_PARTY, "org") in FORMS[service_id].model_fields


def check_findings(service_id: str, findings: str | None) -> None:
    """A completion's findings: required where the service sends them to the parties, refused
    elsewhere (InvalidRequest naming `findings`, in both languages)."""
    from .errors import FieldError, InvalidRequest

    needed = takes_findings(service_id)
    if needed and not findings:
        raise InvalidRequest([FieldError("findings", Text(
            zh="请填写技术指导意见：办结时将发送给五方责任主体。",
            en="Enter the findings: the completion sends them to the five responsible parties."))])
    if not needed and findings:
        raise InvalidRequest([FieldError("findings", Text(
            zh="此服务事项办结时不记录技术指导意见。", en="This service records no findings at completion."))])

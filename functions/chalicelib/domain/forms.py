"""Request bodies, one model per service. `FORMS` maps a service id to its model; a service of
the catalog without a model here cannot yet be requested online."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from .fields import (DISTRICT_CHOICES, STAGE_CHOICES, DistrictId, Email, Mobile, ShortText,
                     StageId, Uscc, labelled)


class ServiceForm(BaseModel):
    """Fields every request carries: who asks and how to reach them."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    service: str
    organisation: ShortText = labelled("单位名称", "Organisation", help_zh="与营业执照一致",
                                       help_en="As on your business licence")
    uscc: Uscc = labelled("统一社会信用代码", "Unified social credit code",
                          help_zh="18位，见营业执照", help_en="18 characters, on your business licence")
    contact_name: ShortText = labelled("联系人", "Contact person", max_length=40)
    mobile: Mobile = labelled("手机号码", "Mobile number",
                              help_zh="用于接收受理短信", help_en="We send the acknowledgement SMS here")
    email: Email | None = labelled("电子邮箱（选填）", "Email (optional)", default=None)

    def stage_ids(self) -> tuple[str, ...]:
        """The stage(s) this request is about; services bound to one stage override nothing."""
        return (getattr(self, "stage"),) if hasattr(self, "stage") else ()

    def district_id(self) -> str | None:
        return getattr(self, "district", None)


class ConsultationForm(ServiceForm):
    service: Literal["consultation"]
    stage: StageId = labelled("咨询阶段", "Stage", choices=STAGE_CHOICES,
                              help_zh="您的问题涉及哪个阶段", help_en="Which stage your question is about")
    district: DistrictId | None = labelled(
        "项目所在区县（选填）", "District of the project (optional)", default=None,
        choices=DISTRICT_CHOICES, help_zh="质量监督、质量验收阶段将同时告知属地建设行政主管部门",
        help_en="For quality supervision and acceptance the district construction authority is told too")
    project_name: ShortText | None = labelled("项目名称（选填）", "Project name (optional)", default=None)
    question: str = labelled("您的问题", "Your question", min_length=5, max_length=2000,
                             help_zh="请说明遇到的情况和希望得到的帮助",
                             help_en="Describe the situation and the help you need")
    contact_preference: Literal["phone", "online", "site-visit"] = labelled(
        "希望的答复方式", "How you would like an answer", default="phone",
        choices={"phone": {"zh": "电话", "en": "Phone"}, "online": {"zh": "网络（短信或邮件）",
                 "en": "Online (SMS or email)"}, "site-visit": {"zh": "现场勘验", "en": "Site visit"}})

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "service": "consultation", "organisation": "沈阳示例建设有限公司",
        "uscc": "91210100MA0Y9KQX13", "contact_name": "张工", "mobile": "13800138000",
        "email": "zhang@example.com", "stage": "quality-supervision", "district": "hunnan",
        "project_name": "示例住宅项目", "question": "主体结构验收前需要准备哪些资料？",
        "contact_preference": "phone"}]})


FORMS: dict[str, type[ServiceForm]] = {"consultation": ConsultationForm}


# Shown elsewhere in the department's email, or not for the officer's eyes.
_NOT_IN_DETAILS = {"stage", "district", "question"}


def describe(service_id: str, form: dict[str, Any], lang: str = "zh") -> list[tuple[str, str]]:
    """(label, value) of each service-specific field that has a value, choices shown by name."""
    model = FORMS[service_id]
    rows = []
    for name, info in model.model_fields.items():
        value = form.get(name)
        if name in ServiceForm.model_fields or name in _NOT_IN_DETAILS or value in (None, ""):
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        label = extra.get("x-label", {}).get(lang, name)
        choices = extra.get("x-choices") or {}
        shown = choices.get(value, {}).get(lang, value) if isinstance(value, str) else value
        rows.append((label, "是" if shown is True else "否" if shown is False else str(shown)))
    return rows

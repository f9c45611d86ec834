"""Consultations: the online one for any stage (submitted at any time, weekends included), and the
construction-permit pre-consultation."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal

from ..fields import DISTRICT_CHOICES, STAGE_CHOICES, DistrictId, ShortText, StageId, choices, labelled, one_of
from .base import LongText, ServiceForm

CONTACT_PREFERENCES = choices(phone=("电话", "Phone"), online=("网络（短信或邮件）", "Online (SMS or email)"),
                              site_visit=("现场勘验（消防设计审查阶段）", "Site survey (fire-protection design review stage)"))
PERMIT_TOPICS = choices(time_limits=("办理时限", "Time limits"), process=("办理流程", "Process"),
                        materials=("申请材料", "Application materials"), policy=("政策解读", "Policy"))
PERMIT_CHANNELS = choices(phone=("电话", "Phone"), wechat=("微信", "WeChat"), online=("网络（短信或邮件）", "Online (SMS or email)"))


class ConsultationForm(ServiceForm):
    service: Literal["consultation"]
    stage: StageId = labelled("咨询阶段", "Stage", choices=STAGE_CHOICES,
                              help_zh="您的问题涉及哪个阶段", help_en="Which stage your question is about")
    question: LongText = labelled("您的问题", "Your question",
                                  help_zh="请说明遇到的情况和希望得到的帮助",
                                  help_en="Describe the situation and the help you need")
    contact_preference: one_of(CONTACT_PREFERENCES) = labelled(  # type: ignore[valid-type]
        "希望的答复方式", "How you would like an answer", default="phone", choices=CONTACT_PREFERENCES,
        help_zh="由所选阶段的牵头部门答复。现场勘验是消防设计审查阶段“项目管家”的服务（方案四（一）5），方案没有为其他阶段规定",
        help_en="The lead department of the stage you choose answers. Site surveys are the project steward's service at the "
                "fire-protection design review stage (plan 4(1)5); the plan does not provide them at other stages")
    project_name: ShortText | None = labelled("项目名称（选填）", "Project name (optional)", group="project",
                                              default=None)
    district: DistrictId | None = labelled(
        "项目所在区县（选填）", "District of the project (optional)", group="project", default=None,
        choices=DISTRICT_CHOICES, help_zh="质量监督、质量验收阶段将同时告知属地建设行政主管部门",
        help_en="For quality supervision and acceptance the district construction authority is told too")

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {
            "stage": "quality-supervision", "district": "hunnan", "project_name": "示例住宅项目一期",
            "question": "主体结构验收前需要准备哪些资料？", "contact_preference": "phone"}


class PermitPreConsultationForm(ServiceForm):
    service: Literal["permit-pre-consultation"]
    topics: list[one_of(PERMIT_TOPICS)] = labelled(  # type: ignore[valid-type]
        "咨询内容", "What you want to know", choices=PERMIT_TOPICS, min_length=1, max_length=4)
    question: LongText = labelled("您的问题", "Your question")
    contact_preference: one_of(PERMIT_CHANNELS) = labelled(  # type: ignore[valid-type]
        "希望的答复方式", "How you would like an answer", default="phone", choices=PERMIT_CHANNELS)
    project_name: ShortText | None = labelled("项目名称（选填）", "Project name (optional)", group="project",
                                              default=None)

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {
            "topics": ["materials", "time-limits"], "question": "房屋建筑工程申请施工许可需要哪些材料，多长时间办结？",
            "contact_preference": "phone", "project_name": "示例住宅项目一期"}

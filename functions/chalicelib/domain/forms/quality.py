"""Quality supervision and acceptance (plan 4(3), 4(4)): liaison help, training, pre-acceptance."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator

from ..calendar import is_working_day
from ..text import ManyLines
from ..fields import TRAINING_STAGE_CHOICES, PersonName, choices, labelled, one_of
from .base import LongText, ProjectForm, require, today_of

PROBLEM_KINDS = choices(technical=("技术问题", "Technical problem"), policy=("制度政策问题", "Rules or policy problem"))
SERVICE_MODES = choices(site=("到现场指导", "On-site guidance"), phone=("电话解答", "Answer by phone"))
TRAINING_PLACES = choices(enterprise=("到企业培训", "At our company"), project=("到项目现场培训", "At our project site"))
PERMIT_HELD = ("本项目已取得施工许可证", "The project holds a construction permit")
PERMIT_RULE = ("质量监督和质量验收阶段的靠前服务面向已取得施工许可证的工程。",
               "Proactive service in quality supervision and acceptance is for projects that hold a construction permit.")


# The date fields' rules are this site's, not the plan's: the plan sets no time limit for them.
SITE_DATE_RULE = ("本网站的填写规则：今天之后、180天以内的工作日。这不是方案规定的时限。",
                  "This site's rule for the form: working days after today and within 180 days. It is not a time limit of the plan.")


def _future_dates(values: list[date], info: ValidationInfo, working_days: bool) -> list[date]:
    today = today_of(info)
    for day in values:
        require(today < day <= today + timedelta(days=180), "本网站只接受今天之后、180天以内的日期。",
                "This site accepts only dates after today and within 180 days.")
        if working_days:
            require(is_working_day(day)[0], f"{day.isoformat()} 不是工作日，请选择工作日。",
                    f"{day.isoformat()} is not a working day; choose a working day.")
    require(len(set(values)) == len(values), "日期不能重复。", "Choose different dates.")
    return sorted(values)


class LiaisonAssistanceForm(ProjectForm):
    service: Literal["liaison-assistance"]
    has_construction_permit: bool = labelled(*PERMIT_HELD)
    problem_kind: one_of(PROBLEM_KINDS) = labelled("问题类型", "Kind of problem", choices=PROBLEM_KINDS)  # type: ignore[valid-type]
    description: LongText = labelled("遇到的问题", "The problem you face")
    preferred_mode: one_of(SERVICE_MODES) = labelled(  # type: ignore[valid-type]
        "希望的服务方式", "How you would like help", choices=SERVICE_MODES, default="site",
        help_zh="相关人员在现场解答您提出的问题时，不同时进行执法检查（方案四（三）4）；日常质量监督照常进行",
        help_en="While staff answer the questions you raise on site, they do not conduct an enforcement inspection "
                "at the same time (plan 4(3)4); routine quality supervision goes on")
    liaison_name: PersonName | None = labelled("您的营商环境联络员（如已知，选填）", "Your business-environment liaison, if you know them (optional)",
                                              default=None, kind="other-person")

    @field_validator("has_construction_permit")
    @classmethod
    def _permit(cls, value: bool) -> bool:
        return require(value, *PERMIT_RULE)

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"has_construction_permit": True, "problem_kind": "technical",
                                         "description": "冬期施工混凝土养护措施需要技术指导。", "preferred_mode": "site"}


class TrainingRequestForm(ProjectForm):
    service: Literal["training-request"]
    stage: one_of(TRAINING_STAGE_CHOICES) = labelled(  # type: ignore[valid-type]
        "培训所属阶段", "Stage of the training", choices=TRAINING_STAGE_CHOICES,
        help_zh="依企业申请选派专家培训是质量监督阶段质量站的服务（方案四（三）7）；消防验收、档案验收阶段可以提出需求，是否安排由牵头部门决定",
        help_en="Experts sent on a company's request are the Construction Quality Supervision Station's service at the quality "
                "supervision stage (plan 4(3)7); for fire-protection and construction-archive acceptance you may state a need, "
                "and the lead department decides")
    topic: LongText = labelled("希望培训的内容", "What the training should cover")
    participants: int = labelled("预计参加人数", "Expected participants", ge=1, le=500)
    place: one_of(TRAINING_PLACES) = labelled("培训地点", "Where", choices=TRAINING_PLACES)  # type: ignore[valid-type]
    preferred_dates: list[date] = labelled("希望的培训日期（选填，最多3个）", "Preferred dates (optional, up to 3)",
                                           default_factory=list, max_length=3,
                                           help_zh=SITE_DATE_RULE[0], help_en=SITE_DATE_RULE[1])

    @field_validator("preferred_dates")
    @classmethod
    def _dates(cls, values: list[date], info: ValidationInfo) -> list[date]:
        return _future_dates(values, info, working_days=True)

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"stage": "quality-supervision", "topic": "住宅工程质量常见问题防治",
                                         "participants": 30, "place": "project", "preferred_dates": []}


class PreAcceptanceForm(ProjectForm):
    service: Literal["pre-acceptance"]
    has_construction_permit: bool = labelled(*PERMIT_HELD)
    supervisors_take_part: bool = labelled(
        "本项目的预验收需要质量监督人员参与", "The pre-acceptance of this project needs the quality supervisors", default=False,
        help_zh="方案四（四）1：需要质量监督人员参与的项目，属地建设行政主管部门参与预验收。勾选后，本申请同时发给项目所在区县的建设行政主管部门",
        help_en="Plan 4(4)1: for projects that need the quality supervisors, the district construction authority takes part "
                "in the pre-acceptance. If you tick this, the request also goes to the construction authority of the project's district")
    preferred_dates: list[date] = labelled("希望的预验收日期（填1至3个）", "Preferred dates for the pre-acceptance (give 1 to 3)",
                                           min_length=1, max_length=3, help_zh=SITE_DATE_RULE[0], help_en=SITE_DATE_RULE[1])
    # Single-building acceptance (plan 4(4)3) is one of the special acceptance services the plan is
    # studying, not a kind of pre-acceptance: the applicant may say it is interested, nothing more.
    single_building: bool = labelled(
        "希望了解按子单位工程开展单体验收", "We would like to know about accepting single buildings as sub-unit works", default=False,
        help_zh="方案四（四）3 提出研究：同一规划条件下的多个单体工程，能够形成独立使用功能的单体，按照子单位工程开展单体验收。"
                "这不是预验收的一部分，方案也没有规定办理办法；勾选只是让质量站知道您的需要",
        help_en="Plan 4(4)3 says the bureau is studying it: among several individual buildings under the same planning conditions, "
                "one that can be used on its own would be accepted as sub-unit works. It is not part of the pre-acceptance and the "
                "plan sets no procedure for it; ticking this only tells the Construction Quality Supervision Station of your interest")
    buildings: ManyLines | None = Field(default=None, max_length=500, validate_default=True, json_schema_extra={
        "x-label": {"zh": "能够形成独立使用功能的单体（勾选上一项时必填）",
                    "en": "The buildings that can be used on their own (required if you tick the box above)"},
        "x-group": "request"})

    @field_validator("has_construction_permit")
    @classmethod
    def _permit(cls, value: bool) -> bool:
        return require(value, *PERMIT_RULE)

    @field_validator("preferred_dates")
    @classmethod
    def _dates(cls, values: list[date], info: ValidationInfo) -> list[date]:
        return _future_dates(values, info, working_days=True)

    @field_validator("buildings")
    @classmethod
    def _buildings(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("single_building"):
            require(bool(value and value.strip()), "请写明能够形成独立使用功能的单体。",
                    "Name the buildings that can be used on their own.")
        return value

    def district_takes_part(self) -> bool:
        """Plan 4(4)1: the district construction authority takes part in the pre-acceptance of
        projects that need the quality supervisors; the Station leads the others alone."""
        return self.supervisors_take_part

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        day = today + timedelta(days=14)
        while not is_working_day(day)[0]:
            day += timedelta(days=1)
        return super().example(today) | {"has_construction_permit": True, "supervisors_take_part": True,
                                         "preferred_dates": [day.isoformat()],
                                         "single_building": True, "buildings": "1号楼、2号楼"}

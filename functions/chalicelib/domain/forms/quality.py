"""Quality supervision and acceptance (plan 4(3), 4(4)): liaison help, training, pre-acceptance."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator

from ..calendar import is_working_day
from ..fields import TRAINING_STAGE_CHOICES, ShortText, choices, labelled, one_of
from .base import LongText, ProjectForm, require, today_of

PROBLEM_KINDS = choices(technical=("技术问题", "Technical problem"), policy=("制度政策问题", "Rules or policy problem"))
SERVICE_MODES = choices(site=("到现场指导", "On-site guidance"), phone=("电话解答", "Answer by phone"))
TRAINING_PLACES = choices(enterprise=("到企业培训", "At our company"), project=("到项目现场培训", "At our project site"))
PERMIT_HELD = ("本项目已取得施工许可证", "The project holds a construction permit")
PERMIT_RULE = ("质量监督和质量验收阶段的靠前服务面向已取得施工许可证的工程。",
               "Proactive service in quality supervision and acceptance is for projects that hold a construction permit.")


def _future_dates(values: list[date], info: ValidationInfo, working_days: bool) -> list[date]:
    today = today_of(info)
    for day in values:
        require(today < day <= today + timedelta(days=180), "请选择今天之后、180天以内的日期。",
                "Choose dates after today and within 180 days.")
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
        help_zh="到现场服务时不进行执法检查", help_en="A service visit is never combined with an enforcement inspection")
    liaison_name: ShortText | None = labelled("您的营商环境联络员（如已知，选填）", "Your business-environment liaison, if you know them (optional)",
                                              default=None, max_length=40)

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
    stage: one_of(TRAINING_STAGE_CHOICES) = labelled("培训所属阶段", "Stage of the training", choices=TRAINING_STAGE_CHOICES)  # type: ignore[valid-type]
    topic: LongText = labelled("希望培训的内容", "What the training should cover")
    participants: int = labelled("预计参加人数", "Expected participants", ge=1, le=500)
    place: one_of(TRAINING_PLACES) = labelled("培训地点", "Where", choices=TRAINING_PLACES)  # type: ignore[valid-type]
    preferred_dates: list[date] = labelled("希望的培训日期（选填，最多3个）", "Preferred dates (optional, up to 3)",
                                           default_factory=list, max_length=3)

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
    preferred_dates: list[date] = labelled("希望的预验收日期（1至3个工作日）", "Preferred dates for the pre-acceptance (1 to 3 working days)",
                                           min_length=1, max_length=3)
    single_building: bool = labelled("按子单位工程（单体）验收", "Accept building by building (sub-unit works)", default=False,
                                     help_zh="同一规划条件下能形成独立使用功能的单体", help_en="Buildings of one planning permission that can be used on their own")
    buildings: str | None = Field(default=None, max_length=500, validate_default=True, json_schema_extra={
        "x-label": {"zh": "参加预验收的单体（按单体验收时必填）", "en": "The buildings to accept (required when accepting building by building)"},
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
            require(bool(value and value.strip()), "按单体验收时，请写明参加预验收的单体。",
                    "When accepting building by building, name the buildings.")
        return value

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        day = today + timedelta(days=14)
        while not is_working_day(day)[0]:
            day += timedelta(days=1)
        return super().example(today) | {"has_construction_permit": True, "preferred_dates": [day.isoformat()],
                                         "single_building": True, "buildings": "1号楼、2号楼"}

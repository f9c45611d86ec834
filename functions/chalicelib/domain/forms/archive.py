"""Construction-archive acceptance (plan 4(6)): guidance during construction, pre-acceptance."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

from pydantic import ValidationInfo, field_validator

from ..calendar import add_months
from ..fields import choices, labelled, one_of
from .base import LongText, ProjectForm, require, today_of

WORKS = choices(building=("房建工程", "Building works"), municipal=("市政工程", "Municipal works"))
GUIDANCE_MODES = choices(phone=("电话咨询", "By phone"), appointment=("预约见面咨询", "Meeting by appointment"))
WINDOW_MONTHS = 2  # plan 4(6)3: within 2 months before asking for completion acceptance (提请竣工验收前)


class ArchiveGuidanceForm(ProjectForm):
    service: Literal["archive-guidance"]
    works_type: one_of(WORKS) = labelled("工程类别", "Kind of works", choices=WORKS,  # type: ignore[valid-type]
                                         help_zh="房建工程和市政工程由不同岗位指导", help_en="Building and municipal works have separate desks")
    mode: one_of(GUIDANCE_MODES) = labelled("咨询方式", "How", choices=GUIDANCE_MODES, default="phone")  # type: ignore[valid-type]
    question: LongText = labelled("需要指导的城建档案问题", "Your question about the urban construction archives")

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"works_type": "building", "mode": "phone",
                                         "question": "竣工图的编制和组卷有哪些要求？"}


class ArchivePreAcceptanceForm(ProjectForm):
    service: Literal["archive-pre-acceptance"]
    works_type: one_of(WORKS) = labelled("工程类别", "Kind of works", choices=WORKS)  # type: ignore[valid-type]
    under_construction: bool = labelled("本工程正在建设中", "The works are under construction")
    planned_completion_acceptance: date = labelled(
        "计划提请竣工验收的日期", "When you plan to ask for completion acceptance",
        help_zh="须在该日期前2个月内申请", help_en="Apply within the 2 months before this date")

    @field_validator("under_construction")
    @classmethod
    def _in_construction(cls, value: bool) -> bool:
        return require(value, "竣工前城建档案预验收面向在建的房建工程和市政工程。",
                       "Archive pre-acceptance is for building and municipal works under construction.")

    @field_validator("planned_completion_acceptance")
    @classmethod
    def _within_window(cls, planned: date, info: ValidationInfo) -> date:
        today = today_of(info)
        require(planned > today, "计划提请竣工验收的日期应在今天之后。", "The planned date must be after today.")
        opens = _window_opens(planned)
        require(today >= opens, f"预验收须在提请竣工验收前2个月内申请：请于 {opens.isoformat()} 起提交。",
                f"Apply for archive pre-acceptance within the 2 months before you ask for completion acceptance: apply from {opens.isoformat()}.")
        return planned

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"works_type": "building", "under_construction": True,
                                         "planned_completion_acceptance": (today + timedelta(days=40)).isoformat()}


def _window_opens(planned: date) -> date:
    """The first day on which a request for `planned` may be made: two months before it."""
    return add_months(planned, -WINDOW_MONTHS)

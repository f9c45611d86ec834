"""Fire-protection design review (plan 4(1)): steward, escalation, commitment, staged guidance."""
from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import ValidationInfo, field_validator

from ..fields import choices, labelled, one_of
from .base import BUILDING_USES, LongText, ProjectForm, require

STEWARD_NEEDS = choices(
    process=("消防审批工作流程", "The fire approval process"), site_guidance=("现场技术指导", "On-site technical guidance"),
    design_scheme=("新建、改造工程设计方案指导", "Guidance on the design scheme (new or retrofit)"),
    online_filing=("网络申报要件咨询", "The materials for the online filing"))
PROJECT_KINDS = choices(new=("新建工程", "New construction"), retrofit=("改造工程", "Retrofit"))
COMMITMENT_USES = {k: BUILDING_USES[k] for k in ("school", "hospital", "other-public")}
STAGED_KINDS = choices(existing_building_retrofit=("既有建筑改造", "Existing-building retrofit"),
                       stalled_resumed=("停缓建复工", "Stalled or suspended project resuming"))
STAGED_PHASES = choices(pre_design=("施工图设计前期：现场消防安全评估", "Before construction-drawing design: on-site fire-safety assessment"),
                        design=("施工图设计阶段：新情况、新问题现场指导", "During construction-drawing design: on-site guidance on new findings"))
COMMITMENT_TEXT = ("我单位承诺：在土建施工阶段，涉及防排烟管道布设、防火封堵等隐蔽工程完成施工后，申请消防验收部门提前介入，确保隐蔽工程满足验收标准。",
                   "We commit that, once the concealed works of the civil-works stage (such as smoke-control ducts and "
                   "firestopping) are done, we will ask the fire-acceptance department to step in early, so that the "
                   "concealed works meet the acceptance standard.")


class ProjectStewardForm(ProjectForm):
    service: Literal["project-steward"]
    needs: list[one_of(STEWARD_NEEDS)] = labelled(  # type: ignore[valid-type]
        "需要管家帮助的事项", "What the steward should help with", choices=STEWARD_NEEDS, min_length=1, max_length=4)
    project_kind: one_of(PROJECT_KINDS) = labelled("工程类型", "Kind of works", choices=PROJECT_KINDS)  # type: ignore[valid-type]
    description: LongText = labelled("设计前期遇到的问题", "The difficulties you face before design")

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"needs": ["process", "design-scheme"], "project_kind": "new",
                                         "description": "地下车库防火分区划分方案需要指导。"}


_ESCALATION_RULES = {  # plan 4(1)2: a district-approved key project the district cannot solve
    "district_key_project": ("升级审批服务仅适用于区、县负责审批的重点建设项目；其他问题请使用在线咨询。",
                             "Escalation is only for key projects approved by a district or county; "
                             "ask other questions through the online consultation."),
    "district_unresolved": ("请先向项目所在区、县建设行政主管部门提出；区县无法解决时再申请市级技术支持。",
                            "Ask your district construction authority first; apply for city-level support "
                            "when the district cannot solve the problem."),
}


class CityTechnicalSupportForm(ProjectForm):
    service: Literal["city-technical-support"]
    district_key_project: bool = labelled(
        "本项目是由区、县负责审批的重点建设项目", "This is a key project approved by the district or county")
    district_unresolved: bool = labelled(
        "区、县建设行政主管部门无法解决该技术问题", "The district construction authority could not solve the problem")
    problem: LongText = labelled("需要市级支持的技术问题", "The technical problem the city should help with")

    @field_validator("district_key_project", "district_unresolved")
    @classmethod
    def _eligible(cls, value: bool, info: ValidationInfo) -> bool:
        return require(value, *_ESCALATION_RULES[info.field_name])

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"district_key_project": True, "district_unresolved": True,
                                         "problem": "超大空间商业中庭的防排烟设计无法满足现行规范，需要市级技术支持。"}


class CommitmentParallelReviewForm(ProjectForm):
    service: Literal["commitment-parallel-review"]
    building_use: one_of(COMMITMENT_USES) = labelled(  # type: ignore[valid-type]
        "建筑用途", "Building use", group="project", choices=COMMITMENT_USES,
        help_zh="承诺制适用于学校、医院等项目", help_en="The procedure is for schools, hospitals and similar projects")
    fitout_changes_use: bool = labelled("装修是否改变使用功能", "Does the fit-out change the building's use?")
    fitout_changes_structure: bool = labelled("装修是否改变结构布局", "Does the fit-out change the structural layout?")
    fitout_changes_fire_compartments: bool = labelled("装修是否改变防火分区", "Does the fit-out change the fire compartments?")
    commitment: bool = labelled(*COMMITMENT_TEXT)

    @field_validator("fitout_changes_use", "fitout_changes_structure", "fitout_changes_fire_compartments")
    @classmethod
    def _no_change(cls, value: bool, info: ValidationInfo) -> bool:
        what = {"fitout_changes_use": ("使用功能", "use"), "fitout_changes_structure": ("结构布局", "structural layout"),
                "fitout_changes_fire_compartments": ("防火分区", "fire compartments")}[info.field_name]
        return not require(not value, f"装修改变{what[0]}的项目不适用承诺制，请按常规程序分别申请土建和装修消防设计审查。",
                           f"A fit-out that changes the {what[1]} cannot use the commitment procedure; apply for "
                           "the civil-works and fit-out reviews in the usual way.")

    @field_validator("commitment")
    @classmethod
    def _committed(cls, value: bool) -> bool:
        return require(value, "承诺制须由建设单位作出上述承诺。",
                       "The commitment procedure needs the client organisation's commitment above.")

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"building_use": "school", "fitout_changes_use": False,
                                         "fitout_changes_structure": False, "fitout_changes_fire_compartments": False,
                                         "commitment": True}


class StagedTechnicalGuidanceForm(ProjectForm):
    service: Literal["staged-technical-guidance"]
    project_kind: one_of(STAGED_KINDS) = labelled(  # type: ignore[valid-type]
        "工程类型", "Kind of project", choices=STAGED_KINDS,
        help_zh="分阶段技术指导适用于既有建筑改造、停缓建复工等复杂工程",
        help_en="Staged technical guidance is for existing-building retrofits and stalled or suspended projects that resume")
    phase: one_of(STAGED_PHASES) = labelled("申请指导的阶段", "The phase you ask guidance for", choices=STAGED_PHASES)  # type: ignore[valid-type]
    expert_panel: bool = labelled("申请组织专家论证", "Ask for an expert panel review", default=False,
                                  help_zh="难以解决的技术问题可组织专家论证", help_en="An expert panel review can be organised for technical problems that are hard to solve")
    description: LongText = labelled("现状和需要指导的问题", "The current state and what you need guidance on")

    @classmethod
    def example(cls, today: date) -> dict[str, Any]:  # pragma: no mutate block (sample data, not a rule)
        return super().example(today) | {"project_kind": "existing-building-retrofit", "phase": "pre-design",
                                         "expert_panel": False, "building_use": "office",
                                         "description": "既有办公楼改为酒店，需按改造指南开展消防安全评估。"}

"""What the departments' actions take: one pydantic model per step of the lifecycle's table.

Fields whose options are known only at run time carry `x-source` (the department's officers,
the catalog's departments): the workbench fills them, the use case checks them."""
from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from .actions import ActionParams
from .errors import rule_error
from .labels import choices, labelled, one_of
from .text import ManyLines, OneLine

REJECT_REASONS = choices(
    not_proactive_service=("不属于靠前服务事项", "Not a proactive-service matter"),
    duplicate=("与已提交的申请重复", "Duplicates a request already submitted"),
    cannot_reach=("多次联系申请人未果", "The applicant could not be reached"),
    project_not_eligible=("项目不符合该服务事项的条件", "The project does not meet the service's conditions"),
    other=("其他原因（请说明）", "Another reason (explain below)"),
)
RECORD_KINDS = choices(
    site_guidance=("现场指导", "Site guidance"),
    phone_answer=("电话解答", "Phone answer"),
    online_answer=("线上解答", "Online answer"),
    training_session=("培训", "Training session"),
    expert_review=("专家会审", "Expert panel review"),
)
YES_NO = {"true": {"zh": "是", "en": "Yes"}, "false": {"zh": "否", "en": "No"}}


class AcceptIn(ActionParams):
    action: Literal["accept"]


class RejectIn(ActionParams):
    action: Literal["reject"]
    reason_code: one_of(REJECT_REASONS) = labelled("不予受理的原因", "Reason for rejecting",  # type: ignore[valid-type]
                                                   choices=REJECT_REASONS)
    reason: ManyLines | None = labelled("说明（申请人可见）", "Explanation (the applicant sees it)",
                                        default=None, max_length=300)

    @model_validator(mode="after")
    def _explained(self) -> "RejectIn":
        if self.reason_code == "other" and not self.reason:
            raise rule_error("选择“其他原因”时请说明理由。", "Explain the reason when you choose “another reason”.",
                             field="reason")
        return self

    def note(self) -> tuple[str, str]:
        label = REJECT_REASONS[self.reason_code]
        tail = f"：{self.reason}" if self.reason else ""
        return label["zh"] + tail, label["en"] + (f": {self.reason}" if self.reason else "")

    def details(self) -> dict[str, Any]:
        return {"reason_code": self.reason_code, "reason": self.reason}


class AskInfoIn(ActionParams):
    """补正: what the applicant must add, one item per line; the clock stops until they answer."""

    action: Literal["ask_for_info"]
    items: ManyLines = labelled("需要补充的内容（每行一项）", "What the applicant must add (one item per line)",
                                min_length=2, max_length=2000)

    @property
    def item_list(self) -> list[str]:
        return [line.strip() for line in self.items.split("\n") if line.strip()]

    def note(self) -> tuple[str, str]:
        return "；".join(self.item_list), "; ".join(self.item_list)

    def details(self) -> dict[str, Any]:
        return {"items": self.item_list}


class AssignIn(ActionParams):
    """First-contact responsibility (首接负责制): the officer assigned first keeps the case."""

    action: Literal["assign"]
    assignee: OneLine = labelled("服务人员（项目管家或联络员）", "Officer (steward or liaison)",
                                 min_length=1, max_length=128, source="officers")

    def details(self) -> dict[str, Any]:
        return {"assignee": self.assignee}


class ReassignIn(AssignIn):
    action: Literal["reassign"]  # type: ignore[assignment]
    reason: ManyLines = labelled("改派理由", "Reason for reassigning", min_length=2, max_length=300)

    def note(self) -> tuple[str, str]:
        return self.reason, self.reason

    def details(self) -> dict[str, Any]:
        return {"assignee": self.assignee, "reason": self.reason}


class TransferIn(ActionParams):
    """退回/转派: the request reached the wrong department."""

    action: Literal["transfer"]
    department: OneLine = labelled("转派至", "Transfer to", min_length=1, max_length=80, source="departments")
    reason: ManyLines = labelled("转派理由", "Reason for transferring", min_length=2, max_length=300)

    def note(self) -> tuple[str, str]:
        return self.reason, self.reason

    def details(self) -> dict[str, Any]:
        return {"department": self.department, "reason": self.reason}


class StartIn(ActionParams):
    action: Literal["start"]


class RecordIn(ActionParams):
    """A service record (服务档案、指导服务记录): what was done, when, for how long."""

    action: Literal["record"]
    kind: one_of(RECORD_KINDS) = labelled("服务方式", "Kind of service", choices=RECORD_KINDS)  # type: ignore[valid-type]
    date: dt.date = labelled("服务日期", "Date of the service")
    minutes: int = Field(ge=1, le=24 * 60, json_schema_extra={
        "x-label": {"zh": "用时（分钟）", "en": "Time spent (minutes)"}, "x-group": "request"})
    notes: ManyLines = labelled("服务内容", "What was done", min_length=2, max_length=2000)
    visible: bool = Field(default=False, json_schema_extra={
        "x-label": {"zh": "申请人可见", "en": "The applicant sees this record"}, "x-choices": YES_NO,
        "x-group": "request"})

    @field_validator("date")
    @classmethod
    def _not_future(cls, value: dt.date, info: ValidationInfo) -> dt.date:
        today = (info.context or {}).get("today")
        if today and value > today:
            raise rule_error("服务日期不能晚于今天。", "The date of the service cannot be after today.")
        return value

    def note(self) -> tuple[str, str]:
        label = RECORD_KINDS[self.kind]
        return label["zh"], label["en"]

    def details(self) -> dict[str, Any]:
        return {"kind": self.kind, "date": self.date.isoformat(), "minutes": self.minutes, "notes": self.notes,
                "visible": self.visible}


class CompleteIn(ActionParams):
    action: Literal["complete"]
    summary: ManyLines = labelled("办结说明（申请人可见）", "Completion summary (the applicant sees it)",
                                  min_length=5, max_length=2000)
    # Only a service whose form collects the five responsible parties (domain/parties.py) takes
    # findings; the workbench shows the field where the request lists its parties.
    findings: ManyLines | None = labelled(
        "技术指导意见（发送给五方责任主体）", "Findings (sent to the five responsible parties)", default=None,
        min_length=5, max_length=4000,
        help_zh="发现的问题和建议。发送时会注明：仅作技术参考，不作为消防验收的正式问题清单。",
        help_en="The problems found and the advice. The message says that they are technical advice only, "
                "not the formal acceptance problem list.")

    def bind(self, request: Any) -> "CompleteIn":
        from .parties import check_findings

        check_findings(request.service, self.findings)
        return self

    def note(self) -> tuple[str, str]:
        return self.summary, self.summary

    def effects(self) -> dict[str, Any]:
        return {"summary": self.summary} | ({"findings": self.findings} if self.findings else {})

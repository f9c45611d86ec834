"""What each action takes from the person who acts: one pydantic model per action (the
applicant's here, the departments' in staff_actions.py).

The API validates an action's body with its model, the OpenAPI document shows it, and the site
renders its fields with the same renderer as the request forms (labels in both languages)."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .labels import labelled
from .text import ManyLines, OneLine

RATING_LABELS = {5: ("非常满意", "Very satisfied"), 4: ("满意", "Satisfied"), 3: ("基本满意", "Fairly satisfied"),
                 2: ("不满意", "Dissatisfied"), 1: ("非常不满意", "Very dissatisfied")}
POOR_RATING = 2  # 不满意 and below open a follow-up task for the department
RATING_CHOICES = {str(k): {"zh": zh, "en": en} for k, (zh, en) in RATING_LABELS.items()}


class ActionParams(BaseModel):
    """The body of an action: `{"action": …, …its fields}`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    action: str

    def note(self) -> tuple[str, str]:
        """(zh, en) shown beside the action on the timeline."""
        return "", ""

    def effects(self) -> dict[str, Any]:
        """The request's fields this action sets, besides its status."""
        return {}

    def details(self) -> dict[str, Any]:
        """What the timeline event keeps of the body besides its note (a record, the items
        asked for): read back by the workbench and, where visible, the applicant."""
        return {}

    @classmethod
    def open_on(cls, request: Any) -> bool:
        """Whether the step is open on the request beyond what the table says (its status and
        the viewer's part): a step of the poor-rating loop only where the loop stands so."""
        return True

    def bind(self, request: Any) -> "ActionParams":
        """The body judged against the request it acts on (InvalidRequest if a rule of the step
        refuses it): most bodies need nothing of the request."""
        return self

    def document(self, event: Any) -> Any:
        """A document the step attaches to the request (a one-time notice), or None."""
        return None


class NotifyIn(ActionParams):
    action: Literal["notify"]


class WithdrawIn(ActionParams):
    action: Literal["withdraw"]
    # Optional: nobody has to explain leaving; a reason helps the department, which is told it.
    reason: ManyLines | None = labelled("撤回原因（选填，牵头部门会看到）", "Why you withdraw (optional; the lead department sees it)",
                                        default=None, max_length=300)

    def note(self) -> tuple[str, str]:
        return self.reason or "", self.reason or ""


class AnswerIn(ActionParams):
    """The applicant's answer to a request for more information (补正)."""

    action: Literal["answer"]
    answer: ManyLines = labelled("补正内容", "Your answer", min_length=2, max_length=2000,
                                 help_zh="请逐项说明部门要求补充的内容。",
                                 help_en="Answer each item the department asked for.")

    def note(self) -> tuple[str, str]:
        return self.answer, self.answer

    def details(self) -> dict[str, Any]:
        return {"answer": self.answer}


class RateIn(ActionParams):
    action: Literal["rate"]
    level: int = Field(ge=1, le=5, json_schema_extra={
        "x-label": {"zh": "您对本次服务的评价", "en": "How satisfied are you with the service?"},
        "x-choices": RATING_CHOICES, "x-group": "request"})
    comment: ManyLines | None = labelled("意见和建议（选填）", "Comments (optional)", default=None, max_length=500)

    def note(self) -> tuple[str, str]:
        return RATING_LABELS[self.level]

    def effects(self) -> dict[str, Any]:
        return {"rating": self.level, "rating_comment": self.comment}

    def details(self) -> dict[str, Any]:
        """The level (a poor one's follow-up deadlines join it: effects.py, rating_review.TIMERS)."""
        return {"level": self.level}

    @property
    def poor(self) -> bool:
        return self.level <= POOR_RATING

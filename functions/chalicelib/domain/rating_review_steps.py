"""The bodies of the poor-rating loop's steps (rating_review.py says how the loop goes): each
is open on a request only where its place in the loop lets it (`open_on`), and keeps on its
timeline event what the figures read (`details`)."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from pydantic import Field

from .actions import ActionParams
from .labels import labelled, one_of
from .rating_review import review_of
from .text import ManyLines

if TYPE_CHECKING:
    from .request import ServiceRequest

# The ids keep the underscores the figures read (labels.choices would make them hyphens).
RECTIFICATION_LEVELS = {"satisfied": {"zh": "满意", "en": "Satisfied"},
                        "basically_satisfied": {"zh": "基本满意", "en": "Basically satisfied"},
                        "not_satisfied": {"zh": "不满意", "en": "Not satisfied"}}
DECISIONS = {"true": {"zh": "申诉成立（该评价不计入统计，仍予保留）", "en": "Upheld (the rating stays, out of the statistics)"},
             "false": {"zh": "申诉不成立（该评价照常计入统计）", "en": "Rejected (the rating counts as given)"}}


class VerifyRatingIn(ActionParams):
    """回访核实: the lead department called the applicant back and checked what went wrong."""

    action: Literal["verify_rating"]
    verification: ManyLines = labelled("回访核实情况（内部记录）", "What the call-back found (internal record)",
                                       min_length=2, max_length=2000)

    @classmethod
    def open_on(cls, r: "ServiceRequest") -> bool:
        review = review_of(r)
        return review is not None and review.owed and review.verification is None

    def note(self) -> tuple[str, str]:
        return self.verification, self.verification

    def details(self) -> dict[str, Any]:
        return {"verification": self.verification}


class ReportRectificationIn(ActionParams):
    """整改反馈: what was put right, and the reply the applicant reads on the status page."""

    action: Literal["report_rectification"]
    rectification: ManyLines = labelled("整改情况（内部记录）", "What was put right (internal record)",
                                        min_length=2, max_length=2000)
    reply: ManyLines = labelled("答复申请人（申请人可见）", "Reply to the applicant (the applicant sees it)",
                                min_length=5, max_length=2000)

    @classmethod
    def open_on(cls, r: "ServiceRequest") -> bool:
        review = review_of(r)
        return review is not None and review.owed and review.verification is not None

    def note(self) -> tuple[str, str]:
        return self.reply, self.reply

    def details(self) -> dict[str, Any]:
        return {"rectification": self.rectification, "reply": self.reply}


class RateRectificationIn(ActionParams):
    """The applicant rates the rectification, once, after the department's reply."""

    action: Literal["rate_rectification"]
    level: one_of(RECTIFICATION_LEVELS) = labelled(  # type: ignore[valid-type]
        "您对整改结果的评价", "How satisfied are you with what was put right?", choices=RECTIFICATION_LEVELS)

    @classmethod
    def open_on(cls, r: "ServiceRequest") -> bool:
        review = review_of(r)
        return review is not None and review.rectification is not None and review.rectification_rating is None

    def note(self) -> tuple[str, str]:
        label = RECTIFICATION_LEVELS[self.level]
        return label["zh"], label["en"]

    def details(self) -> dict[str, Any]:
        return {"level": self.level}


class AppealRatingIn(ActionParams):
    """申诉: the department believes the rating malicious or mistaken (once per rating)."""

    action: Literal["appeal_rating"]
    reason: ManyLines = labelled("申诉理由（恶意或错误评价的依据）", "Why the rating is malicious or mistaken",
                                 min_length=5, max_length=2000)

    @classmethod
    def open_on(cls, r: "ServiceRequest") -> bool:
        review = review_of(r)
        return review is not None and review.appeal is None

    def note(self) -> tuple[str, str]:
        return self.reason, self.reason

    def details(self) -> dict[str, Any]:
        return {"reason": self.reason}


class DecideAppealIn(ActionParams):
    """The supervisor (assessment office) decides the appeal; upheld sets `rating_excluded`."""

    action: Literal["decide_appeal"]
    upheld: bool = Field(json_schema_extra={"x-choices": DECISIONS, "x-group": "request", "x-label": {
        "zh": "申诉是否成立？（成立：该评价不计入统计，仍予保留）",
        "en": "Is the appeal upheld? (Yes: the rating stays on record, out of the statistics)"}})
    reason: ManyLines = labelled("决定理由（内部记录）", "Grounds of the decision (internal record)",
                                 min_length=2, max_length=2000)

    @classmethod
    def open_on(cls, r: "ServiceRequest") -> bool:
        review = review_of(r)
        return review is not None and review.appeal_pending

    def note(self) -> tuple[str, str]:
        return self.reason, self.reason

    def effects(self) -> dict[str, Any]:
        return {"rating_excluded": True} if self.upheld else {}

    def details(self) -> dict[str, Any]:
        return {"upheld": self.upheld}

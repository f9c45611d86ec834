"""The follow-up of a poor rating as each reader sees it (schemas.RatingReviewOut): staff read
every record and who made it; the applicant reads the timers, the department's reply, their own
rating of it, and that an appeal was made and how it was decided, with no officer's or
supervisor's name, and none of the department's internal records."""
from __future__ import annotations

from ..catalog import Catalog
from ..domain.calendar import beijing_date
from ..domain.notifications import deadline_note
from ..domain.rating_review import STEPS_OF_LOOP, review_of
from ..domain.rating_review_steps import DECISIONS, RECTIFICATION_LEVELS
from ..domain.request import ServiceRequest, TimelineEvent
from ..i18n import Text
from .schemas import RatingReviewOut, StatusLabel

# Timeline events whose notes are the department's or the supervisor's own: staff only.
INTERNAL = frozenset({"verify_rating", "appeal_rating", "decide_appeal"})


def step_label(e: TimelineEvent) -> Text | None:
    """The words of a follow-up step on the timeline: its own (回访核实, 整改反馈 …), for the status
    it leaves the request in ("rated") would say nothing of what happened."""
    from ..domain.lifecycle import step

    return step(e.action).label if e.action in STEPS_OF_LOOP else None


def rating_review(r: ServiceRequest, catalog: Catalog, staff: bool) -> RatingReviewOut | None:
    review = review_of(r)
    if review is None:
        return None
    at = lambda e: e.at.isoformat() if e else None  # noqa: E731
    detail = lambda e, key: e.details.get(key) if e and staff else None  # noqa: E731
    rated = review.rectification_rating
    decided = review.decision
    return RatingReviewOut(
        verify_by=review.verify_by, rectify_by=review.rectify_by,
        deadline_note=_note(r, catalog, review.rectify_by),
        verified_at=at(review.verification), verification=detail(review.verification, "verification"),
        rectified_at=at(review.rectification), rectification=detail(review.rectification, "rectification"),
        reply=review.rectification.details.get("reply") if review.rectification else None,
        rectification_rating=_level(rated.details["level"]) if rated else None,
        appealed_at=at(review.appeal), appeal_reason=detail(review.appeal, "reason"),
        appeal_by=_by(review.appeal, staff), decided_at=at(decided),
        decision=_decision(decided.details["upheld"]) if decided else None,
        decision_grounds=decided.note_zh if decided and staff else None, decided_by=_by(decided, staff),
        rating_excluded=r.rating_excluded)


def _note(r: ServiceRequest, catalog: Catalog, deadline: str | None) -> Text | None:
    rated = next((e for e in reversed(r.timeline) if e.action == "rate"), None)
    return deadline_note(catalog, beijing_date(rated.at), deadline) if rated else None


def _by(e: TimelineEvent | None, staff: bool) -> str | None:
    return (e.by_name or e.by) if e and staff else None


def _level(level: str) -> StatusLabel:
    return StatusLabel(id=level, label=Text(**RECTIFICATION_LEVELS[level]))


def _decision(upheld: bool) -> StatusLabel:
    return StatusLabel(id="upheld" if upheld else "rejected", label=Text(**DECISIONS[str(upheld).lower()]))

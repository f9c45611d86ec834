"""A known history of five requests, as timeline events on fixed Beijing dates around the 2026
Spring Festival (holiday 15–23 February; Saturdays 14 and 28 February are make-up working days),
for the figures' tests: each figure they should give is worked out by hand in test_figures.py."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from chalicelib.domain.lifecycle import Status
from chalicelib.domain.request import ServiceRequest, TimelineEvent

BEIJING = timezone(timedelta(hours=8))
QUALITY, MARKET = "quality-station", "market-division"
OFFICER = "officer.quality-station"


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(f"{day}T{hour:02d}:00:00").replace(tzinfo=BEIJING).astimezone(timezone.utc)


def request(no: str, service: str, lead: str, status: Status, steps: list[tuple[str, str, dict]],
            submitted: str, **fields) -> ServiceRequest:
    """A request whose timeline is its submission and `steps` (action, day, details), in order;
    each staff step taken by an officer of the department leading it at the time."""
    events, dept = [TimelineEvent(seq=1, at=at(submitted), status=Status.SUBMITTED)], lead
    for seq, (action, day, details) in enumerate(steps, start=2):
        actor = "applicant" if action in ("answer", "rate", "withdraw", "rate_rectification") else "lead"
        by = None if actor == "applicant" else OFFICER if dept == QUALITY else f"officer.{dept}"
        events.append(TimelineEvent(seq=seq, at=at(day), status=status, action=action, actor=actor, by=by,
                                    department=None if actor == "applicant" else dept, details=details))
        if action == "transfer":
            dept = details["department"]
    return ServiceRequest(
        tracking_no=no, token_hash="x", service=service, stages=("quality-acceptance",), district="hunnan",
        lead_departments=(dept,), cc_departments=(), status=status, created_at=at(submitted), form={},
        timeline=tuple(events), version=len(events), **fields)


def history() -> list[ServiceRequest]:
    """A: pre-acceptance through the holiday, 补正 paused, two notices, a poor rating verified on time
    but rectified late, the acceptance outcome recorded twice. B: transferred, first contact late,
    its rating excluded by an upheld appeal. C withdrawn, D rejected, E accepted and overdue."""
    a = request("A", "pre-acceptance", QUALITY, Status.RATED, [
        ("accept", "2026-02-14", {}), ("assign", "2026-02-24", {"assignee": OFFICER}),
        ("issue_notice", "2026-02-25", {}), ("ask_for_info", "2026-02-25", {"items": ["图纸"]}),
        ("answer", "2026-02-27", {"answer": "已补"}), ("start", "2026-02-27", {}),
        ("issue_notice", "2026-03-02", {}), ("complete", "2026-03-03", {}),
        ("rate", "2026-03-04", {"level": 2, "verify_by": "2026-03-06", "rectify_by": "2026-03-13"}),
        ("verify_rating", "2026-03-05", {}), ("record_acceptance_outcome", "2026-03-05", {"outcome": "later"}),
        ("report_rectification", "2026-03-16", {}),
        ("record_acceptance_outcome", "2026-03-20", {"outcome": "first_attempt"})],
        "2026-02-13", assignee=OFFICER, rating=2)
    b = request("B", "consultation", MARKET, Status.RATED, [
        ("transfer", "2026-03-03", {"department": QUALITY, "reason": "质量站负责"}),
        ("assign", "2026-03-09", {"assignee": OFFICER}), ("start", "2026-03-09", {}),
        ("complete", "2026-03-10", {}), ("rate", "2026-03-11", {"level": 1}),
        ("appeal_rating", "2026-03-12", {"reason": "与服务无关"}), ("decide_appeal", "2026-03-13", {"upheld": True})],
        "2026-03-02", assignee=OFFICER, rating=1)
    c = request("C", "consultation", QUALITY, Status.WITHDRAWN, [("withdraw", "2026-03-03", {})], "2026-03-02")
    d = request("D", "consultation", QUALITY, Status.REJECTED, [("reject", "2026-03-02", {})], "2026-03-02")
    e = request("E", "consultation", QUALITY, Status.ACCEPTED, [("accept", "2026-03-05", {})], "2026-03-05",
                respond_by="2026-03-06")
    return [a, b, c, d, e]

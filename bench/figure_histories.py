"""Random but plausible request histories for bench/figures.py: submitted over a year, most
accepted, assigned and completed, some transferred, paused for 补正, given a second notice,
rated (a few poorly, a few appealed), some left open; each as its timeline events."""
from __future__ import annotations

import dataclasses
import random
from datetime import datetime, timedelta, timezone

from chalicelib.domain.lifecycle import Status
from chalicelib.domain.request import ServiceRequest, TimelineEvent

SERVICES = ("consultation", "pre-acceptance", "fire-acceptance-service", "archive-pre-acceptance",
            "permit-pre-consultation")
STAGES = ("quality-supervision", "quality-acceptance", "fire-acceptance", "archive-acceptance")
DISTRICTS = ("hunnan", "heping", "shenhe", "tiexi", "dadong")
START = datetime(2026, 1, 5, 2, 0, tzinfo=timezone.utc)  # 10:00 in Beijing


def history(i: int, departments: list[str], rng: random.Random) -> ServiceRequest:
    """Request number `i`: its whole timeline, the status it ends in and its running deadline."""
    dept, service = rng.choice(departments), rng.choice(SERVICES)
    created = START + timedelta(days=rng.randrange(320), hours=rng.randrange(8))
    at, steps, status = created, [], Status.SUBMITTED
    respond_by = (created + timedelta(days=3)).date().isoformat()
    fields: dict = {}

    def step(action: str, days: int, **details) -> None:
        nonlocal at
        at += timedelta(days=days, minutes=rng.randrange(1, 300))
        steps.append((action, at, details))

    fate = rng.random()
    if fate < 0.05:
        step("reject", rng.randrange(2))
        status = Status.REJECTED
    elif fate < 0.1:
        step("withdraw", rng.randrange(2))
        status = Status.WITHDRAWN
    else:
        if rng.random() < 0.08:
            step("transfer", rng.randrange(2), department=rng.choice([d for d in departments if d != dept]),
                 reason="转派")
        step("accept", rng.randrange(2))
        status = Status.ACCEPTED
        if rng.random() < 0.15:  # left awaiting first contact
            return _request(i, service, dept, status, created, steps, respond_by=respond_by)
        if rng.random() < 0.2:
            step("ask_for_info", 1, items=["材料"])
            step("answer", rng.randrange(1, 5), answer="已补")
        step("assign", rng.randrange(4), assignee=f"officer.{steps[0][2]['department'] if steps[0][0] == 'transfer' else dept}")
        step("start", 0)
        status, fields["assignee"] = Status.IN_SERVICE, steps[-2][2]["assignee"]
        for _ in range(1 if rng.random() < 0.1 else rng.randrange(0, 2) * 2):
            step("issue_notice", rng.randrange(3))
        if rng.random() < 0.1:  # still in service
            return _request(i, service, dept, status, created, steps, complete_by=(at + timedelta(days=10)).date().isoformat(), **fields)
        step("complete", rng.randrange(1, 16))
        status = Status.COMPLETED
        if rng.random() < 0.7:
            level = rng.choices((1, 2, 3, 4, 5), (3, 5, 12, 30, 50))[0]
            by = (at + timedelta(days=4)).date().isoformat()
            step("rate", rng.randrange(3), level=level, verify_by=by, rectify_by=(at + timedelta(days=12)).date().isoformat())
            status, fields["rating"] = Status.RATED, level
            if level <= 2:
                step("verify_rating", rng.randrange(6))
                step("report_rectification", rng.randrange(12))
                if rng.random() < 0.3:
                    step("appeal_rating", 1, reason="与服务无关")
                    step("decide_appeal", 2, upheld=rng.random() < 0.5)
        if service != "consultation" and service != "permit-pre-consultation" and rng.random() < 0.8:
            step("record_acceptance_outcome", rng.randrange(10), outcome=rng.choice(("first_attempt", "later", "not_yet")))
            if rng.random() < 0.3:
                step("record_acceptance_outcome", rng.randrange(20), outcome="first_attempt")
    return _request(i, service, dept, status, created, steps, **fields)


def _request(i: int, service: str, dept: str, status: Status, created: datetime, steps: list, **fields) -> ServiceRequest:
    events, lead = [TimelineEvent(seq=1, at=created, status=Status.SUBMITTED)], dept
    for seq, (action, at, details) in enumerate(steps, start=2):
        staff = action not in ("answer", "rate", "withdraw")
        events.append(TimelineEvent(seq=seq, at=at, status=status, action=action, actor="lead" if staff else "applicant",
                                    by=f"officer.{lead}" if staff else None, department=lead if staff else None,
                                    details=details))
        if action == "transfer":
            lead = details["department"]
    return ServiceRequest(tracking_no=f"SY260101-F{i:09d}", token_hash="bench", service=service,
                          stages=(STAGES[i % len(STAGES)],), district=DISTRICTS[i % len(DISTRICTS)],
                          lead_departments=(lead,), cc_departments=(), status=status, created_at=created,
                          form={"organisation": "示例企业", "contact_name": "张工", "mobile": "+8613800138000"},
                          timeline=tuple(events), version=len(events), **fields)


def prefix(request: ServiceRequest, n: int) -> ServiceRequest:
    """The request as stored after its first `n` events (its head as the full one: the figures
    read the events, and the last head fields only for the running deadline)."""
    return dataclasses.replace(request, timeline=request.timeline[:n], version=n)

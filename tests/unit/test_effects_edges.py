"""The working-day clock's edges: a pause moves the completion deadline too, a second transfer
counts from the day the request reached its current department, the department taking over
leaves the copied list, a reassignment keeps the deadline, completing records the day."""
import pytest

from chalicelib.domain.effects import TooLateToTransfer
from chalicelib.service_layer import public, staff
from tests.conftest import consultation, officer


def _answer(deps, no, text="已补充"):
    public.act_as_applicant(no, deps.links.access_token(no), {"action": "answer", "answer": text}, deps)


def test_waiting_for_the_applicant_moves_the_completion_deadline_by_the_days_waited(deps, clock):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    staff.act(who, no, {"action": "accept"}, deps)
    assigned = staff.act(who, no, {"action": "assign", "assignee": "officer2.quality-station"}, deps)
    staff.act(who, no, {"action": "ask_for_info", "items": "检测报告"}, deps)
    clock.advance(days=2)  # Wednesday: two working days waited
    _answer(deps, no)
    r = deps.store.get(no)
    assert assigned.complete_by == "2026-12-07" and r.complete_by == "2026-12-09"


def test_a_second_transfer_counts_from_the_day_the_request_arrived_there(deps, clock):
    no = public.submit(consultation(), deps).request.tracking_no
    clock.advance(days=2)  # Wednesday
    staff.act(officer(deps, "officer.quality-station"), no,
              {"action": "transfer", "department": "fire-design-division", "reason": "属消防"}, deps)
    clock.advance(days=2)  # Friday: four working days after submission, two after arrival
    back = staff.act(officer(deps, "officer.fire-design-division"), no,
                     {"action": "transfer", "department": "quality-station", "reason": "属质量"}, deps)
    assert back.lead_departments == ("quality-station",) and back.arrived_on == "2026-12-04"
    clock.advance(days=5)  # Wednesday: three working days after Friday's arrival
    with pytest.raises(TooLateToTransfer):
        staff.act(officer(deps, "officer.quality-station"), no,
                  {"action": "transfer", "department": "fire-design-division", "reason": "属消防"}, deps)


def test_the_department_taking_over_leaves_the_copied_list(deps):
    r = public.submit(consultation(), deps).request
    assert r.cc_departments, "a consultation in a district copies its district authority"
    copied = r.cc_departments[0]
    after = staff.act(officer(deps, "officer.quality-station"), r.tracking_no,
                      {"action": "transfer", "department": copied, "reason": "由区县办理"}, deps)
    assert after.lead_departments == (copied,) and copied not in after.cc_departments
    assert set(after.cc_departments) == set(r.cc_departments) - {copied}


def test_a_reassignment_keeps_the_deadline_and_completing_records_the_day(deps, clock):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    staff.act(who, no, {"action": "accept"}, deps)
    assigned = staff.act(who, no, {"action": "assign", "assignee": "officer2.quality-station"}, deps)
    clock.advance(days=1)
    moved = staff.act(officer(deps, "head.quality-station"), no,
                      {"action": "reassign", "assignee": "officer.quality-station", "reason": "轮岗"}, deps)
    assert moved.complete_by == assigned.complete_by and moved.assignee == "officer.quality-station"
    staff.act(who, no, {"action": "start"}, deps)
    done = staff.act(who, no, {"action": "complete", "summary": "已现场指导并答复。"}, deps)
    assert done.completed_on == "2026-12-01"

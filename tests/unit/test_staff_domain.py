"""The staff side's rules without I/O: who a token's groups make of a user, the lane and order of
a request in a queue, the clock that stops and restarts, the two-working-day transfer window,
and the use cases' scoping by the signed-in officer."""
import dataclasses
from datetime import date

import pytest

from chalicelib.domain.effects import TooLateToTransfer
from chalicelib.domain.errors import InvalidRequest, NotFound
from chalicelib.domain.lifecycle import Status
from chalicelib.domain.officers import Role, from_groups, group_name, groups_for
from chalicelib.domain.queue import Facet, Lane, facets, follow_up_on, lane_of, position
from chalicelib.service_layer import public, staff
from chalicelib.service_layer.staff_ports import Unauthorized
from tests.conftest import consultation, officer

KNOWN = ("quality-station", "fire-design-division", "district-authority-hunnan")


def test_groups_make_an_officer_a_head_or_a_supervisor_and_unknown_groups_grant_nothing():
    o = from_groups("li", "李工", ["quality-station.officer", "fire-design-division.head"], KNOWN)
    assert (o.role, o.departments, o.heads) == (Role.HEAD, ("fire-design-division", "quality-station"),
                                                ("fire-design-division",))
    assert from_groups("wang", "", ["quality-station.officer"], KNOWN).name == "wang"
    s = from_groups("zhao", "赵", ["supervisors", "quality-station.head"], KNOWN)
    assert s.role is Role.SUPERVISOR and s.departments == () and s.may_read("anything")
    for groups in ([], ["nowhere.officer"], ["quality-station.admin"], ["quality-station"], ["Supervisors"]):
        assert from_groups("x", "x", groups, KNOWN) is None, groups
    assert group_name("quality-station", Role.HEAD) == "quality-station.head"
    assert groups_for(["a"]) == ["a.officer", "a.head", "supervisors"]
    viewer = o.viewer()
    assert viewer.heads == {"fire-design-division"} and viewer.username == "li" and viewer.kind == "officer"
    assert not o.may_read("district-authority-hunnan") and o.may_read("quality-station")


def test_a_requests_lane_follows_its_status_and_its_rating(deps):
    r = public.submit(consultation(), deps).request
    lanes = {s: lane_of(dataclasses.replace(r, status=s)) for s in Status if s is not Status.RATED}
    assert lanes == {Status.SUBMITTED: Lane.NEW, Status.NOTIFIED: Lane.NEW, Status.ACCEPTED: Lane.IN_SERVICE,
                     Status.ASSIGNED: Lane.IN_SERVICE, Status.IN_SERVICE: Lane.IN_SERVICE,
                     Status.AWAITING_APPLICANT: Lane.AWAITING_APPLICANT, Status.COMPLETED: Lane.FOLLOW_UP,
                     Status.REJECTED: Lane.CLOSED, Status.WITHDRAWN: Lane.CLOSED}
    rated = dataclasses.replace(r, status=Status.RATED)
    assert [lane_of(dataclasses.replace(rated, rating=n)) for n in (1, 2, 3, 5)] == [
        Lane.POOR_RATING, Lane.POOR_RATING, Lane.CLOSED, Lane.CLOSED]
    assert {x for x in Lane if x.by_deadline} == {Lane.DUE_TODAY, Lane.OVERDUE}


def test_a_request_is_ordered_by_its_running_deadline_then_its_follow_up_date(deps):
    r = public.submit(consultation(), deps).request
    assert position(r, 5) == r.respond_by == "2026-12-01"
    done = dataclasses.replace(r, status=Status.COMPLETED, completed_on="2026-12-04")
    assert follow_up_on(done, 5) == "2026-12-11" == position(done, 5)  # Friday + 5 working days
    assert follow_up_on(r, 5) is None
    closed = dataclasses.replace(r, status=Status.WITHDRAWN)
    assert closed.due is None and position(closed, 5) == "2026-11-30"
    serving = dataclasses.replace(r, status=Status.IN_SERVICE, complete_by="2026-12-14")
    assert serving.due == "2026-12-14"
    assert dataclasses.replace(r, status=Status.AWAITING_APPLICANT).due is None


def test_facets_are_unfiltered_service_each_stage_district_and_officer(deps):
    r = public.submit(consultation(), deps).request
    assert [f.key for f in facets(r)] == ["all", "service=consultation", "stage=quality-supervision", "district=hunnan"]
    assigned = dataclasses.replace(r, assignee="officer.quality-station", district=None)
    assert [f.key for f in facets(assigned)][-1] == "assignee=officer.quality-station"
    assert "district=hunnan" not in [f.key for f in facets(assigned)] and Facet().key == "all"


def test_the_clock_stops_while_awaiting_the_applicant_and_restarts_on_the_answer(deps, clock):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    staff.act(who, no, {"action": "ask_for_info", "items": "图纸\n\n 合同 "}, deps)
    r = deps.store.get(no)
    assert (r.status, r.paused_from, r.paused_on, r.due) == (Status.AWAITING_APPLICANT, Status.SUBMITTED,
                                                            "2026-11-30", None)
    assert r.timeline[-1].details == {"items": ["图纸", "合同"]}
    clock.advance(days=3)  # Thursday: three working days waited
    public.act_as_applicant(no, deps.links.access_token(no), {"action": "answer", "answer": "已补充"}, deps)
    r = deps.store.get(no)
    assert (r.status, r.paused_from, r.paused_on, r.respond_by) == (Status.SUBMITTED, None, None, "2026-12-04")


def test_a_transfer_is_refused_after_two_working_days_and_to_the_same_or_an_unknown_department(deps, clock):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    for department in ("quality-station", "nowhere"):
        with pytest.raises(InvalidRequest) as info:
            staff.act(who, no, {"action": "transfer", "department": department, "reason": "不属本部门"}, deps)
        assert info.value.errors[0].field == "department"
    clock.advance(days=3)  # Thursday: three working days after Monday's arrival
    with pytest.raises(TooLateToTransfer):
        staff.act(who, no, {"action": "transfer", "department": "fire-design-division", "reason": "不属本部门"}, deps)
    clock.advance(days=-1)  # Wednesday: still within two
    staff.act(who, no, {"action": "transfer", "department": "fire-design-division", "reason": "不属本部门"}, deps)
    r = deps.store.get(no)
    assert (r.lead_departments, r.arrived_on, r.status) == (("fire-design-division",), "2026-12-02", Status.SUBMITTED)
    assert r.respond_by == "2026-12-03"  # the consultation's limit (sample: 1 working day) from the transfer


def test_signing_out_refuses_the_token_from_then_on(deps):
    token = "token-officer.quality-station"
    assert staff.signed_in(token, deps).username == "officer.quality-station"
    staff.sign_out(token, deps)
    with pytest.raises(Unauthorized):
        staff.signed_in(token, deps)
    for bad in (None, "", "token-nobody", "garbage"):
        with pytest.raises(Unauthorized):
            staff.signed_in(bad, deps)


def test_a_queue_of_a_department_the_officer_does_not_serve_is_not_found(deps):
    public.submit(consultation(), deps)
    who = officer(deps, "officer.quality-station")
    for department in ("fire-design-division", "no-such-department"):
        with pytest.raises(NotFound):
            staff.queue(who, department, "new", {}, None, deps)
    assert len(staff.queue(officer(deps, "supervisor"), "quality-station", "new", {}, None, deps).entries) == 1
    assert staff.queue(who, "quality-station", "new", {"ignored": "x"}, None, deps, limit=500).read == 1


def test_the_audit_trail_is_for_supervisors_and_lists_openings_and_steps_in_time_order(deps, clock):
    no = public.submit(consultation(), deps).request.tracking_no
    who, supervisor = officer(deps, "officer.quality-station"), officer(deps, "supervisor")
    staff.open_request(who, no, deps)
    clock.advance(minutes=1)
    staff.act(who, no, {"action": "reject", "reason_code": "duplicate"}, deps)
    clock.advance(minutes=1)
    for someone in (who, officer(deps, "head.quality-station")):
        with pytest.raises(NotFound):
            staff.audit_trail(someone, no, deps)
    request, trail = staff.audit_trail(supervisor, no, deps)
    assert request.tracking_no == no
    assert [(a.officer, a.officer_name, a.action) for a in trail] == [
        ("officer.quality-station", "示例经办人甲·质量站 (sample)", "open"),
        ("officer.quality-station", "示例经办人甲·质量站 (sample)", "reject"),
        ("supervisor", "示例督查员 (sample)", "open")]
    assert trail[1].reason == "与已提交的申请重复" and trail[1].details == {"reason_code": "duplicate", "reason": None}
    assert [a.at for a in trail] == sorted(a.at for a in trail) and all(a.tracking_no == no for a in trail)


def test_a_departments_officers_are_listed_for_its_own_officers_and_supervisors_only(deps):
    names = [o.username for o in staff.officers_of(officer(deps, "officer.quality-station"), "quality-station", deps)]
    assert sorted(names) == ["head.quality-station", "officer.quality-station", "officer2.quality-station"]
    assert staff.officers_of(officer(deps, "supervisor"), "quality-station", deps)
    for department in ("fire-design-division", "nowhere"):
        with pytest.raises(NotFound):
            staff.officers_of(officer(deps, "officer.quality-station"), department, deps)


def test_a_bad_lane_or_two_filters_are_refused_in_both_languages_naming_the_field(deps):
    who = officer(deps, "officer.quality-station")
    with pytest.raises(InvalidRequest) as info:
        staff.queue(who, "quality-station", "nonsense", {"service": "consultation", "district": "hunnan"}, None, deps)
    assert [(e.field, e.message.zh, e.message.en) for e in info.value.errors] == [
        ("lane", "没有这个分类。", "No such lane."),
        ("filter", "一次只能按一项筛选。", "Filter by one thing at a time.")]
    with pytest.raises(InvalidRequest) as info:
        staff.queue(who, "quality-station", "new", {}, "not-a-cursor", deps)
    assert info.value.errors[0].field == "cursor" and "第一页" in info.value.errors[0].message.zh
    page = staff.queue(who, "quality-station", "new", {"service": "consultation", "district": ""}, None, deps)
    assert page.entries == []  # an empty filter is no filter; nothing submitted yet


def test_assigning_someone_already_assigned_or_from_elsewhere_says_why(deps):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    staff.act(who, no, {"action": "accept"}, deps)
    with pytest.raises(InvalidRequest) as info:
        staff.act(who, no, {"action": "assign", "assignee": "officer.fire-design-division"}, deps)
    assert (info.value.errors[0].message.zh, info.value.errors[0].message.en) == (
        "请从本部门的人员中选择。", "Choose an officer of the department.")
    staff.act(who, no, {"action": "assign", "assignee": "officer2.quality-station"}, deps)
    with pytest.raises(InvalidRequest) as info:
        staff.act(officer(deps, "head.quality-station"), no,
                  {"action": "reassign", "assignee": "officer2.quality-station", "reason": "调整"}, deps)
    assert info.value.errors[0].message.en == "This officer is already assigned."
    assert deps.store.get(no).assignee_name == "示例经办人乙·质量站 (sample)"


def test_signed_in_reads_the_officer_from_the_tokens_claims(deps):
    o = staff.signed_in("token-head.quality-station", deps)
    assert (o.username, o.name, o.role, o.departments, o.heads, o.email, o.session) == (
        "head.quality-station", "示例负责人·质量站 (sample)", Role.HEAD, ("quality-station",), ("quality-station",),
        "head.quality-station@staff.example.org", "jti-head.quality-station")
    token, signed = staff.sign_in("officer.quality-station", "right", deps, None)
    assert token == "token-officer.quality-station" and signed.role is Role.OFFICER


def test_the_new_department_of_a_transfer_is_told_as_of_a_new_request_and_the_applicant_where_it_went(deps):
    no = public.submit(consultation(), deps).request.tracking_no
    staff.act(officer(deps, "officer.quality-station"), no,
              {"action": "transfer", "department": "fire-design-division", "reason": "属消防设计审查"}, deps)
    sent = {m.message_id: m for m in deps.store.messages.values() if m.tracking_no == no and "-transfer." in m.message_id}
    assert set(sent) == {"002-transfer.fire-design-division.email", "002-transfer.fire-design-division.sms",
                         "002-transfer.applicant.sms"}
    email = sent["002-transfer.fire-design-division.email"]
    assert "您部门收到一项靠前服务申请" in email.body and "（抄送）" not in email.subject
    assert deps.links.workbench_url(no) in email.body and "key=" not in email.body
    assert "已转由消防建审处办理" in sent["002-transfer.applicant.sms"].body


def test_a_signed_in_officer_keeps_email_and_session_and_each_role_its_label():
    o = from_groups("li", "李工", ["quality-station.officer"], KNOWN, email="li@example.test", session="jti-1")
    assert (o.role, o.heads, o.email, o.session, o.name) == (Role.OFFICER, (), "li@example.test", "jti-1", "李工")
    assert o.serves("quality-station") and not o.serves("fire-design-division")
    viewer = o.viewer()
    assert viewer.departments == {"quality-station"} and viewer.heads == frozenset() and viewer.name == "李工"
    s = from_groups("zhao", "", ["supervisors"], KNOWN, email="z@example.test", session="jti-2")
    assert (s.name, s.email, s.session, s.heads) == ("zhao", "z@example.test", "jti-2", ())
    sv = s.viewer()
    assert (sv.kind, sv.name, sv.username, sv.departments) == ("supervisor", "zhao", "zhao", frozenset())
    twice = from_groups("he", "何", ["quality-station.head", "quality-station.officer"], KNOWN)
    assert twice.departments == ("quality-station",) and twice.heads == ("quality-station",)
    assert [r.label.en for r in Role] == ["Officer", "Department head", "Supervisor (assessment office)"]
    assert [r.label.zh for r in Role] == ["经办人员", "部门负责人", "绩效考核（督查）人员"]
    assert from_groups("x", "x", ["a.b.officer"], ("a.b",)).departments == ("a.b",)  # the last dot splits

"""The workbench's queue against moto: lanes, deadlines, facets and paging read by one index
query each (the entries hold what a page shows), kept true by every step; the audit trail."""
import base64
import json

import pytest

from chalicelib.domain.errors import InvalidRequest, NotFound
from chalicelib.domain.officers import Officer, Role
from chalicelib.service_layer import public, staff
from tests.conftest import consultation

OFFICER = Officer("officer.quality-station", "甲", Role.OFFICER, ("quality-station",))
COLLEAGUE = Officer("officer2.quality-station", "乙", Role.OFFICER, ("quality-station",))
HEAD = Officer("head.quality-station", "负责人", Role.HEAD, ("quality-station",), ("quality-station",))
FIRE = Officer("officer.fire-design-division", "丙", Role.OFFICER, ("fire-design-division",))
SUPERVISOR = Officer("supervisor", "督查", Role.SUPERVISOR)


class Directory:
    """The three people of the quality station (Cognito is tested in test_staff_identity)."""

    def officer(self, username):
        return {o.username: o for o in (OFFICER, COLLEAGUE, HEAD)}.get(username)

    def officers(self, department):
        return [OFFICER, COLLEAGUE, HEAD] if department == "quality-station" else []


@pytest.fixture
def d(moto_deps):
    import dataclasses

    return dataclasses.replace(moto_deps, directory=Directory())


def lane(d, who, name, department="quality-station", **filters):
    page = staff.queue(who, department, name, filters, None, d, limit=50)
    return [e.tracking_no for e in page.entries]


def test_new_requests_page_by_cursor_and_each_page_reads_only_what_it_shows(d):
    numbers = [public.submit(consultation(), d).request.tracking_no for _ in range(5)]
    first = staff.queue(OFFICER, "quality-station", "new", {}, None, d, limit=2)
    assert first.read == len(first.entries) == 2 and first.cursor
    second = staff.queue(OFFICER, "quality-station", "new", {}, first.cursor, d, limit=2)
    third = staff.queue(OFFICER, "quality-station", "new", {}, second.cursor, d, limit=2)
    listed = [e.tracking_no for p in (first, second, third) for e in p.entries]
    assert sorted(listed) == sorted(numbers) and len(set(listed)) == 5
    assert {e.organisation for e in first.entries} == {"沈阳示例建设有限公司"} and first.entries[0].due == "2026-12-01"


def test_a_cursor_that_was_tampered_with_is_refused_and_reaches_no_other_department(d):
    public.submit(consultation(), d)
    public.submit(consultation(), d)
    cursor = staff.queue(OFFICER, "quality-station", "new", {}, None, d, limit=1).cursor
    for bad in ("!!!", base64.urlsafe_b64encode(b"[1, 2]").decode(), cursor + "x"):
        with pytest.raises(InvalidRequest) as info:
            staff.queue(OFFICER, "quality-station", "new", {}, bad, d)
        assert info.value.errors[0].field == "cursor"
    forged = base64.urlsafe_b64encode(json.dumps(["REQ#X", "QUEUE#fire-design-division#all", "new#"]).encode()).decode()
    page = staff.queue(OFFICER, "quality-station", "new", {}, forged, d)
    assert all(e.tracking_no for e in page.entries)  # still the quality station's partition, nothing else


def test_lanes_follow_every_step_and_the_clock_stops_while_awaiting_the_applicant(d, clock):
    no = public.submit(consultation(), d).request.tracking_no
    token = d.links.access_token(no)
    assert lane(d, OFFICER, "new") == [no] and lane(d, OFFICER, "overdue") == lane(d, OFFICER, "due_today") == []
    clock.advance(days=1)  # Tuesday: first contact is due today
    assert lane(d, OFFICER, "due_today") == [no] and lane(d, OFFICER, "overdue") == []
    clock.advance(days=1)  # Wednesday: overdue
    assert lane(d, OFFICER, "overdue") == [no]
    staff.act(OFFICER, no, {"action": "ask_for_info", "items": "施工图纸\n监理合同"}, d)
    assert lane(d, OFFICER, "awaiting_applicant") == [no] and lane(d, OFFICER, "overdue") == []
    clock.advance(days=1)
    public.act_as_applicant(no, token, {"action": "answer", "answer": "已上传图纸和合同"}, d)
    assert d.store.get(no).respond_by == "2026-12-02"  # one working day paused: due a day later
    assert lane(d, OFFICER, "new") == [no] and lane(d, OFFICER, "overdue") == [no]  # still a day late (Thursday)
    assert lane(d, OFFICER, "due_today") == []
    staff.act(OFFICER, no, {"action": "accept"}, d)
    staff.act(OFFICER, no, {"action": "assign", "assignee": COLLEAGUE.username}, d)
    assert lane(d, OFFICER, "in_service") == [no] and lane(d, OFFICER, "in_service", assignee=COLLEAGUE.username) == [no]
    staff.act(HEAD, no, {"action": "reassign", "assignee": OFFICER.username, "reason": "调整分工"}, d)
    assert lane(d, OFFICER, "in_service", assignee=COLLEAGUE.username) == []
    assert lane(d, OFFICER, "in_service", assignee=OFFICER.username) == [no]
    staff.act(OFFICER, no, {"action": "start"}, d)
    staff.act(OFFICER, no, {"action": "complete", "summary": "已现场指导，资料齐全。"}, d)
    assert lane(d, OFFICER, "follow_up") == [] and lane(d, OFFICER, "in_service") == []
    clock.advance(days=6)  # Wednesday after: 4 working days since completion, the follow-up not yet due
    assert lane(d, OFFICER, "follow_up") == []
    clock.advance(days=1)  # 5 working days (the catalog's sample value): due its follow-up (回访)
    assert lane(d, OFFICER, "follow_up") == [no]
    public.act_as_applicant(no, token, {"action": "rate", "level": 1}, d)
    assert lane(d, OFFICER, "poor_rating") == [no] and lane(d, OFFICER, "follow_up") == []
    # the copied district authority sees it in the same lane
    assert lane(d, SUPERVISOR, "poor_rating", department="district-authority-hunnan") == [no]


def test_filters_read_their_own_partition_one_at_a_time(d):
    hunnan = public.submit(consultation(), d).request.tracking_no
    heping = public.submit(consultation(district="heping"), d).request.tracking_no
    assert lane(d, OFFICER, "new", district="heping") == [heping]
    assert sorted(lane(d, OFFICER, "new", service="consultation")) == sorted([hunnan, heping])
    with pytest.raises(InvalidRequest):
        lane(d, OFFICER, "new", district="heping", service="consultation")
    with pytest.raises(InvalidRequest):
        lane(d, OFFICER, "nonsense")


def test_a_transfer_moves_the_request_to_the_new_department_and_restarts_its_clock(d, clock):
    no = public.submit(consultation(), d).request.tracking_no
    clock.advance(days=1)
    staff.act(OFFICER, no, {"action": "transfer", "department": "fire-design-division", "reason": "属消防设计"}, d)
    assert lane(d, OFFICER, "new") == [] and lane(d, FIRE, "new", department="fire-design-division") == [no]
    r = d.store.get(no)
    assert r.lead_departments == ("fire-design-division",) and r.respond_by == "2026-12-02"
    with pytest.raises(NotFound):
        staff.open_request(OFFICER, no, d)
    ids = {m for (n, m) in d.store.due_messages(clock.now(), 50) if n == no}
    assert {"002-transfer.fire-design-division.email", "002-transfer.fire-design-division.sms"} <= ids


def test_an_officer_reaches_only_their_departments_and_a_supervisor_reads_every_one(d):
    no = public.submit(consultation(), d).request.tracking_no
    for call in (lambda: staff.queue(FIRE, "quality-station", "new", {}, None, d),
                 lambda: staff.officers_of(FIRE, "quality-station", d), lambda: staff.open_request(FIRE, no, d),
                 lambda: staff.act(FIRE, no, {"action": "accept"}, d), lambda: staff.audit_trail(OFFICER, no, d)):
        with pytest.raises(NotFound):
            call()
    assert lane(d, SUPERVISOR, "new") == [no]


def test_every_opening_and_every_step_is_on_the_audit_trail(d, clock):
    no = public.submit(consultation(), d).request.tracking_no
    staff.open_request(OFFICER, no, d)
    clock.advance(minutes=5)
    staff.act(OFFICER, no, {"action": "reject", "reason_code": "duplicate"}, d)
    clock.advance(minutes=5)
    _, trail = staff.audit_trail(SUPERVISOR, no, d)
    assert [(a.officer, a.action) for a in trail] == [
        ("officer.quality-station", "open"), ("officer.quality-station", "reject"), ("supervisor", "open")]

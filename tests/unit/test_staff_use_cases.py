"""The staff use cases' edges over fakes: sign-in's own limit, sign-out's expiry, what a queue
page asks the store for, the exact refusals of a page cursor, an assignment and a transfer,
the date check of a service record, and the audit trail of steps without a name."""
import dataclasses
from datetime import datetime, timezone

import pytest

from chalicelib.domain.errors import InvalidRequest, NotFound
from chalicelib.domain.limits import Count, Limited
from chalicelib.service_layer import public, staff
from chalicelib.service_layer.staff_ports import SignInFailed
from tests.conftest import consultation, officer


def test_wrong_passwords_count_against_sign_in_alone_and_then_every_try_waits(deps):
    now = deps.clock.now()
    sign_ins = Count(deps.limits.secret, deps.links.pseudonym("sign-in", "198.51.100.7"), now)
    lookups = Count(deps.limits.secret, deps.links.pseudonym("secret", "198.51.100.7"), now)
    for _ in range(deps.limits.secret.most):
        with pytest.raises(SignInFailed):
            staff.sign_in("officer.quality-station", "wrong", deps, "198.51.100.7")
    assert deps.store.counted(sign_ins) == deps.limits.secret.most and deps.store.counted(lookups) == 0
    with pytest.raises(Limited) as info:
        staff.sign_in("officer.quality-station", "right", deps, "198.51.100.7")
    assert info.value.retry_after == deps.limits.secret.retry_after(now) and info.value.retry_after > 0
    token, _ = staff.sign_in("officer.quality-station", "right", deps, "203.0.113.9")  # another client
    assert token == "token-officer.quality-station"


def test_signing_out_keeps_the_session_refused_until_the_token_would_expire(deps, monkeypatch):
    revoked = []
    monkeypatch.setattr(deps.staff_store, "revoke", lambda session, until: revoked.append((session, until)))
    staff.sign_out("token-officer.quality-station", deps)
    assert revoked == [("jti-officer.quality-station", datetime(2100, 1, 1, tzinfo=timezone.utc))]
    assert revoked[0][1].tzinfo is timezone.utc


def test_a_queue_page_asks_the_store_for_todays_date_and_one_to_fifty_entries(deps, monkeypatch):
    asked = []
    monkeypatch.setattr(deps.staff_store, "queue", lambda *args: asked.append(args) or "page")
    who = officer(deps, "officer.quality-station")
    for limit in (0, 1, 20, 50, 51, 500):
        assert staff.queue(who, "quality-station", "new", {"service": "consultation"}, "c", deps, limit=limit) == "page"
    assert [a[4] for a in asked] == [1, 1, 20, 50, 50, 50]
    assert asked[0][:4] == ("quality-station", "service=consultation", "new", "2026-11-30") and asked[0][5] == "c"
    deps.clock.advance(hours=16)  # 18:00 UTC is already the next day in Shenyang
    staff.queue(who, "quality-station", "new", {}, None, deps)
    assert asked[-1][1:4] == ("all", "new", "2026-12-01")


def test_a_bad_cursor_says_so_in_both_languages(deps):
    with pytest.raises(InvalidRequest) as info:
        staff.queue(officer(deps, "officer.quality-station"), "quality-station", "new", {}, "x", deps)
    (error,) = info.value.errors
    assert (error.field, error.message.zh, error.message.en) == (
        "cursor", "翻页参数无效，请从第一页开始。", "The page cursor is not valid; start from the first page.")


@pytest.mark.parametrize("number", ["SY261130-NOSUCHREQU", "x", ""])
def test_acting_on_an_unknown_or_implausible_number_is_not_found(deps, number):
    with pytest.raises(NotFound):
        staff.act(officer(deps, "officer.quality-station"), number, {"action": "accept"}, deps)


def test_a_service_record_may_not_be_dated_after_today_in_shenyang(deps):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    staff.act(who, no, {"action": "accept"}, deps)
    record = {"action": "record", "kind": "phone-answer", "minutes": 15, "notes": "电话解答了验收资料问题"}
    with pytest.raises(InvalidRequest) as info:
        staff.act(who, no, record | {"date": "2026-12-01"}, deps)
    assert [(e.field, e.message.en) for e in info.value.errors] == [
        ("date", "The date of the service cannot be after today.")]
    after = staff.act(who, no, record | {"date": "2026-11-30", "visible": True}, deps)
    (step,) = [e for e in after.timeline if e.action == "record"]
    assert (step.note_zh, step.note_en) == ("电话解答", "Phone answer")
    assert step.details == {"kind": "phone-answer", "date": "2026-11-30", "minutes": 15,
                            "notes": "电话解答了验收资料问题", "visible": True}


def test_assignment_and_transfer_refusals_name_their_field_in_both_languages(deps):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    with pytest.raises(InvalidRequest) as info:
        staff.act(who, no, {"action": "transfer", "department": "quality-station", "reason": "不属本部门"}, deps)
    assert [(e.field, e.message.zh, e.message.en) for e in info.value.errors] == [
        ("department", "请选择另一个部门。", "Choose another department.")]
    staff.act(who, no, {"action": "accept"}, deps)
    staff.act(who, no, {"action": "assign", "assignee": "officer.quality-station"}, deps)
    with pytest.raises(InvalidRequest) as info:
        staff.act(officer(deps, "head.quality-station"), no,
                  {"action": "reassign", "assignee": "officer.quality-station", "reason": "调整"}, deps)
    assert [(e.field, e.message.zh, e.message.en) for e in info.value.errors] == [
        ("assignee", "该人员已是本申请的服务人员。", "This officer is already assigned.")]


def test_without_a_directory_nobody_can_be_assigned_and_no_officers_are_listed(deps):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    staff.act(who, no, {"action": "accept"}, deps)
    bare = dataclasses.replace(deps, directory=None)
    with pytest.raises(InvalidRequest) as info:
        staff.act(who, no, {"action": "assign", "assignee": "officer2.quality-station"}, bare)
    assert info.value.errors[0].field == "assignee"
    assert staff.officers_of(who, "quality-station", bare) == []
    with pytest.raises(SignInFailed):
        staff.sign_in("officer.quality-station", "right", bare, None)


def test_the_audit_trail_shows_a_step_without_a_name_as_blank_and_leaves_out_the_systems(deps):
    request = public.submit(consultation(), deps).request
    supervisor = officer(deps, "supervisor")
    step = dataclasses.replace(request.timeline[0], by="someone", by_name=None, action="accept")
    deps.store.requests[request.tracking_no] = dataclasses.replace(request, timeline=(*request.timeline, step))
    _, trail = staff.audit_trail(supervisor, request.tracking_no, deps)
    assert [(a.officer, a.officer_name, a.action) for a in trail] == [
        ("someone", "", "accept"), ("supervisor", "示例督查员 (sample)", "open")]

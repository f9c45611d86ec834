"""After submission, through the use cases: department actions, withdrawal, rating and the
follow-up of a poor rating; the actions each viewer is offered; races between two writers."""
import pytest

from chalicelib.api import presenters
from chalicelib.domain.errors import InvalidRequest, NotAllowedNow, NotFound
from chalicelib.domain.outbox import Channel
from chalicelib.service_layer import public, staff
from tests.conftest import consultation, officer


OFFICER, COLLEAGUE = "officer.quality-station", "officer2.quality-station"
COLLEAGUE_NAME = "示例经办人乙·质量站 (sample)"


@pytest.fixture
def submitted(deps):
    """A consultation: its number, the applicant's token and the lead department's officer (the
    department's email links to the workbench, and the link holds no secret)."""
    request = public.submit(consultation(), deps).request
    email = deps.store.messages[(request.tracking_no, "001-submitted.quality-station.email")]
    assert deps.links.workbench_url(request.tracking_no) in email.body and "key=" not in email.body
    return request.tracking_no, deps.links.access_token(request.tracking_no), OFFICER


def act(deps, no, who, **body):
    return staff.act(officer(deps, who), no, body, deps)


def applicant(deps, no, token, **body):
    return public.act_as_applicant(no, token, body, deps)


def view(deps, no, token):
    return presenters.status(*public.open_as_applicant(no, token, deps), deps.catalog)


def as_staff(deps, no, who):
    o = officer(deps, who)
    return presenters.status(staff.open_request(o, no, deps), o.viewer(), deps.catalog)


def offered(deps, no, token=None, key=None):
    if token:
        return [a["id"] for a in presenters.status(*public.open_as_applicant(no, token, deps), deps.catalog)["actions"]]
    return [a["id"] for a in as_staff(deps, no, key)["actions"]]


def serve_to_completion(deps, no, key):
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee=COLLEAGUE)
    act(deps, no, key, action="start")
    act(deps, no, key, action="complete", summary="已现场解答全部问题。")


def test_the_department_moves_the_request_and_the_applicant_sees_the_assignee(deps, submitted):
    no, token, key = submitted
    serve_to_completion(deps, no, key)
    v = view(deps, no, token)
    assert v["status"]["id"] == "completed" and v["assignee"] == COLLEAGUE_NAME and [a["id"] for a in v["actions"]] == ["rate"]
    assert [e["status"] for e in v["timeline"]] == ["submitted", "accepted", "assigned", "in_service", "completed"]
    assert [e["action"] for e in v["timeline"]] == ["submit", "accept", "assign", "start", "complete"]
    sms = [m.body for m in deps.store.messages.values() if m.audience == "applicant" and m.channel is Channel.SMS]
    assert any(COLLEAGUE_NAME in body for body in sms) and any("已办结" in body for body in sms)


def test_each_viewer_is_offered_exactly_what_the_table_allows_now(deps, submitted):
    no, token, key = submitted
    head = "head.quality-station"
    assert offered(deps, no, token=token) == ["withdraw"]
    assert offered(deps, no, key=key) == ["accept", "reject", "transfer", "ask_for_info"]
    act(deps, no, key, action="accept")
    assert offered(deps, no, token=token) == ["withdraw"]
    assert offered(deps, no, key=key) == ["transfer", "ask_for_info", "assign", "record", "issue_notice"]
    act(deps, no, key, action="assign", assignee=COLLEAGUE)
    assert offered(deps, no, token=token) == [] and offered(deps, no, key=key) == [
        "ask_for_info", "start", "record", "issue_notice"]
    assert offered(deps, no, key=head) == ["ask_for_info", "reassign", "start", "record", "issue_notice"]
    act(deps, no, key, action="start")
    act(deps, no, key, action="complete", summary="已现场解答全部问题。")
    assert offered(deps, no, token=token) == ["rate"] and offered(deps, no, key=key) == ["record"]


def test_the_viewer_sees_their_part_and_only_staff_see_the_window(deps, submitted):
    no, token, key = submitted
    as_applicant = view(deps, no, token)
    as_department = as_staff(deps, no, key)
    assert as_applicant["viewer"] == "applicant" and as_department["viewer"] == "lead"
    assert as_applicant["window"] is None


def test_the_date_of_first_contact_is_shown_only_while_it_is_awaited(deps, submitted):
    no, token, key = submitted
    assert view(deps, no, token)["respond_by"] == "2026-12-01"  # Monday 30 Nov + 1 working day
    act(deps, no, key, action="accept")
    assert view(deps, no, token)["respond_by"] == "2026-12-01"
    act(deps, no, key, action="assign", assignee=COLLEAGUE)
    assert view(deps, no, token)["respond_by"] is None


def test_an_officer_of_another_department_finds_nothing_as_if_it_did_not_exist(deps, submitted):
    no, _, _ = submitted
    for who in ("officer.fire-design-division", "head.fire-design-division"):
        with pytest.raises(NotFound):
            act(deps, no, who, action="accept")
        with pytest.raises(NotFound):
            staff.open_request(officer(deps, who), no, deps)
    with pytest.raises(NotFound):
        staff.open_request(officer(deps, "officer.quality-station"), "SY261130-ZZZZZZZZZZ", deps)
    assert deps.store.get(no).status.value == "submitted"


def test_a_copied_district_reads_the_request_and_acts_on_none_and_a_supervisor_reads_all(deps, submitted):
    no, _, _ = submitted
    assert offered(deps, no, key="officer.district-authority-hunnan") == []
    assert as_staff(deps, no, "officer.district-authority-hunnan")["viewer"] == "copied"
    assert offered(deps, no, key="supervisor") == [] and as_staff(deps, no, "supervisor")["viewer"] == "supervisor"
    with pytest.raises(NotAllowedNow):
        act(deps, no, "supervisor", action="accept")
    with pytest.raises(NotAllowedNow):
        act(deps, no, "officer.district-authority-hunnan", action="accept")


def test_the_department_key_cannot_act_for_the_applicant(deps, submitted):
    no, _, key = submitted
    with pytest.raises(NotAllowedNow):
        act(deps, no, key, action="withdraw")
    with pytest.raises(NotFound):
        applicant(deps, no, key, action="withdraw")


def test_the_applicant_cannot_take_a_department_step(deps, submitted):
    no, token, _ = submitted
    with pytest.raises(NotAllowedNow):
        applicant(deps, no, token, action="accept")
    assert deps.store.get(no).status.value == "submitted"


def test_first_contact_responsibility_keeps_the_first_assignee(deps, submitted):
    no, _, key = submitted
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee=COLLEAGUE)
    with pytest.raises(NotAllowedNow):
        act(deps, no, key, action="assign", assignee="head.quality-station")
    with pytest.raises(NotAllowedNow):  # an officer cannot reassign; their head can, with a reason
        act(deps, no, key, action="reassign", assignee="head.quality-station", reason="工作调整")
    assert deps.store.get(no).assignee == COLLEAGUE
    act(deps, no, "head.quality-station", action="reassign", assignee=OFFICER, reason="工作调整")
    r = deps.store.get(no)
    assert (r.assignee, r.status.value, r.timeline[-1].note_zh) == (OFFICER, "assigned", "工作调整")


def test_only_an_officer_of_the_lead_department_can_be_assigned(deps, submitted):
    no, _, key = submitted
    act(deps, no, key, action="accept")
    for stranger in ("officer.fire-design-division", "supervisor", "nobody"):
        with pytest.raises(InvalidRequest) as info:
            act(deps, no, key, action="assign", assignee=stranger)
        assert info.value.errors[0].field == "assignee"
    assert deps.store.get(no).status.value == "accepted"


def test_withdrawal_is_possible_until_service_starts_and_tells_the_department(deps, submitted):
    no, token, key = submitted
    act(deps, no, key, action="accept")
    after, _ = applicant(deps, no, token, action="withdraw")
    assert after.status.value == "withdrawn" and deps.store.get(no).status.value == "withdrawn"
    assert "004-withdraw.quality-station.email" not in {m.message_id for m in deps.store.messages.values()}
    assert "003-withdraw.quality-station.email" in {m.message_id for m in deps.store.messages.values()}
    with pytest.raises(NotAllowedNow):
        applicant(deps, no, token, action="withdraw")


def test_withdrawal_is_refused_once_assigned(deps, submitted):
    no, token, key = submitted
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee=COLLEAGUE)
    with pytest.raises(NotAllowedNow):
        applicant(deps, no, token, action="withdraw")


def test_rating_only_once_completed_and_a_poor_rating_opens_a_follow_up(deps, submitted):
    no, token, key = submitted
    with pytest.raises(NotAllowedNow):
        applicant(deps, no, token, action="rate", level=5)
    serve_to_completion(deps, no, key)
    applicant(deps, no, token, action="rate", level=2, comment="回复太慢")
    assert view(deps, no, token)["rating"] == {"level": 2, "label": {"zh": "不满意", "en": "Dissatisfied"}}
    follow_up = {m.message_id: m for m in deps.store.messages.values() if "-rate." in m.message_id}
    assert set(follow_up) == {"006-rate.quality-station.email", "006-rate.quality-station.sms"}
    assert "回复太慢" in follow_up["006-rate.quality-station.email"].body
    assert "差评回访任务" in follow_up["006-rate.quality-station.email"].subject


def test_a_good_rating_notifies_nobody(deps, submitted):
    no, token, key = submitted
    serve_to_completion(deps, no, key)
    before = len(deps.store.messages)
    applicant(deps, no, token, action="rate", level=3)
    assert len(deps.store.messages) == before


@pytest.mark.parametrize("body, field", [({"level": 6}, "level"), ({"level": 3, "extra": 1}, "extra"),
                                         ({}, "level"), ({"level": 0}, "level")])
def test_bad_ratings_are_refused(deps, submitted, body, field):
    no, token, key = submitted
    serve_to_completion(deps, no, key)
    with pytest.raises(InvalidRequest) as info:
        applicant(deps, no, token, action="rate", **body)
    assert info.value.errors[0].field == field
    assert deps.store.get(no).status.value == "completed"


@pytest.mark.parametrize("body, field", [({"action": "explode"}, "action"), ({}, "action"), ([], "body")])
def test_unknown_actions_are_refused_naming_the_field(deps, submitted, body, field):
    no, _, key = submitted
    with pytest.raises(InvalidRequest) as info:
        staff.act(officer(deps, key), no, body, deps)
    assert info.value.errors[0].field == field


def test_rejecting_needs_a_reason_and_tells_the_applicant(deps, submitted):
    no, _, key = submitted
    with pytest.raises(InvalidRequest) as info:
        act(deps, no, key, action="reject")
    assert info.value.errors[0].field == "reason_code"
    with pytest.raises(InvalidRequest) as info:
        act(deps, no, key, action="reject", reason_code="other")
    assert info.value.errors[0].field == "reason"
    act(deps, no, key, action="reject", reason_code="other", reason="不属于靠前服务范围")
    sms = deps.store.messages[(no, "002-reject.applicant.sms")]
    assert "不属于靠前服务范围" in sms.body
    assert deps.store.get(no).timeline[-1].note_zh == "其他原因（请说明）：不属于靠前服务范围"


def test_a_lost_race_is_judged_again_against_the_state_that_won(deps, submitted):
    """The applicant read `submitted`; the department accepted before the withdrawal landed. The
    withdrawal is judged again on `accepted` (still allowed), and the timeline keeps write order."""
    no, token, key = submitted
    request, viewer = public.open_as_applicant(no, token, deps)
    act(deps, no, key, action="accept")
    from chalicelib.domain.actions import WithdrawIn
    from chalicelib.service_layer.steps import take_step

    after = take_step(request, WithdrawIn(action="withdraw"), viewer, deps, deps.store.get)
    assert after.status.value == "withdrawn"
    assert [e.status.value for e in deps.store.get(no).timeline] == ["submitted", "accepted", "withdrawn"]


def test_a_lost_race_that_the_table_no_longer_allows_is_refused_and_writes_nothing(deps, submitted):
    no, token, key = submitted
    request, viewer = public.open_as_applicant(no, token, deps)
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee=COLLEAGUE)
    writes = deps.store.writes
    from chalicelib.domain.actions import WithdrawIn
    from chalicelib.service_layer.steps import take_step

    with pytest.raises(NotAllowedNow):
        take_step(request, WithdrawIn(action="withdraw"), viewer, deps, deps.store.get)
    assert deps.store.writes == writes and deps.store.get(no).status.value == "assigned"


def test_the_window_a_request_came_through_is_shown_to_staff_only(deps):
    import dataclasses

    from chalicelib.domain import window_links

    deps = dataclasses.replace(deps, window_link_key=b"window-key")
    signature = window_links.sign(b"window-key", "permit-window", "construction-permit")
    request = public.submit(consultation(window="permit-window", window_key=signature), deps).request
    no = request.tracking_no
    as_applicant = view(deps, no, deps.links.access_token(no))
    as_department = as_staff(deps, no, "officer.quality-station")
    assert as_applicant["window"] is None and as_department["window"] == "permit-window"


def test_a_service_that_is_not_a_string_is_refused_not_a_crash(deps):
    with pytest.raises(InvalidRequest) as info:
        public.submit({"service": ["consultation"]}, deps)
    assert info.value.errors[0].field == "service"


def test_an_unknown_or_implausible_number_opens_nothing_for_an_officer(deps, submitted):
    _, _, key = submitted
    looked = []
    real = deps.store.get
    deps.store.get = lambda no: (looked.append(no), real(no))[1]
    for no in ("SY261130-ZZZZZZZZZZ", "short", "x" * 41):
        with pytest.raises(NotFound):
            staff.open_request(officer(deps, key), no, deps)
    assert looked == ["SY261130-ZZZZZZZZZZ"] and deps.staff_store.entries == []


@pytest.mark.parametrize("who", ["applicant", "department"])
def test_a_write_that_lost_a_race_is_judged_again_through_the_use_case(deps, submitted, who):
    """Another write lands between the use case's read and its write; it reads again and
    re-judges (accept then still allows withdraw; the department's accept is refused)."""
    no, token, key = submitted
    real = deps.store.transition
    raced = []

    def transition(change, messages):
        if not raced:
            raced.append(1)
            deps.store.transition = real
            if who == "applicant":
                staff.act(officer(deps, key), no, {"action": "accept"}, deps)
            else:
                public.act_as_applicant(no, token, {"action": "withdraw"}, deps)
            deps.store.transition = transition
        return real(change, messages)
    deps.store.transition = transition
    if who == "applicant":
        after, _ = applicant(deps, no, token, action="withdraw")
        assert [e.status.value for e in after.timeline] == ["submitted", "accepted", "withdrawn"]
    else:
        with pytest.raises(NotAllowedNow):
            act(deps, no, key, action="accept")
        assert deps.store.get(no).status.value == "withdrawn"

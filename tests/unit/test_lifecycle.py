"""After submission, through the use cases: department actions, withdrawal, rating and the
follow-up of a poor rating; the actions each viewer is offered; races between two writers."""
import pytest

from chalicelib.api import presenters
from chalicelib.domain.errors import InvalidRequest, NotAllowedNow, NotFound
from chalicelib.domain.outbox import Channel
from chalicelib.service_layer import public, staff
from tests.conftest import consultation


@pytest.fixture
def submitted(deps):
    """A consultation: its number, the applicant's token and the department key of its email link."""
    request = public.submit(consultation(), deps).request
    email = deps.store.messages[(request.tracking_no, "001-submitted.quality-station.email")]
    key = email.body.split("&key=")[1].split()[0]
    assert key == deps.links.staff_key(request.tracking_no)
    return request.tracking_no, deps.links.access_token(request.tracking_no), key


def act(deps, no, key, **body):
    return staff.act_as_department(no, key, body, deps)


def applicant(deps, no, token, **body):
    return public.act_as_applicant(no, token, body, deps)


def view(deps, no, token):
    return presenters.status(*public.open_as_applicant(no, token, deps), deps.catalog)


def offered(deps, no, token=None, key=None):
    opened = public.open_as_applicant(no, token, deps) if token else staff.open_as_department(no, key, deps)
    return [a["id"] for a in presenters.status(*opened, deps.catalog)["actions"]]


def serve_to_completion(deps, no, key):
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee="李工")
    act(deps, no, key, action="start")
    act(deps, no, key, action="complete")


def test_the_department_moves_the_request_and_the_applicant_sees_the_assignee(deps, submitted):
    no, token, key = submitted
    serve_to_completion(deps, no, key)
    v = view(deps, no, token)
    assert v["status"]["id"] == "completed" and v["assignee"] == "李工" and [a["id"] for a in v["actions"]] == ["rate"]
    assert [e["status"] for e in v["timeline"]] == ["submitted", "accepted", "assigned", "in_service", "completed"]
    assert [e["action"] for e in v["timeline"]] == ["submit", "accept", "assign", "start", "complete"]
    sms = [m.body for m in deps.store.messages.values() if m.audience == "applicant" and m.channel is Channel.SMS]
    assert any("李工" in body for body in sms) and any("已办结" in body for body in sms)


def test_each_viewer_is_offered_exactly_what_the_table_allows_now(deps, submitted):
    no, token, key = submitted
    assert offered(deps, no, token=token) == ["withdraw"]
    assert offered(deps, no, key=key) == ["accept", "reject"]
    act(deps, no, key, action="accept")
    assert offered(deps, no, token=token) == ["withdraw"] and offered(deps, no, key=key) == ["assign"]
    act(deps, no, key, action="assign", assignee="李工")
    assert offered(deps, no, token=token) == [] and offered(deps, no, key=key) == ["start"]
    act(deps, no, key, action="start")
    act(deps, no, key, action="complete")
    assert offered(deps, no, token=token) == ["rate"] and offered(deps, no, key=key) == []


def test_the_viewer_sees_their_part_and_only_staff_see_the_window(deps, submitted):
    no, token, key = submitted
    as_applicant = view(deps, no, token)
    as_department = presenters.status(*staff.open_as_department(no, key, deps), deps.catalog)
    assert as_applicant["viewer"] == "applicant" and as_department["viewer"] == "lead"
    assert as_applicant["window"] is None


def test_the_date_of_first_contact_is_shown_only_while_it_is_awaited(deps, submitted):
    no, token, key = submitted
    assert view(deps, no, token)["respond_by"] == "2026-12-01"  # Monday 30 Nov + 1 working day
    act(deps, no, key, action="accept")
    assert view(deps, no, token)["respond_by"] == "2026-12-01"
    act(deps, no, key, action="assign", assignee="李工")
    assert view(deps, no, token)["respond_by"] is None


def test_the_applicant_token_cannot_act_for_the_department(deps, submitted):
    no, token, _ = submitted
    with pytest.raises(NotFound):
        act(deps, no, token, action="accept")


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
    act(deps, no, key, action="assign", assignee="李工")
    with pytest.raises(NotAllowedNow):
        act(deps, no, key, action="assign", assignee="王工")
    assert deps.store.get(no).assignee == "李工"


def test_withdrawal_is_possible_until_service_starts_and_tells_the_department(deps, submitted):
    no, token, key = submitted
    act(deps, no, key, action="accept")
    after, _ = applicant(deps, no, token, action="withdraw")
    assert after.status.value == "withdrawn" and deps.store.get(no).status.value == "withdrawn"
    assert "004-withdrawn.quality-station.email" not in {m.message_id for m in deps.store.messages.values()}
    assert "003-withdrawn.quality-station.email" in {m.message_id for m in deps.store.messages.values()}
    with pytest.raises(NotAllowedNow):
        applicant(deps, no, token, action="withdraw")


def test_withdrawal_is_refused_once_assigned(deps, submitted):
    no, token, key = submitted
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee="李工")
    with pytest.raises(NotAllowedNow):
        applicant(deps, no, token, action="withdraw")


def test_rating_only_once_completed_and_a_poor_rating_opens_a_follow_up(deps, submitted):
    no, token, key = submitted
    with pytest.raises(NotAllowedNow):
        applicant(deps, no, token, action="rate", level=5)
    serve_to_completion(deps, no, key)
    applicant(deps, no, token, action="rate", level=2, comment="回复太慢")
    assert view(deps, no, token)["rating"] == {"level": 2, "label": {"zh": "不满意", "en": "Dissatisfied"}}
    follow_up = {m.message_id: m for m in deps.store.messages.values() if "-rated." in m.message_id}
    assert set(follow_up) == {"006-rated.quality-station.email", "006-rated.quality-station.sms"}
    assert "回复太慢" in follow_up["006-rated.quality-station.email"].body
    assert "差评回访任务" in follow_up["006-rated.quality-station.email"].subject


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
        staff.act_as_department(no, key, body, deps)
    assert info.value.errors[0].field == field


def test_rejecting_needs_a_reason_and_tells_the_applicant(deps, submitted):
    no, _, key = submitted
    with pytest.raises(InvalidRequest) as info:
        act(deps, no, key, action="reject")
    assert info.value.errors[0].field == "reason"
    act(deps, no, key, action="reject", reason="不属于靠前服务范围")
    sms = deps.store.messages[(no, "002-rejected.applicant.sms")]
    assert "不属于靠前服务范围" in sms.body
    assert deps.store.get(no).timeline[-1].note_zh == "不属于靠前服务范围"


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
    act(deps, no, key, action="assign", assignee="李工")
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
    as_department = presenters.status(*staff.open_as_department(no, deps.links.staff_key(no), deps), deps.catalog)
    assert as_applicant["window"] is None and as_department["window"] == "permit-window"


def test_a_service_that_is_not_a_string_is_refused_not_a_crash(deps):
    with pytest.raises(InvalidRequest) as info:
        public.submit({"service": ["consultation"]}, deps)
    assert info.value.errors[0].field == "service"


def test_the_department_key_of_an_unknown_or_implausible_number_opens_nothing(deps, submitted):
    _, _, key = submitted
    looked = []
    real = deps.store.secret_hashes
    deps.store.secret_hashes = lambda no: (looked.append(no), real(no))[1]
    for no in ("SY261130-ZZZZZZZZZZ", "short", "x" * 41):
        with pytest.raises(NotFound):
            staff.open_as_department(no, key, deps)
    assert looked == ["SY261130-ZZZZZZZZZZ"]


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
            competing = (staff.act_as_department if who == "applicant" else public.act_as_applicant)
            deps.store.transition = real
            competing(no, key if who == "applicant" else token,
                      {"action": "accept"} if who == "applicant" else {"action": "withdraw"}, deps)
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

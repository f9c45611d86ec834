"""After submission: department actions, withdrawal, rating and the follow-up of a poor rating."""
import pytest

from chalicelib.domain.errors import InvalidRequest
from chalicelib.domain.model import Channel
from chalicelib.service_layer import lifecycle
from chalicelib.service_layer.errors import NotAllowedNow
from chalicelib.service_layer.lookup import NotFound, status_view
from chalicelib.service_layer.submit import submit
from tests.conftest import consultation


@pytest.fixture
def submitted(deps):
    """A consultation plus the department key read from its staff link."""
    out = submit(consultation(), deps)
    email = next(m for m in deps.store.messages.values() if m.message_id == "submitted.quality-station.email")
    key = email.body.split("&key=")[1].split()[0]
    return out["tracking_no"], out["access_token"], key


def act(deps, no, key, **body):
    lifecycle.department_action(no, key, body, deps)


def serve_to_completion(deps, no, key):
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee="李工")
    act(deps, no, key, action="start")
    act(deps, no, key, action="complete")


def test_the_department_moves_the_request_and_the_applicant_sees_the_assignee(deps, submitted, catalog):
    no, token, key = submitted
    serve_to_completion(deps, no, key)
    view = status_view(no, token, deps.store, catalog)
    assert view["status"]["id"] == "completed" and view["assignee"] == "李工" and view["can_rate"]
    assert [e["status"] for e in view["timeline"]] == ["submitted", "accepted", "assigned", "in_service", "completed"]
    sms = [m.body for m in deps.store.messages.values() if m.audience == "applicant" and m.channel is Channel.SMS]
    assert any("李工" in body for body in sms) and any("已办结" in body for body in sms)


def test_the_applicant_token_cannot_act_for_the_department(deps, submitted):
    no, token, _ = submitted
    with pytest.raises(NotFound):
        act(deps, no, token, action="accept")


def test_first_contact_responsibility_keeps_the_first_assignee(deps, submitted):
    no, _, key = submitted
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee="李工")
    with pytest.raises(NotAllowedNow):
        act(deps, no, key, action="assign", assignee="王工")


def test_withdrawal_is_possible_until_service_starts_and_tells_the_department(deps, submitted):
    no, token, key = submitted
    act(deps, no, key, action="accept")
    lifecycle.withdraw(no, token, deps)
    assert deps.store.get(no).status.value == "withdrawn"
    assert "submitted" != deps.store.get(no).status.value
    assert ("withdrawn.quality-station.email" in {m.message_id for m in deps.store.messages.values()})
    with pytest.raises(NotAllowedNow):
        lifecycle.withdraw(no, token, deps)


def test_withdrawal_is_refused_once_assigned(deps, submitted):
    no, token, key = submitted
    act(deps, no, key, action="accept")
    act(deps, no, key, action="assign", assignee="李工")
    with pytest.raises(NotAllowedNow):
        lifecycle.withdraw(no, token, deps)


def test_rating_only_once_completed_and_a_poor_rating_opens_a_follow_up(deps, submitted, catalog):
    no, token, key = submitted
    with pytest.raises(NotAllowedNow):
        lifecycle.rate(no, token, {"level": 5}, deps)
    serve_to_completion(deps, no, key)
    lifecycle.rate(no, token, {"level": 2, "comment": "回复太慢"}, deps)
    view = status_view(no, token, deps.store, catalog)
    assert view["rating"] == {"level": 2, "label": {"zh": "不满意", "en": "Dissatisfied"}}
    follow_up = {m.message_id: m for m in deps.store.messages.values() if m.message_id.startswith("follow-up.")}
    assert set(follow_up) == {"follow-up.quality-station.email", "follow-up.quality-station.sms"}
    assert "回复太慢" in follow_up["follow-up.quality-station.email"].body


def test_a_good_rating_notifies_nobody(deps, submitted):
    no, token, key = submitted
    serve_to_completion(deps, no, key)
    before = len(deps.store.messages)
    lifecycle.rate(no, token, {"level": 5}, deps)
    assert len(deps.store.messages) == before


@pytest.mark.parametrize("body, field", [({"level": 6}, "level"), ({"level": 3, "extra": 1}, "extra"),
                                         ({}, "level")])
def test_bad_ratings_are_refused(deps, submitted, body, field):
    no, token, key = submitted
    serve_to_completion(deps, no, key)
    with pytest.raises(InvalidRequest) as info:
        lifecycle.rate(no, token, body, deps)
    assert info.value.errors[0].field == field


def test_rejecting_needs_a_reason_and_tells_the_applicant(deps, submitted):
    no, _, key = submitted
    with pytest.raises(InvalidRequest):
        act(deps, no, key, action="reject")
    act(deps, no, key, action="reject", reason="不属于靠前服务范围")
    sms = deps.store.messages[(no, "rejected.applicant.sms")]
    assert "不属于靠前服务范围" in sms.body

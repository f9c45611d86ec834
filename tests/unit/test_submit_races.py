"""A submission when the table answers badly, over fakes: a reply lost after the write is
answered with the request that was stored (never a second one), a number another request holds
is drawn again, an outcome nobody can tell is Unconfirmed; and the limits one client and one
mobile share across requests and training registrations."""
import pytest

from chalicelib.domain import intake
from chalicelib.domain.errors import NotFound
from chalicelib.domain.limits import Count
from chalicelib.service_layer import public, trainings
from chalicelib.service_layer.ports import Conflict, Unavailable
from chalicelib.service_layer.public import Unconfirmed, act_as_applicant, submit
from tests.conftest import consultation
from tests.unit.test_trainings_api import SESSION, registration


def _lose_reply(monkeypatch, store, error, write=True):
    """The store's next `add` writes (when `write`) and then answers `error`, as a lost reply."""
    real, once = store.add, [error]

    def add(*args, **kwargs):
        if once:
            if write:
                real(*args, **kwargs)
            raise once.pop()
        return real(*args, **kwargs)
    monkeypatch.setattr(store, "add", add)


@pytest.mark.parametrize("error", [Unavailable("read timeout"), Conflict("the SDK's retry met our own write")])
def test_a_lost_reply_is_answered_with_the_request_that_was_stored(deps, store, monkeypatch, error):
    _lose_reply(monkeypatch, store, error)
    done = submit(consultation(), deps)
    assert list(store.requests) == [done.request.tracking_no] and not done.replayed
    assert store.requests[done.request.tracking_no] == done.request


def test_a_refusal_that_stored_nothing_is_said_and_an_outcome_nobody_can_tell_is_unconfirmed(deps, store, monkeypatch):
    _lose_reply(monkeypatch, store, Unavailable("throttled"), write=False)
    with pytest.raises(Unavailable):
        submit(consultation(), deps)
    assert store.requests == {}
    _lose_reply(monkeypatch, store, Unavailable("read timeout"))
    monkeypatch.setattr(store, "get", lambda no: (_ for _ in ()).throw(Unavailable("still down")))
    with pytest.raises(Unconfirmed):
        submit(consultation(), deps)


def test_a_number_another_request_holds_is_drawn_again(deps, store, monkeypatch):
    first = submit(consultation(), deps).request
    numbers = iter([first.tracking_no, "SY261130-SECONDDRAW"])
    monkeypatch.setattr(intake, "new_tracking_no", lambda now: next(numbers))
    second = submit(consultation(question="另一个问题：竣工验收资料？"), deps).request
    assert second.tracking_no == "SY261130-SECONDDRAW" and store.requests[first.tracking_no] == first


def test_one_client_and_one_mobile_share_their_limits_across_requests_and_registrations(deps, store):
    submit(consultation(), deps, client="198.51.100.7")
    trainings.register(SESSION, registration(), deps, client="198.51.100.7")
    now = deps.clock.now()
    assert store.counted(Count(deps.limits.submit, deps.links.pseudonym("submit", "198.51.100.7"), now)) == 2
    assert store.counted(Count(deps.limits.ack_sms, deps.links.pseudonym("ack-sms", "+8613800138000"), now)) == 2
    submit(consultation(), deps)  # no client known: nothing counted for it
    assert store.counted(Count(deps.limits.submit, deps.links.pseudonym("submit", "198.51.100.7"), now)) == 2


def test_wrong_secrets_for_requests_and_registrations_count_against_one_budget(deps, store):
    no = submit(consultation(), deps).request.tracking_no
    with pytest.raises(NotFound):
        public.open_with_token(no, "wrong", deps, "198.51.100.7")
    with pytest.raises(NotFound):
        act_as_applicant(no, "wrong", {"action": "withdraw", "reason": "不再需要"}, deps, "198.51.100.7")
    with pytest.raises(NotFound):
        trainings.open_registration("TR261130-NOSUCHONE1", "wrong", deps, "198.51.100.7")
    budget = Count(deps.limits.secret, deps.links.pseudonym("secret", "198.51.100.7"), deps.clock.now())
    assert store.counted(budget) == 3

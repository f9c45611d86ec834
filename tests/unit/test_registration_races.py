"""The participant's use cases when the table answers badly, over fakes: a lost race is judged
again after a random pause that doubles up to its cap, a lost reply is recognised as our own
write, a cancellation re-reads what won, and the limits count by the right key."""
from datetime import datetime, timedelta

import pytest

from chalicelib.domain.limits import Count, Limited
from chalicelib.domain.errors import NotFound
from chalicelib.domain.registration import RegistrationStatus
from chalicelib.domain.seats import PROMOTIONS_PER_WRITE
from chalicelib.service_layer import trainings
from chalicelib.service_layer.ports import Conflict, CountMoved, Unavailable
from chalicelib.service_layer.public import Unconfirmed
from tests.unit.test_trainings_api import SESSION, registration


@pytest.fixture
def pauses(monkeypatch):
    """The pauses between tries, as the (low, high) of each random draw; nothing really sleeps."""
    drawn: list[tuple[float, float]] = []
    monkeypatch.setattr(trainings.random, "uniform", lambda a, b: drawn.append((a, b)) or b)
    monkeypatch.setattr(trainings.time, "sleep", lambda seconds: drawn.append(("slept", seconds)))
    return drawn


def _failing(monkeypatch, registrations, method, errors, write_first=False):
    """`registrations.<method>` raises each of `errors` in turn (after really writing, when
    `write_first`: a reply lost on its way back), then works."""
    real, left = getattr(registrations, method), list(errors)

    def flaky(*args, **kwargs):
        if left:
            error = left.pop(0)
            if write_first:
                real(*args, **kwargs)
            raise error
        return real(*args, **kwargs)
    monkeypatch.setattr(registrations, method, flaky)


def test_a_lost_race_pauses_at_random_up_to_a_doubling_cap_and_is_judged_again(deps, registrations, monkeypatch, pauses):
    _failing(monkeypatch, registrations, "place", [Conflict("x")] * 8)
    done = trainings.register(SESSION, registration(), deps)
    assert done.registration.status is RegistrationStatus.CONFIRMED and done.position == 0
    highs = [b for a, b in pauses if a != "slept"]
    assert [a for a, _ in pauses if a != "slept"] == [0] * 8
    assert highs == [0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.25, 0.25]
    assert [s for a, s in pauses if a == "slept"] == highs


def test_a_moved_count_is_taken_from_the_refusal_without_reading_it_again(deps, registrations, monkeypatch, pauses):
    import sys

    reads = []
    real_count = registrations.seat_count

    def seat_count(training_id):  # the use case's reads, not the fake's own check inside `place`
        if sys._getframe(1).f_code.co_filename == trainings.__file__:
            reads.append(training_id)
        return real_count(training_id)
    monkeypatch.setattr(registrations, "seat_count", seat_count)
    _failing(monkeypatch, registrations, "place", [CountMoved(real_count(SESSION))])
    trainings.register(SESSION, registration(), deps)
    assert reads == [SESSION]  # the first read only


def test_a_reply_lost_after_the_write_landed_is_answered_as_registered(deps, registrations, monkeypatch):
    _failing(monkeypatch, registrations, "place", [Unavailable("timeout")], write_first=True)
    done = trainings.register(SESSION, registration(), deps)
    assert registrations.get(done.registration.registration_no) == done.registration
    assert len(registrations.heads) == 1


def test_a_refusal_that_stored_nothing_is_said_and_an_unknown_outcome_is_unconfirmed(deps, registrations, monkeypatch):
    _failing(monkeypatch, registrations, "place", [Unavailable("throttled")])
    with pytest.raises(Unavailable):
        trainings.register(SESSION, registration(), deps)
    assert registrations.heads == {}
    _failing(monkeypatch, registrations, "place", [Unavailable("timeout")], write_first=True)
    monkeypatch.setattr(registrations, "holder", lambda *a: (_ for _ in ()).throw(Unavailable("again")))
    with pytest.raises(Unconfirmed):
        trainings.register(SESSION, registration(mobile="13900000001"), deps)


def test_a_registration_counts_the_clients_submissions_and_the_mobiles_sms(deps, store):
    trainings.register(SESSION, registration(), deps, client="198.51.100.7")
    now = deps.clock.now()
    assert store.counted(Count(deps.limits.submit, deps.links.pseudonym("submit", "198.51.100.7"), now)) == 1
    assert store.counted(Count(deps.limits.ack_sms, deps.links.pseudonym("ack-sms", "+8613800138000"), now)) == 1
    assert trainings.mobile_key(deps, SESSION, "+8613800138000") == deps.links.pseudonym(
        "registration", f"{SESSION}|+8613800138000")


def test_wrong_secrets_count_per_client_and_then_every_try_waits(deps, store):
    done = trainings.register(SESSION, registration(), deps)
    number, secret = done.registration.registration_no, deps.links.registration_token(done.registration.registration_no)
    count = Count(deps.limits.secret, deps.links.pseudonym("secret", "198.51.100.7"), deps.clock.now())
    for _ in range(deps.limits.secret.most - 1):
        with pytest.raises(NotFound):
            trainings.open_registration(number, "wrong", deps, "198.51.100.7")
    assert store.counted(count) == deps.limits.secret.most - 1
    assert trainings.open_registration(number, secret, deps, "198.51.100.7") == done.registration  # still below
    with pytest.raises(NotFound):
        trainings.open_registration("NOT A NUMBER!", secret, deps, "198.51.100.7")
    with pytest.raises(Limited) as info:
        trainings.open_registration(number, secret, deps, "198.51.100.7")
    assert info.value.limit is deps.limits.secret and info.value.retry_after == deps.limits.secret.retry_after(count.now)
    assert trainings.open_registration(number.lower(), secret, deps) == done.registration  # no client: no limit


def test_a_waiting_participant_knows_their_place_and_a_confirmed_one_has_none(deps, registrations, monkeypatch):
    first = trainings.register(SESSION, registration(), deps).registration
    assert trainings.position(first, deps) == 0
    asked = []
    monkeypatch.setattr(registrations, "waiting_ahead", lambda t, arrival: asked.append((t, arrival)) or 2)
    waiting = first.__class__(**{**first.__dict__, "status": RegistrationStatus.WAITLISTED})
    assert trainings.position(waiting, deps) == 3 and asked == [(SESSION, first.arrival)]


def test_a_registration_may_be_cancelled_until_the_session_starts(deps):
    r = trainings.register(SESSION, registration(), deps).registration
    t = deps.trainings.get(SESSION)
    start = trainings.local(t.start)
    assert trainings.may_cancel(r, t, start - timedelta(seconds=1)) and not trainings.may_cancel(r, t, start)


def test_a_cancellation_reads_the_waiting_list_it_can_promote_and_retries_what_lost(deps, registrations, monkeypatch, pauses):
    r = trainings.register(SESSION, registration(), deps).registration
    secret = deps.links.registration_token(r.registration_no)
    asked = []
    real = registrations.waiting
    monkeypatch.setattr(registrations, "waiting", lambda t, limit: asked.append((t, limit)) or real(t, limit))
    _failing(monkeypatch, registrations, "cancel", [Conflict("x"), Conflict("x")])
    after = trainings.cancel_registration(r.registration_no, secret, {"action": "cancel"}, deps)
    assert after.status is RegistrationStatus.CANCELLED and registrations.get(r.registration_no) == after
    assert asked == [(SESSION, PROMOTIONS_PER_WRITE + 1)] * 3
    assert [b for a, b in pauses if a != "slept"] == [0.004, 0.008]


def test_a_cancellation_whose_reply_was_lost_is_answered_as_done(deps, registrations, monkeypatch, pauses):
    r = trainings.register(SESSION, registration(), deps).registration
    secret = deps.links.registration_token(r.registration_no)
    _failing(monkeypatch, registrations, "cancel", [Unavailable("timeout")], write_first=True)
    after = trainings.cancel_registration(r.registration_no, secret, {"action": "cancel"}, deps)
    assert after.status is RegistrationStatus.CANCELLED and pauses == []  # recognised: no second try


def test_a_cancellation_that_keeps_losing_gives_up_saying_so(deps, registrations, monkeypatch, pauses):
    r = trainings.register(SESSION, registration(), deps).registration
    secret = deps.links.registration_token(r.registration_no)
    monkeypatch.setattr(registrations, "cancel", lambda *a, **k: (_ for _ in ()).throw(Conflict("x")))
    from chalicelib.service_layer.ports import Contention

    with pytest.raises(Contention, match=r.registration_no):
        trainings.cancel_registration(r.registration_no, secret, {"action": "cancel"}, deps, client="198.51.100.7")
    assert len([p for p in pauses if p[0] == "slept"]) == trainings.CANCEL_ATTEMPTS
    assert registrations.get(r.registration_no).status is RegistrationStatus.CONFIRMED

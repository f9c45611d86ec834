"""Limits that stop SMS bombing and floods, counted in the store so they hold across instances:
three acknowledgement SMS an hour to one mobile (then email only, saying so), so many
submissions an hour from one client, so many wrong secrets in ten minutes from one client."""
import pytest

from chalicelib.api import presenters
from chalicelib.domain.errors import NotFound
from chalicelib.domain.limits import Limited
from chalicelib.service_layer import public, staff
from tests.conftest import consultation


def _ack(store, request):
    return {m.channel.value for m in store.messages.values() if m.tracking_no == request.tracking_no and m.audience == "applicant"}


def test_a_mobile_gets_three_acknowledgement_sms_an_hour_then_email_only_and_is_told(deps, store, clock):
    requests = [public.submit(consultation(email="zhang@example.com"), deps).request for _ in range(5)]
    assert [_ack(store, r) for r in requests] == [{"sms", "email"}] * 3 + [{"email"}] * 2
    assert [r.ack_sms for r in requests] == [True, True, True, False, False]
    fourth = presenters.submitted(public.Submission(store.get(requests[3].tracking_no)), deps.catalog, deps.links)
    assert "已达上限" in fourth["next_steps"]["zh"] and "confirmation email" in fourth["next_steps"]["en"]
    assert "已达上限" not in presenters.submitted(public.Submission(requests[0]), deps.catalog, deps.links)["next_steps"]["zh"]
    other = public.submit(consultation(mobile="13900139000"), deps).request  # another mobile is not limited
    assert _ack(store, other) == {"sms"}
    clock.advance(hours=1)
    assert _ack(store, public.submit(consultation(), deps).request) == {"sms"}  # a new hour


def test_one_client_may_submit_so_many_an_hour_and_nothing_is_stored_beyond(deps, store, clock):
    most = deps.limits.submit.most
    for i in range(most):
        public.submit(consultation(mobile=f"1390000{i:04d}"), deps, client="203.0.113.7")
    before = len(store.requests)
    with pytest.raises(Limited) as info:
        public.submit(consultation(), deps, client="203.0.113.7")
    assert info.value.limit.kind == "submit" and 0 < info.value.retry_after <= 3600
    assert len(store.requests) == before
    public.submit(consultation(), deps, client="198.51.100.1")  # another client is not held up
    clock.advance(seconds=info.value.retry_after)
    public.submit(consultation(), deps, client="203.0.113.7")


def test_one_client_may_get_so_many_passwords_wrong_then_every_sign_in_waits(deps, clock):
    from chalicelib.service_layer.staff_ports import SignInFailed

    for _ in range(deps.limits.secret.most):
        with pytest.raises(SignInFailed):
            staff.sign_in("officer.quality-station", "wrong", deps, "203.0.113.9")
    with pytest.raises(Limited):  # now even the right password waits
        staff.sign_in("officer.quality-station", "right", deps, "203.0.113.9")
    assert staff.sign_in("officer.quality-station", "right", deps, "198.51.100.1")[1].username == "officer.quality-station"
    clock.advance(minutes=10)
    assert staff.sign_in("officer.quality-station", "right", deps, "203.0.113.9")[0] == "token-officer.quality-station"


@pytest.mark.parametrize("open_as, secret_of", [(public.open_as_applicant, "access_token")])
def test_one_client_may_try_so_many_wrong_secrets_then_every_lookup_waits(deps, store, clock, open_as, secret_of):
    request = public.submit(consultation(), deps).request
    secret = getattr(deps.links, secret_of)(request.tracking_no)
    for i in range(deps.limits.secret.most):
        with pytest.raises(NotFound):
            open_as(request.tracking_no if i % 2 else "SY261130-ZZZZZZZZZZ", "wrong", deps, "203.0.113.9")
    with pytest.raises(Limited) as info:  # now even the right secret waits
        open_as(request.tracking_no, secret, deps, "203.0.113.9")
    assert info.value.limit.kind == "secret"
    assert open_as(request.tracking_no, secret, deps, "198.51.100.1")[0] == request  # another client
    clock.advance(seconds=info.value.retry_after)
    assert open_as(request.tracking_no, secret, deps, "203.0.113.9")[0] == request


def test_counters_are_kept_under_pseudonyms_not_numbers_or_addresses(deps, store):
    public.submit(consultation(), deps, client="203.0.113.7")
    kept = repr(store.counts)
    assert "13800138000" not in kept and "203.0.113.7" not in kept and len(store.counts) == 2

"""The dispatcher over fakes: sends once, retries what may succeed later, gives up visibly."""
from chalicelib.domain.outbox import Delivery
from chalicelib.service_layer.dispatch import MAX_ATTEMPTS, backoff
from chalicelib.service_layer.public import submit
from tests.conftest import consultation
from tests.fakes import REJECTED, THROTTLED


def test_every_message_is_sent_exactly_once(deps, store, dispatcher, email, sms):
    submit(consultation(), deps)
    assert dispatcher.dispatch_due() == 4
    assert dispatcher.dispatch_due() == 0  # nothing left: sent messages are never picked again
    assert len(email.sent) == 2 and len(sms.sent) == 2
    assert all(m.status is Delivery.SENT and m.provider_id for m in store.messages.values())


def test_throttling_is_retried_after_a_backoff(deps, store, dispatcher, email, clock):
    email.failures = [THROTTLED]
    submit(consultation(district=None), deps)
    dispatcher.dispatch_due()
    pending = [m for m in store.messages.values() if m.status is Delivery.PENDING]
    assert len(pending) == 1 and pending[0].attempts == 1 and "Throttling" in pending[0].last_error
    assert dispatcher.dispatch_due() == 0  # not due yet
    clock.advance(seconds=backoff(1).total_seconds())
    assert dispatcher.dispatch_due() == 1
    assert all(m.status is Delivery.SENT for m in store.messages.values())
    assert len(email.sent) == 1


def test_a_rejected_address_is_not_retried(deps, store, dispatcher, email, clock):
    email.failures = [REJECTED]
    submit(consultation(district=None), deps)
    dispatcher.dispatch_due()
    failed = [m for m in store.messages.values() if m.status is Delivery.FAILED]
    assert len(failed) == 1 and failed[0].attempts == 1
    clock.advance(hours=2)
    assert dispatcher.dispatch_due() == 0 and email.sent == []
    assert dispatcher.counts["failed"] == 1


def test_a_message_that_keeps_failing_ends_as_failed(deps, store, dispatcher, sms, clock):
    sms.failures = [THROTTLED] * 100
    submit(consultation(district=None), deps)
    for _ in range(MAX_ATTEMPTS + 2):
        dispatcher.dispatch_due()
        clock.advance(hours=1)
    sms_rows = [m for m in store.messages.values() if m.channel.value == "sms"]
    assert all(m.status is Delivery.FAILED and m.attempts == MAX_ATTEMPTS for m in sms_rows)


def test_a_leased_message_is_not_sent_by_a_second_dispatcher(deps, store, dispatcher, clock):
    no = submit(consultation(district=None), deps).request.tracking_no
    now = clock.now()
    first = store.claim_message(no, "001-submitted.applicant.sms", now, now + backoff(1))
    assert first is not None
    assert dispatcher.dispatch_one(no, "001-submitted.applicant.sms") is None


def test_backoff_grows_and_is_capped():
    delays = [backoff(n).total_seconds() for n in range(1, 12)]
    assert delays[:3] == [30, 60, 120] and max(delays) == 3600 and delays == sorted(delays)


def test_outcomes_are_counted_as_cloudwatch_metrics(deps, store, email, capsys):
    import dataclasses
    import json

    from chalicelib.service_layer.dispatch import Dispatcher

    dispatcher = Dispatcher(dataclasses.replace(deps, emit_metrics=True))
    email.failures = [REJECTED]
    submit(consultation(district=None), deps)
    dispatcher.dispatch_due()
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines() if line.startswith("{")]
    counted = sorted(name for line in lines for name in ("MessagesSent", "MessagesFailed") if name in line)
    assert counted == ["MessagesFailed", "MessagesSent", "MessagesSent"]
    assert all(line["_aws"]["CloudWatchMetrics"][0]["Namespace"] == "Portal/Notifications" for line in lines)


def test_our_own_bug_in_a_sender_is_raised_and_not_retried(deps, store, dispatcher, email, clock):
    import pytest

    email.failures = [TypeError("a bug of ours")]
    submit(consultation(district=None), deps)
    with pytest.raises(TypeError):
        dispatcher.dispatch_due()
    (failed,) = [m for m in store.messages.values() if m.channel.value == "email"]
    assert failed.status is Delivery.FAILED and failed.attempts == 1 and "TypeError" in failed.last_error
    clock.advance(hours=2)
    dispatcher.dispatch_due()
    assert email.sent == [] and dispatcher.counts["failed"] == 1

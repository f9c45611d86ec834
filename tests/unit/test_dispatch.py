"""The dispatcher over fakes: sends once, retries what may succeed later, gives up visibly."""
from chalicelib.domain.outbox import Delivery
from chalicelib.service_layer.dispatch import backoff
from chalicelib.service_layer.public import submit
from tests.conftest import consultation
from datetime import timedelta

from tests.fakes import REJECTED, THROTTLED, FakeSender


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
    assert dispatcher.dispatch_due() == 1 and email.sent == []  # only its fallback SMS: the email is not retried
    assert dispatcher.dispatch_due() == 0 and dispatcher.counts["failed"] == 1


def test_a_message_is_retried_for_24_hours_then_fails_and_falls_back_to_the_other_channel(
        deps, store, dispatcher, sms, email, clock):
    sms.failures = [THROTTLED] * 100
    no = submit(consultation(district=None), deps).request.tracking_no
    for _ in range(30):  # an attempt an hour: the backoff is capped at one hour
        dispatcher.dispatch_due()
        clock.advance(hours=1)
    sms_rows = [m for m in store.messages.values() if m.channel.value == "sms" and not m.message_id.endswith(".fallback")]
    # Attempts at 0, 1, … 24 hours; the next would come after the 24 hours: failed for good.
    assert sms_rows and all(m.status is Delivery.FAILED and m.attempts == 25 for m in sms_rows)
    fallback = store.messages[(no, "001-submitted.quality-station.sms.fallback")]
    assert fallback.status is Delivery.SENT and fallback.channel.value == "email"
    assert fallback.recipient == "quality-station@example.test" and "短信通知未能送达" in fallback.subject
    assert (no, "001-submitted.applicant.sms.fallback") not in store.messages  # the applicant's has none
    assert dispatcher.counts["fallback"] == 1


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
    counted = sorted((name, line["Channel"]) for line in lines
                     for name in ("MessagesSent", "MessagesFailed", "MessagesFellBack") if name in line)
    assert counted == [("MessagesFailed", "email"), ("MessagesFellBack", "email"), ("MessagesSent", "sms"),
                       ("MessagesSent", "sms")]
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


def test_what_is_sent_is_the_stored_message_and_each_send_is_counted(deps, store, dispatcher, email, sms):
    submit(consultation(), deps)
    dispatcher.dispatch_due()
    stored = {(m.recipient, m.subject, m.body) for m in store.messages.values() if m.channel.value == "email"}
    assert set(email.sent) == stored and {(to, body) for to, _, body in sms.sent} == {
        (m.recipient, m.body) for m in store.messages.values() if m.channel.value == "sms"}
    assert dispatcher.counts == {"sent": 4, "retry": 0, "failed": 0, "fallback": 0}


def test_dispatch_due_sends_at_most_its_limit(deps, store, dispatcher, email, sms):
    submit(consultation(), deps)
    assert dispatcher.dispatch_due(limit=3) == 3 and len(email.sent) + len(sms.sent) == 3
    assert dispatcher.dispatch_due() == 1


def test_a_slow_send_holds_its_lease_so_a_second_dispatcher_leaves_it(deps, store, clock):
    from chalicelib.service_layer.dispatch import Dispatcher

    no = submit(consultation(district=None), deps).request.tracking_no
    second = Dispatcher(deps)
    seen = []

    class Slow(FakeSender):
        def send_sms(self, phone, body):
            seen.append(second.dispatch_one(no, "001-submitted.applicant.sms"))  # meanwhile, another one
            clock.advance(seconds=30)
            return super().send_sms(phone, body)
    import dataclasses
    first = Dispatcher(dataclasses.replace(deps, sms=Slow()))
    now = clock.now()
    assert first.dispatch_one(no, "001-submitted.applicant.sms") == "sent" and seen == [None]
    sent = store.messages[(no, "001-submitted.applicant.sms")]
    assert sent.sent_at == now + timedelta(seconds=30)  # recorded when the provider answered
    assert store.leases == {} and deps.lease == 60


def test_a_retry_waits_the_configured_backoff_and_says_so(deps, store, clock):
    import dataclasses

    from chalicelib.service_layer.dispatch import Dispatcher

    sms = FakeSender([THROTTLED])
    fast = Dispatcher(dataclasses.replace(deps, sms=sms, backoff_base=2))
    no = submit(consultation(district=None), deps).request.tracking_no
    assert fast.dispatch_one(no, "001-submitted.applicant.sms") == "retry"
    pending = store.messages[(no, "001-submitted.applicant.sms")]
    assert pending.next_attempt_at == clock.now() + timedelta(seconds=2)
    assert store.attempted_at[(no, "001-submitted.applicant.sms")] == clock.now()
    assert pending.last_error == "RetryableSendError: Throttling"


def test_a_long_provider_error_is_kept_to_500_characters(deps, store, dispatcher, sms):
    from chalicelib.service_layer.ports import PermanentSendError

    sms.failures = [PermanentSendError("x" * 2000)]
    no = submit(consultation(district=None), deps).request.tracking_no
    assert dispatcher.dispatch_one(no, "001-submitted.applicant.sms") == "failed"
    assert len(store.messages[(no, "001-submitted.applicant.sms")].last_error) == 500


def test_an_internal_error_is_recorded_when_it_happened(deps, store, dispatcher, email, clock):
    import pytest

    email.failures = [ZeroDivisionError("x" * 900)]
    no = submit(consultation(district=None), deps).request.tracking_no
    with pytest.raises(ZeroDivisionError):
        dispatcher.dispatch_one(no, "001-submitted.quality-station.email")
    key = (no, "001-submitted.quality-station.email")
    assert store.attempted_at[key] == clock.now() and store.messages[key].last_error.startswith("internal error: ZeroDivisionError")
    assert len(store.messages[key].last_error) == 500 and dispatcher.counts["failed"] == 1


def test_each_outcome_is_one_embedded_metric_line_with_its_channel(capsys, monkeypatch):
    import json

    from chalicelib.service_layer import metrics

    monkeypatch.setattr(metrics.time, "time", lambda: 1767225600.5)
    for outcome in ("sent", "retry", "failed"):
        metrics.emit(outcome, "sms")
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    names = ["MessagesSent", "MessagesRetried", "MessagesFailed"]
    assert lines == [{"_aws": {"Timestamp": 1767225600500, "CloudWatchMetrics": [
        {"Namespace": "Portal/Notifications", "Dimensions": [["Channel"]],
         "Metrics": [{"Name": name, "Unit": "Count"}]}]}, "Channel": "sms", name: 1} for name in names]


def test_an_internal_error_is_counted_as_a_failure_of_its_channel(deps, store, email, capsys):
    import dataclasses
    import json

    import pytest

    from chalicelib.service_layer.dispatch import Dispatcher

    email.failures = [TypeError("bug")]
    no = submit(consultation(district=None), deps).request.tracking_no
    with pytest.raises(TypeError):
        Dispatcher(dataclasses.replace(deps, emit_metrics=True)).dispatch_one(no, "001-submitted.quality-station.email")
    (line,) = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.startswith("{")]
    assert line["Channel"] == "email" and line["MessagesFailed"] == 1


def test_a_refused_department_email_falls_back_to_its_duty_sms_once(deps, store, dispatcher, email, sms):
    email.failures = [REJECTED, REJECTED]
    no = submit(consultation(district=None), deps).request.tracking_no
    dispatcher.dispatch_due()
    dispatcher.dispatch_due()
    fallback = store.messages[(no, "001-submitted.quality-station.email.fallback")]
    assert fallback.status is Delivery.SENT and fallback.recipient == deps.addresses.of("quality-station").mobile
    assert no in fallback.body and len(fallback.body) <= 70
    assert not [k for k in store.messages if k[1].endswith(".fallback.fallback")]


def test_the_request_is_notified_once_a_lead_departments_message_went_out(deps, store, dispatcher, email, sms):
    from chalicelib.domain.lifecycle import Status

    email.failures, sms.failures = [REJECTED] * 10, [REJECTED] * 10
    down = submit(consultation(), deps).request.tracking_no
    dispatcher.dispatch_due()
    assert store.get(down).status is Status.SUBMITTED  # nothing reached a department: still "being notified"
    email.failures, sms.failures = [], []
    up = submit(consultation(), deps).request.tracking_no
    dispatcher.dispatch_due()
    request = store.get(up)
    assert request.status is Status.NOTIFIED and [e.action for e in request.timeline] == ["submit", "notify"]
    assert request.timeline[-1].actor == "system" and request.first_contact_due == request.respond_by

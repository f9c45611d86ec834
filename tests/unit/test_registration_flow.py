"""Registration through the dispatcher, over fakes and a fake clock: the confirmation SMS and
the email with its invitation go out, a cancellation promotes the first waiting participant
(who gets an SMS), the reminder goes out once when due and never after a cancellation, and
the request path's limits hold for registrations too."""
from datetime import datetime, timezone

import pytest
from icalendar import Calendar

from chalicelib.domain.limits import Limited
from chalicelib.domain.registration import RegistrationStatus
from chalicelib.domain.registration_messages import REMINDER
from chalicelib.service_layer import trainings
from tests.unit.test_trainings_api import SESSION, registration

DAY_BEFORE = datetime(2027, 3, 23, 1, 0, tzinfo=timezone.utc)  # 09:00 in Beijing, the reminder's time


def _register(deps, n, **changes):
    return [trainings.register(SESSION, registration(mobile=f"1390000{i:04d}", uscc=_uscc(i), **changes), deps)
            for i in range(n)]


def _uscc(i):
    from chalicelib.domain.identifiers import uscc_check_char

    first = f"9121010{i:010d}"
    return first + uscc_check_char(first)


def _send_all(dispatcher):
    while dispatcher.dispatch_due():
        pass


def _to(sender, mobile):
    return [body for to, _, body in sender.sent if to == mobile]


def test_the_confirmation_goes_out_with_its_invitation(deps, dispatcher, sms, email):
    (done,) = _register(deps, 1)
    _send_all(dispatcher)
    (text,) = _to(sms, "+8613900000000")
    assert done.registration.registration_no in text and "#no=" in text
    ((to, subject, body),) = email.sent
    (ics,) = email.attachments[0]
    (event,) = Calendar.from_ical(ics.content).walk("VEVENT")
    assert to == "zhang@example.com" and done.registration.registration_no in subject
    assert str(event["UID"]).startswith(done.registration.registration_no)


def test_thirty_seats_then_the_waiting_list_then_a_cancellation_promotes_the_first(deps, dispatcher, sms, registrations):
    done = _register(deps, 32, email=None)
    assert [d.registration.status for d in done] == [RegistrationStatus.CONFIRMED] * 30 + [RegistrationStatus.WAITLISTED] * 2
    assert [d.position for d in done[30:]] == [1, 2]
    _send_all(dispatcher)
    sms.sent.clear()
    first = done[0].registration
    cancelled = trainings.cancel_registration(first.registration_no, deps.links.registration_token(first.registration_no),
                                              {"action": "cancel"}, deps)
    assert cancelled.status is RegistrationStatus.CANCELLED
    promoted, still = (registrations.get(d.registration.registration_no) for d in done[30:])
    assert promoted.status is RegistrationStatus.CONFIRMED and promoted.promoted_at is not None
    assert still.status is RegistrationStatus.WAITLISTED and trainings.position(still, deps) == 1
    assert registrations.seat_count(SESSION).taken == 30 and registrations.seat_count(SESSION).waiting == 1
    _send_all(dispatcher)
    assert "候补转为正式报名" in _to(sms, promoted.mobile)[0] and "已取消" in _to(sms, first.mobile)[0]
    assert not _to(sms, still.mobile)


def test_the_reminder_goes_out_once_when_due_and_not_for_a_cancelled_registration(deps, dispatcher, sms, clock, store):
    kept, gone = _register(deps, 2)
    trainings.cancel_registration(gone.registration.registration_no,
                                  deps.links.registration_token(gone.registration.registration_no), {"action": "cancel"}, deps)
    _send_all(dispatcher)
    sms.sent.clear()
    clock.current = DAY_BEFORE.replace(hour=0)  # an hour early: nothing yet
    assert dispatcher.dispatch_due() == 0 and not sms.sent
    clock.current = DAY_BEFORE
    for _ in range(3):  # the schedule runs again and again: still one reminder
        dispatcher.dispatch_due()
    assert [body for _, _, body in sms.sent] == [store.messages[(kept.registration.registration_no, REMINDER)].body]
    assert "提醒" in sms.sent[0][2] and (gone.registration.registration_no, REMINDER) not in store.messages


def test_a_client_may_register_only_so_many_times_an_hour(deps, registrations):
    for i in range(deps.limits.submit.most):
        trainings.register(SESSION, registration(mobile=f"1390000{i:04d}", uscc=_uscc(i)), deps, client="203.0.113.7")
    with pytest.raises(Limited):
        trainings.register("archive-training-2027-06", registration(), deps, client="203.0.113.7")
    assert len(registrations.heads) == deps.limits.submit.most


def test_a_mobile_past_its_hourly_sms_gets_its_confirmation_by_email_only(deps, store):
    sessions = [t.id for t in deps.trainings.with_registration() if t.registration.open]
    results = [trainings.register(s, registration(), deps) for s in sessions]
    assert [r.by_sms for r in results] == [True] * deps.limits.ack_sms.most + [False] * (len(sessions) - 3)
    last = results[-1].registration.registration_no
    assert {m.channel.value for (owner, _), m in store.messages.items() if owner == last and "001-" in m.message_id} == {"email"}

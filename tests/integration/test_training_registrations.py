"""Training registration against moto, with the real DynamoDB adapter: 50 parallel registrations
for a 30-seat session (exactly 30 confirmed, 20 on the waiting list in arrival order, nothing
over-booked or lost), cancellation and promotion in one transaction, the reminder sent once,
and check-in with a forged or another session's code refused."""
from __future__ import annotations

import threading
from datetime import datetime, timezone

import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.sns.models import sns_backends

from chalicelib.adapters.dynamodb import keys
from chalicelib.domain.check_in import check_in_code
from chalicelib.domain.errors import NotAllowedNow, NotFound
from chalicelib.domain.registration import RegistrationStatus
from chalicelib.domain.seats import cancel
from chalicelib.domain.registration_messages import REMINDER, compose_cancellation
from chalicelib.domain.request import Viewer
from chalicelib.service_layer import organiser, trainings
from chalicelib.service_layer.dispatch import Dispatcher
from chalicelib.service_layer.ports import Conflict
from infra.local_aws import REGION
from tests.unit.test_registration_flow import _uscc
from tests.unit.test_trainings_api import SESSION, registration

CONFIRMED, WAITLISTED = RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED
ORGANISER = Viewer.officer(["urban-construction-archives"])
ON_THE_DAY = datetime(2027, 3, 24, 1, 0, tzinfo=timezone.utc)  # 09:00 in Beijing, the session's start


def body(i: int, **changes) -> dict:
    """A registration of participant `i`: their own mobile and organisation."""
    return registration(**{"mobile": f"1390000{i:04d}", "uscc": _uscc(i), "email": None, **changes})


def _parallel(calls):
    """Run every call at once (a barrier releases them together); their results, or what they raised."""
    start, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        start.wait()
        try:
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - reported by the test
            results[i] = exc
    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def _items(ddb, table, pk):
    return ddb.query(TableName=table, KeyConditionExpression="pk = :pk", ConsistentRead=True,
                     ExpressionAttributeValues={":pk": pk})["Items"]


def test_fifty_at_once_for_thirty_seats_confirm_thirty_and_wait_twenty_in_arrival_order(moto_deps, ddb, table):
    results = _parallel([lambda i=i: trainings.register(SESSION, body(i), moto_deps) for i in range(50)])
    assert not [r for r in results if isinstance(r, Exception)], results
    store = moto_deps.registrations
    confirmed, waiting = store.registrations(SESSION, CONFIRMED), store.registrations(SESSION, WAITLISTED)
    assert [r.arrival for r in confirmed] == list(range(1, 31))  # the first thirty the table accepted
    assert [r.arrival for r in waiting] == list(range(31, 51))
    assert [r.arrival for r in store.waiting(SESSION, 50)] == list(range(31, 51))  # the list, head first
    count = store.seat_count(SESSION)
    assert (count.taken, count.waiting, count.arrivals) == (30, 20, 50) and sum(r.seats for r in confirmed) == 30
    # Each caller was told what the table holds: its status, and its place on the waiting list.
    told = {r.registration.registration_no: (r.registration.status, r.position) for r in results}
    assert told == {r.registration_no: (r.status, 0 if r.status is CONFIRMED else r.arrival - 30)
                    for r in confirmed + waiting}
    # Nothing lost, nothing twice: fifty registrations, each with its confirmation SMS in its outbox.
    heads = [i for i in ddb.scan(TableName=table)["Items"] if i["sk"]["S"] == keys.REGISTRATION_SK]
    assert len(heads) == len({h["mobile"]["S"] for h in heads}) == 50
    for r in confirmed + waiting:
        sent = {i["sk"]["S"] for i in _items(ddb, table, keys.registration(r.registration_no)["pk"])}
        event = "registered" if r.status is CONFIRMED else "waitlisted"
        assert f"MSG#001-{event}.participant.sms" in sent and (f"MSG#{REMINDER}" in sent) == (r.status is CONFIRMED)


def _fill(deps, n):
    return [trainings.register(SESSION, body(i), deps).registration for i in range(n)]


def _token(deps, r):
    return deps.links.registration_token(r.registration_no)


def test_a_cancellation_frees_the_seat_and_promotes_the_first_waiting_in_one_write(moto_deps, ddb, table):
    regs = _fill(moto_deps, 32)
    store = moto_deps.registrations
    first, head, second = regs[0], regs[30], regs[31]
    trainings.cancel_registration(first.registration_no, _token(moto_deps, first), {"action": "cancel"}, moto_deps)
    assert store.get(first.registration_no).status is RegistrationStatus.CANCELLED
    assert store.get(head.registration_no).status is CONFIRMED and store.get(second.registration_no).status is WAITLISTED
    count = store.seat_count(SESSION)
    assert (count.taken, count.waiting) == (30, 1) and [r.arrival for r in store.waiting(SESSION, 5)] == [32]
    assert store.holder(SESSION, trainings.mobile_key(moto_deps, SESSION, first.mobile)) is None  # may register again
    promoted = {i["sk"]["S"] for i in _items(ddb, table, keys.registration(head.registration_no)["pk"])}
    assert {"MSG#002-promoted.participant.sms", f"MSG#{REMINDER}"} <= promoted
    gone = {i["sk"]["S"] for i in _items(ddb, table, keys.registration(first.registration_no)["pk"])}
    assert "MSG#002-cancelled.participant.sms" in gone and f"MSG#{REMINDER}" not in gone  # withdrawn with it


def test_a_cancellation_judged_on_a_count_that_moved_on_writes_nothing_at_all(moto_deps, ddb, table):
    regs = _fill(moto_deps, 31)
    store, first = moto_deps.registrations, regs[0]
    stale = cancel(first, moto_deps.trainings.get(SESSION), store.seat_count(SESSION), store.waiting(SESSION, 5),
                   moto_deps.clock.now())
    trainings.register(SESSION, body(99), moto_deps)  # the count moves on before the write
    before = sorted(map(str, ddb.scan(TableName=table)["Items"]))
    messages = compose_cancellation(stale, moto_deps.trainings.get(SESSION), moto_deps.catalog, moto_deps.links,
                                    moto_deps.clock.now())
    with pytest.raises(Conflict):
        store.cancel(stale, messages, trainings.mobile_key(moto_deps, SESSION, first.mobile), withdraw=(REMINDER,))
    assert sorted(map(str, ddb.scan(TableName=table)["Items"])) == before  # all or nothing


def test_cancellations_and_registrations_at_once_keep_the_count_and_the_queue_true(moto_deps):
    regs = _fill(moto_deps, 36)
    store = moto_deps.registrations
    calls = [lambda r=r: trainings.cancel_registration(r.registration_no, _token(moto_deps, r), {"action": "cancel"},
                                                       moto_deps) for r in regs[:8]]
    calls += [lambda i=i: trainings.register(SESSION, body(100 + i), moto_deps) for i in range(8)]
    results = _parallel(calls)
    assert not [r for r in results if isinstance(r, Exception)], results
    confirmed, waiting = store.registrations(SESSION, CONFIRMED), store.registrations(SESSION, WAITLISTED)
    count = store.seat_count(SESSION)
    assert count.taken == sum(r.seats for r in confirmed) == 30 and count.waiting == len(waiting) == 6
    assert [r.arrival for r in store.waiting(SESSION, 50)] == sorted(r.arrival for r in waiting)
    assert max(r.arrival for r in confirmed if r.promoted_at) < min(r.arrival for r in waiting)  # first come, first served


def test_the_reminder_is_sent_once_by_two_dispatchers_at_once(moto_deps):
    kept, gone = _fill(moto_deps, 2)
    trainings.cancel_registration(gone.registration_no, _token(moto_deps, gone), {"action": "cancel"}, moto_deps)
    sms = sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages

    def reminders(mobile):
        return [text for to, text in sms.values() if to == mobile and "提醒" in text]
    Dispatcher(moto_deps).dispatch_due()
    assert not reminders(kept.mobile)  # not due yet
    moto_deps.clock.current = datetime(2027, 3, 23, 1, 0, tzinfo=timezone.utc)  # 09:00 the day before, Beijing
    _parallel([lambda: Dispatcher(moto_deps).dispatch_due(), lambda: Dispatcher(moto_deps).dispatch_due()])
    Dispatcher(moto_deps).dispatch_due()  # and the schedule's next run
    assert len(reminders(kept.mobile)) == 1 and kept.registration_no in reminders(kept.mobile)[0]
    assert not reminders(gone.mobile)


def test_check_in_takes_only_the_sessions_own_genuine_codes(moto_deps):
    confirmed = _fill(moto_deps, 1)[0]
    other = trainings.register("archive-training-2027-06", body(0), moto_deps).registration
    key, deps = moto_deps.links.key, moto_deps
    deps.clock.current = ON_THE_DAY
    code = check_in_code(key, SESSION, confirmed.registration_no)
    number, signature = code.rsplit(".", 1)
    for forged in (f"{number}.{'A' * len(signature)}", check_in_code(key, "archive-training-2027-06", confirmed.registration_no),
                   check_in_code(key, "archive-training-2027-06", other.registration_no),  # another session's person
                   check_in_code(key, SESSION, other.registration_no),  # signed for here, but not registered here
                   check_in_code(b"someone-elses-key-0123456789", SESSION, confirmed.registration_no), "", None):
        with pytest.raises(organiser.NotACheckInCode):
            organiser.check_in_participant(SESSION, forged, ORGANISER, deps)
    assert deps.registrations.get(confirmed.registration_no).checked_in_at is None
    first = organiser.check_in_participant(SESSION, code, ORGANISER, deps)
    again = organiser.check_in_participant(SESSION, code.lower(), ORGANISER, deps)
    assert first.first and not again.first and again.registration.checked_in_at == ON_THE_DAY
    with pytest.raises(NotFound):  # an officer of another department cannot check anyone in
        organiser.check_in_participant(SESSION, code, Viewer.officer(["quality-station"]), deps)
    with pytest.raises(NotFound):  # a supervisor reads the lists, but acts on nothing
        organiser.check_in_participant(SESSION, code, Viewer.supervisor(), deps)


def test_the_organisers_lists_and_a_waiting_registrations_code(moto_deps):
    regs = _fill(moto_deps, 31)
    lists = organiser.session_lists(SESSION, Viewer.supervisor(), moto_deps)
    assert [r.registration_no for r in lists.confirmed] == [r.registration_no for r in regs[:30]]
    assert [r.registration_no for r in lists.waiting] == [regs[30].registration_no]
    with pytest.raises(NotFound):
        organiser.session_lists(SESSION, Viewer.officer(["quality-station"]), moto_deps)
    moto_deps.clock.current = ON_THE_DAY
    with pytest.raises(NotAllowedNow):  # a waiting participant has no seat to check in to
        organiser.check_in_participant(SESSION, check_in_code(moto_deps.links.key, SESSION, regs[30].registration_no),
                                       ORGANISER, moto_deps)


def test_the_confirmation_email_reaches_ses_with_the_invitation_attached(moto_deps):
    import email
    from email import policy

    from icalendar import Calendar
    from moto.ses.models import ses_backends

    done = trainings.register(SESSION, registration(), moto_deps)
    while Dispatcher(moto_deps).dispatch_due():
        pass
    raw = [m for m in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages if hasattr(m, "raw_data")]
    (message,) = [email.message_from_string(m.raw_data, policy=policy.default) for m in raw]
    assert done.registration.registration_no in message["Subject"] and message["To"] == "zhang@example.com"
    assert "#no=" in message.get_body(("plain",)).get_content()
    (ics,) = [part for part in message.iter_attachments() if part.get_content_type() == "text/calendar"]
    (event,) = Calendar.from_ical(ics.get_content()).walk("VEVENT")
    assert event["DTSTART"].params["TZID"] == "Asia/Shanghai" and ics.get_filename() == f"{SESSION}.ics"


def test_one_mobile_at_once_five_times_is_one_registration_and_an_organisation_keeps_to_its_seats(moto_deps, ddb, table):
    from chalicelib.domain.errors import InvalidRequest
    from chalicelib.domain.registration import AlreadyRegistered

    results = _parallel([lambda: trainings.register(SESSION, body(7), moto_deps) for _ in range(5)])
    assert len([r for r in results if isinstance(r, trainings.Registered)]) == 1
    assert all(isinstance(r, AlreadyRegistered) for r in results if not isinstance(r, trainings.Registered))
    heads = [i for i in ddb.scan(TableName=table)["Items"] if i["sk"]["S"] == keys.REGISTRATION_SK]
    assert len(heads) == 1 and moto_deps.registrations.seat_count(SESSION).arrivals == 1
    trainings.register(SESSION, body(8, uscc=_uscc(1), seats=2), moto_deps)
    with pytest.raises(InvalidRequest) as info:  # 2 + 2 would be more than the 3 one organisation may hold
        trainings.register(SESSION, body(9, uscc=_uscc(1), seats=2), moto_deps)
    assert info.value.errors[0].field == "seats"
    assert moto_deps.registrations.seat_count(SESSION).taken == 3

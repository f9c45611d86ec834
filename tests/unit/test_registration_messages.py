"""What a participant is sent: the confirmation (SMS, and email with the invitation attached),
the waiting-list notice with its position, one reminder the day before at 09:00 Beijing time,
and on a cancellation the canceller's SMS and the promoted participant's SMS, email and reminder."""
from datetime import datetime, timedelta, timezone

import pytest

from chalicelib.catalog.trainings import Trainings, load_trainings
from chalicelib.domain.calendar import BEIJING
from chalicelib.domain.registration import SeatCount
from chalicelib.domain.seats import cancel, place
from chalicelib.domain.registration_form import parse_registration
from chalicelib.domain.registration_messages import REMINDER, compose_cancellation, compose_placement
from tests.conftest import VALID_USCC

NOW = datetime(2026, 12, 2, 2, 0, tzinfo=timezone.utc)
TRAINING = Trainings(load_trainings()).get("archive-training-2027-03")


def _placed(count, lang="zh", email="zhang@example.com", no="TR261202-AAAAAAAAAA"):
    form = parse_registration({"organisation": "沈阳示例建设有限公司", "uscc": VALID_USCC, "participant_name": "张工",
                               "mobile": "13800138000", "email": email, "seats": 1})
    return place(form, TRAINING, count, no, "hash", lang, NOW)


def _by_id(messages):
    return {m.message_id: m for m in messages}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_confirmed_registration_gets_sms_email_with_invitation_and_one_reminder(catalog, links, lang):
    p = _placed(SeatCount(), lang)
    out = _by_id(compose_placement(p, TRAINING, catalog, links))
    assert set(out) == {"001-registered.participant.sms", "001-registered.participant.email", REMINDER}
    link = links.registration_url(p.registration.registration_no, lang)
    assert all(link in m.body and p.registration.registration_no in m.body for m in out.values())
    assert links.registration_token(p.registration.registration_no) in link.split("#", 1)[1]  # in the fragment
    (ics,) = out["001-registered.participant.email"].attachments
    assert ics.filename.endswith(".ics") and ics.content_type.startswith("text/calendar")
    reminder = out[REMINDER]
    assert reminder.next_attempt_at == datetime(2027, 3, 23, 9, 0, tzinfo=BEIJING) == reminder.created_at
    assert reminder.recipient == "+8613800138000" and reminder.audience == "participant"
    sms = out["001-registered.participant.sms"]
    assert sms.next_attempt_at == NOW and ("【示例】" in sms.body if lang == "zh" else "[Sample]" in sms.body)


def test_a_waiting_registration_is_told_its_place_and_gets_no_invitation_or_reminder(catalog, links):
    p = _placed(SeatCount(version=30, arrivals=30, taken=30, waiting=2), "en", email=None)
    (sms,) = compose_placement(p, TRAINING, catalog, links)
    assert sms.message_id == "001-waitlisted.participant.sms" and "number 3 on the waiting list" in sms.body


def test_without_sms_the_confirmation_goes_by_email_only(catalog, links):
    out = compose_placement(_placed(SeatCount()), TRAINING, catalog, links, by_sms=False)
    assert {m.message_id for m in out} == {"001-registered.participant.email", REMINDER}


def test_a_cancellation_tells_the_canceller_and_the_promoted(catalog, links):
    first = _placed(SeatCount(version=1, arrivals=1, taken=29)).registration  # takes the last seat
    waiting = _placed(SeatCount(version=2, arrivals=2, taken=30), no="TR261202-BBBBBBBBBB").registration
    c = cancel(first, TRAINING, SeatCount(version=3, arrivals=2, taken=30, waiting=1), [waiting], NOW)
    out = _by_id(compose_cancellation(c, TRAINING, catalog, links, NOW))
    assert {(m.tracking_no, i) for i, m in out.items()} == {
        ("TR261202-AAAAAAAAAA", "002-cancelled.participant.sms"), ("TR261202-BBBBBBBBBB", "002-promoted.participant.sms"),
        ("TR261202-BBBBBBBBBB", "002-promoted.participant.email"), ("TR261202-BBBBBBBBBB", REMINDER)}
    assert "已取消" in out["002-cancelled.participant.sms"].body and "候补转为正式报名" in out["002-promoted.participant.sms"].body
    assert out["002-promoted.participant.email"].attachments


def test_every_email_subject_is_one_line_and_not_the_body(catalog, links):
    for lang in ("zh", "en"):
        for count in (SeatCount(), SeatCount(version=1, arrivals=1, taken=30)):
            for m in compose_placement(_placed(count, lang), TRAINING, catalog, links):
                if m.channel.value == "email":
                    assert m.subject and "\n" not in m.subject and m.subject not in m.body.splitlines()[0]
                else:
                    assert m.subject == "" and m.body.startswith(("【沈阳市城乡建设局】", "Shenyang Urban-Rural"))


def test_the_invitation_travels_as_a_published_calendar_and_a_sample_session_says_so(catalog, links):
    out = _by_id(compose_placement(_placed(SeatCount()), TRAINING, catalog, links))
    (ics,) = out["001-registered.participant.email"].attachments
    assert ics.content_type == "text/calendar; method=PUBLISH; charset=utf-8"
    assert f"“【示例】{TRAINING.title['zh']}”" in out["001-registered.participant.sms"].body
    assert f"（{when_zh(TRAINING)}，{TRAINING.place['zh']}）" in out["001-registered.participant.sms"].body
    real = TRAINING.model_copy(update={"sample": False})
    body = _by_id(compose_placement(_placed(SeatCount()), real, catalog, links))["001-registered.participant.sms"].body
    assert f"您已报名“{TRAINING.title['zh']}”" in body


def when_zh(t):
    from chalicelib.catalog.trainings import when

    return when(t, "zh")


def test_the_canceller_gets_an_sms_only_and_no_reminder_is_left_for_the_day_itself(catalog, links):
    p = _placed(SeatCount())
    c = cancel(p.registration, TRAINING, p.after, [], NOW)
    out = compose_cancellation(c, TRAINING, catalog, links, NOW)
    assert [m.channel.value for m in out] == ["sms"] and "已取消" in out[0].body
    from chalicelib.domain.registration_messages import reminder_due

    late = TRAINING.model_copy(update={"registration": TRAINING.registration.model_copy(
        update={"deadline": TRAINING.start})})
    form = parse_registration({"organisation": "沈阳示例建设有限公司", "uscc": VALID_USCC,
                               "participant_name": "张工", "mobile": "13800138000", "seats": 1})
    due = reminder_due(late)
    at_due = place(form, late, SeatCount(), "TR261202-BBBBBBBBBB", "hash", "zh", due)
    assert REMINDER not in _by_id(compose_placement(at_due, late, catalog, links))  # its time has come already
    before = place(form, late, SeatCount(), "TR261202-CCCCCCCCCC", "hash", "zh", due - timedelta(minutes=1))
    assert REMINDER in _by_id(compose_placement(before, late, catalog, links))

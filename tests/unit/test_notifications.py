"""What a new request and its later steps send, to whom, when, and in which words: recipients
from the address book, the time of the write, the copy marked as a copy, the department
email's details in both languages, and the note when the holiday calendar is not yet known."""
from datetime import datetime, timezone

from chalicelib.domain.forms import FORMS
from chalicelib.domain.outbox import Channel
from chalicelib.service_layer import public, staff
from tests.conftest import consultation, officer


def _by_id(store, no):
    return {m.message_id: m for m in store.messages.values() if m.tracking_no == no}


def test_every_message_goes_to_the_address_the_book_gives_at_the_time_of_its_write(deps, store, addresses, clock):
    request = public.submit(consultation(email="zhang@example.com"), deps).request
    sent = _by_id(store, request.tracking_no)
    assert {i: (m.channel, m.recipient) for i, m in sent.items()} == {
        "001-submitted.quality-station.email": (Channel.EMAIL, addresses.of("quality-station").email),
        "001-submitted.quality-station.sms": (Channel.SMS, addresses.of("quality-station").mobile),
        "001-submitted.district-authority-hunnan.email": (Channel.EMAIL, addresses.of("district-authority-hunnan").email),
        "001-submitted.applicant.sms": (Channel.SMS, "+8613800138000"),
        "001-submitted.applicant.email": (Channel.EMAIL, "zhang@example.com")}
    assert {(m.created_at, m.next_attempt_at) for m in sent.values()} == {(clock.now(), clock.now())}
    copy = sent["001-submitted.district-authority-hunnan.email"]
    assert "（抄送）" in copy.subject and " (copy)" in copy.subject and "（抄送）" not in sent["001-submitted.quality-station.email"].subject


def test_a_poor_rating_tells_each_lead_department_by_email_and_sms_when_it_is_given(deps, store, addresses, clock):
    request = public.submit(consultation(), deps).request
    no, who = request.tracking_no, officer(deps, "officer.quality-station")
    for body in ({"action": "accept"}, {"action": "assign", "assignee": "officer2.quality-station"}, {"action": "start"},
                 {"action": "complete", "summary": "已解答全部问题"}):
        staff.act(who, no, body, deps)
    clock.advance(days=3)
    public.act_as_applicant(no, deps.links.access_token(no), {"action": "rate", "level": 2}, deps)
    rated = {i: m for i, m in _by_id(store, no).items() if "-rate." in i}
    assert {i: m.recipient for i, m in rated.items()} == {
        "006-rate.quality-station.email": addresses.of("quality-station").email,
        "006-rate.quality-station.sms": addresses.of("quality-station").mobile}
    assert {m.created_at for m in rated.values()} == {clock.now()}


def test_the_department_email_has_the_time_district_and_details_in_both_languages(deps, store):
    request = public.submit(consultation(), deps).request
    body = _by_id(store, request.tracking_no)["001-submitted.quality-station.email"].body
    assert "提交时间：2026-11-30 10:00（北京时间）" in body and "Submitted: 2026-11-30 10:00 (Beijing time)" in body
    assert "项目所在区县：浑南区" in body and "District: Hunnan District" in body
    label = FORMS["consultation"].model_fields["question"].json_schema_extra["x-label"]
    assert f"{label['zh']}：主体结构验收前需要准备哪些资料？" in body and f"{label['en']}: 主体结构验收前需要准备哪些资料？" in body


def test_the_applicant_is_told_when_the_holiday_calendar_is_not_yet_known(deps, store, clock):
    clock.current = datetime(2099, 12, 30, 2, 0, tzinfo=timezone.utc)
    request = public.submit(consultation(email="zhang@example.com"), deps).request
    sent = _by_id(store, request.tracking_no)
    assert "节假日安排尚未公布，暂按周一至周五计算" in sent["001-submitted.applicant.email"].body
    clock.current = datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)
    known = public.submit(consultation(email="zhang@example.com"), deps).request
    assert "节假日安排尚未公布" not in _by_id(store, known.tracking_no)["001-submitted.applicant.email"].body


def test_subjects_are_the_templates_words_exactly(deps, store, catalog):
    request = public.submit(consultation(email="zhang@example.com"), deps, lang="en").request
    sent = _by_id(store, request.tracking_no)
    no = request.tracking_no
    assert sent["001-submitted.applicant.email"].subject == f"Your proactive-service request was received ({no})"
    name = catalog.service("consultation").name
    assert sent["001-submitted.quality-station.email"].subject == f"[{no}] {name.zh} / {name.en}"


def test_a_departments_message_failed_for_good_is_resent_once_on_its_other_channel(deps, store, addresses):
    import dataclasses

    from chalicelib.domain.notifications import compose_fallback

    request = public.submit(consultation(), deps).request
    sent = {m.message_id: m for m in store.messages.values() if m.tracking_no == request.tracking_no}
    email = sent["001-submitted.quality-station.email"]
    sms = compose_fallback(email, request, deps.catalog, addresses)
    book = addresses.of("quality-station")
    assert (sms.channel, sms.recipient, sms.audience, sms.message_id) == (
        Channel.SMS, book.mobile, "quality-station", "001-submitted.quality-station.email.fallback")
    assert sms.created_at == sms.next_attempt_at == email.created_at  # its 24 hours count from the first
    assert request.tracking_no in sms.body
    back = compose_fallback(sent["001-submitted.quality-station.sms"], request, deps.catalog, addresses)
    assert (back.channel, back.recipient) == (Channel.EMAIL, book.email)
    assert deps.catalog.service(request.service).name.zh in back.body + back.subject
    assert compose_fallback(sms, request, deps.catalog, addresses) is None  # a fallback has none
    assert compose_fallback(sent["001-submitted.applicant.sms"], request, deps.catalog, addresses) is None
    assert compose_fallback(dataclasses.replace(email, audience="applicant"), request, deps.catalog, addresses) is None


def test_a_departments_email_links_the_workbench_in_both_languages(deps, store):
    request = public.submit(consultation(), deps).request
    body = store.messages[(request.tracking_no, "001-submitted.quality-station.email")].body
    assert deps.links.workbench_url(request.tracking_no) in body
    assert deps.links.workbench_url(request.tracking_no, "en") in body


def test_only_a_step_that_names_the_assignee_tells_them(deps, store, addresses, links):
    from chalicelib.domain.notifications import compose_change
    from chalicelib.domain.request import Viewer
    from chalicelib.domain.staff_actions import AcceptIn

    request = public.submit(consultation(), deps).request
    change = request.perform(AcceptIn(action="accept"), Viewer.officer({"quality-station"}), deps.clock.now())
    messages = compose_change(change, deps.catalog, addresses, links, "someone@staff.example.org")
    assert not [m for m in messages if m.audience == "assignee"]


def test_a_transfer_tells_the_new_department_at_its_own_addresses(deps, store, addresses):
    no = public.submit(consultation(), deps).request.tracking_no
    staff.act(officer(deps, "officer.quality-station"), no,
              {"action": "transfer", "department": "fire-design-division", "reason": "属消防设计审查"}, deps)
    book = addresses.of("fire-design-division")
    told = {m.channel: m.recipient for m in store.messages.values()
            if m.tracking_no == no and m.audience == "fire-design-division"}
    assert told == {Channel.EMAIL: book.email, Channel.SMS: book.mobile}

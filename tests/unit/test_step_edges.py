"""What each staff step records (its note in both languages and its details), whom an
assignment tells, a step whose reply was lost, and the dispatcher's edges: the page it sends by
default, who a new request's message marks notified, a send recorded alone."""
import dataclasses

import pytest

from chalicelib.domain.errors import InvalidRequest
from chalicelib.domain.lifecycle import Status
from chalicelib.service_layer import public, staff
from chalicelib.service_layer.dispatch import Dispatcher
from chalicelib.service_layer.ports import Conflict, Unavailable
from chalicelib.service_layer.steps import parse_action
from tests.conftest import consultation, officer


def _last(deps, no):
    return deps.store.get(no).timeline[-1]


def test_each_step_notes_what_was_done_in_both_languages_and_keeps_its_details(deps):
    no = public.submit(consultation(), deps).request.tracking_no
    who, head = officer(deps, "officer.quality-station"), officer(deps, "head.quality-station")
    staff.act(who, no, {"action": "accept"}, deps)
    staff.act(who, no, {"action": "ask_for_info", "items": "  竣工图纸\n\n检测报告 \n"}, deps)
    event = _last(deps, no)
    assert (event.note_zh, event.note_en, event.details) == ("竣工图纸；检测报告", "竣工图纸; 检测报告",
                                                             {"items": ["竣工图纸", "检测报告"]})
    other = public.submit(consultation(), deps).request.tracking_no
    staff.act(who, other, {"action": "accept"}, deps)
    staff.act(who, other, {"action": "assign", "assignee": "officer2.quality-station"}, deps)
    assert _last(deps, other).details == {"assignee": "officer2.quality-station"}
    staff.act(head, other, {"action": "reassign", "assignee": "officer.quality-station", "reason": "轮岗"}, deps)
    assert _last(deps, other).details == {"assignee": "officer.quality-station", "reason": "轮岗"}
    third = public.submit(consultation(), deps).request.tracking_no
    staff.act(who, third, {"action": "transfer", "department": "fire-design-division", "reason": "属消防"}, deps)
    assert _last(deps, third).details == {"department": "fire-design-division", "reason": "属消防"}


@pytest.mark.parametrize("reason, zh, en", [
    (None, "与已提交的申请重复", "Duplicates a request already submitted"),
    ("见SY261130-AAAA", "与已提交的申请重复：见SY261130-AAAA", "Duplicates a request already submitted: 见SY261130-AAAA"),
])
def test_a_rejection_notes_its_standard_reason_and_the_explanation_if_any(deps, reason, zh, en):
    no = public.submit(consultation(), deps).request.tracking_no
    body = {"action": "reject", "reason_code": "duplicate"} | ({"reason": reason} if reason else {})
    staff.act(officer(deps, "officer.quality-station"), no, body, deps)
    event = _last(deps, no)
    assert (event.note_zh, event.note_en) == (zh, en)


def test_an_assignment_tells_the_assigned_officer_at_their_own_address(deps):
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    staff.act(who, no, {"action": "accept"}, deps)
    staff.act(who, no, {"action": "assign", "assignee": "officer2.quality-station"}, deps)
    told = [m for m in deps.store.messages.values() if m.tracking_no == no and m.audience == "assignee"]
    assert [m.recipient for m in told] == ["officer2.quality-station@staff.example.org"]


def test_the_completion_deadline_is_the_services_own(deps, monkeypatch):
    standards = deps.catalog.standards
    monkeypatch.setattr(type(standards), "completion_days", lambda self, service: 7 if service == "consultation" else 1)
    no = public.submit(consultation(), deps).request.tracking_no
    who = officer(deps, "officer.quality-station")
    staff.act(who, no, {"action": "accept"}, deps)
    after = staff.act(who, no, {"action": "assign", "assignee": "officer2.quality-station"}, deps)
    assert after.complete_by == "2026-12-09"  # 7 working days from Monday 30 November


def test_a_body_that_is_not_an_object_is_refused_as_a_body_and_fields_lose_their_actions_tag():
    with pytest.raises(InvalidRequest) as info:
        parse_action(["accept"])
    assert [(e.field, e.message.en) for e in info.value.errors] == [("body", "The request body must be a JSON object.")]
    with pytest.raises(InvalidRequest) as info:
        parse_action({"action": "record", "kind": "x"})
    assert [e.field for e in info.value.errors] == ["kind", "date", "minutes", "notes"]


def _lose(monkeypatch, store, error, write):
    real, once = store.transition, [error]

    def transition(change, messages):
        if once:
            if write:
                real(change, messages)
            raise once.pop()
        return real(change, messages)
    monkeypatch.setattr(store, "transition", transition)


@pytest.mark.parametrize("error", [Unavailable("read timeout"), Conflict("the SDK's retry met our own write")])
def test_a_step_whose_reply_was_lost_is_answered_with_the_request_as_it_landed(deps, store, monkeypatch, error):
    no = public.submit(consultation(), deps).request.tracking_no
    _lose(monkeypatch, store, error, write=True)
    after = staff.act(officer(deps, "officer.quality-station"), no, {"action": "accept"}, deps)
    assert after == store.get(no) and after.status is Status.ACCEPTED
    assert [e.action for e in after.timeline].count("accept") == 1


def test_a_step_the_table_refused_before_writing_is_said_and_changes_nothing(deps, store, monkeypatch):
    request = public.submit(consultation(), deps).request
    _lose(monkeypatch, store, Unavailable("throttled"), write=False)
    with pytest.raises(Unavailable):
        staff.act(officer(deps, "officer.quality-station"), request.tracking_no, {"action": "accept"}, deps)
    assert store.get(request.tracking_no) == request


def test_dispatch_due_sends_twenty_five_at_a_time_by_default(deps, store, dispatcher, email, sms):
    for i in range(9):
        public.submit(consultation(question=f"第{i}个问题：验收资料？"), deps)
    total = len(store.messages)
    assert total > 26
    assert dispatcher.dispatch_due() == 25 and len(email.sent) + len(sms.sent) == 25
    assert dispatcher.dispatch_due() == total - 25


def test_only_a_lead_departments_message_of_a_new_request_marks_it_notified(deps, store):
    request = public.submit(consultation(), deps).request
    d = Dispatcher(deps)
    message = next(m for m in store.messages.values() if m.audience == "quality-station")
    for audience in ("applicant", "participant", "district-authority-hunnan"):
        assert d._notified(dataclasses.replace(message, audience=audience), deps.clock.now()) is None
    assert d._notified(dataclasses.replace(message, message_id="002-accept.quality-station.email"),
                       deps.clock.now()) is None
    change = d._notified(message, deps.clock.now())
    assert change.after.status is Status.NOTIFIED and change.before == request


def test_a_send_is_recorded_even_when_the_request_moved_on_meanwhile(deps, store, dispatcher, monkeypatch):
    no = public.submit(consultation(), deps).request.tracking_no
    staff.act(officer(deps, "officer.quality-station"), no, {"action": "accept"}, deps)
    real = store.record_sent
    calls = []

    def record_sent(message, provider_id, now, change=None):
        calls.append(change is not None)
        if change is not None:
            raise Conflict("moved on")
        return real(message, provider_id, now)
    monkeypatch.setattr(store, "record_sent", record_sent)
    monkeypatch.setattr(dispatcher, "_notified", lambda m, now: object())  # as if it had been new
    assert dispatcher.dispatch_one(no, "001-submitted.quality-station.email") == "sent"
    sent = store.messages[(no, "001-submitted.quality-station.email")]
    assert calls == [True, False] and sent.provider_id and sent.sent_at == deps.clock.now()

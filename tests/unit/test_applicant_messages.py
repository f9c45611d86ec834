"""What the applicant is told leaves no gap: the completed SMS carries the rating link, the
assigned SMS a way to reach the department, the confirmation claims a chosen way of contact only
where the form offered a choice; wherever the first-contact date appears it says it is indicative
while service-standards.yml says its limits are samples (and nothing of the kind once they are
not); a withdrawal's optional reason reaches the department."""
import dataclasses
from datetime import date

import pytest

from chalicelib.api import presenters
from chalicelib.domain.forms import FORMS
from chalicelib.domain.request import Viewer
from chalicelib.service_layer import public, staff
from tests.conftest import consultation, officer
from tests.unit.test_templates import _all_messages

TODAY = date(2026, 11, 30)


def _served(deps, lang="zh", **changes):
    """A consultation taken up to completion: (request, its messages)."""
    request = public.submit(consultation(**changes), deps, lang=lang).request
    who = officer(deps, "officer.quality-station")
    for body in ({"action": "accept"}, {"action": "assign", "assignee": "officer2.quality-station"}, {"action": "start"},
                 {"action": "complete", "summary": "已现场解答全部问题。"}):
        staff.act(who, request.tracking_no, body, deps)
    return request, [m for m in deps.store.messages.values() if m.tracking_no == request.tracking_no]


def _body(messages, event, channel="sms", audience="applicant"):
    (m,) = [m for m in messages if f"-{event}.{audience}.{channel}" in m.message_id]
    return m.body


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_completed_sms_carries_the_link_to_rate_and_the_assigned_sms_a_way_to_the_department(deps, lang):
    request, messages = _served(deps, lang)
    assert deps.links.status_url(request.tracking_no, lang) in _body(messages, "complete")
    assigned = _body(messages, "assign")
    assert "示例经办人乙" in assigned and deps.catalog.department("quality-station").name[lang] in assigned
    assert deps.links.contacts_url("quality-supervision", lang) in assigned
    assert deps.links.contacts_url("quality-supervision", lang).endswith(
        ("/contacts/#quality-supervision", "/en/contacts/#quality-supervision"))


@pytest.mark.parametrize("service", list(FORMS))
def test_the_confirmation_says_how_you_chose_to_be_contacted_only_where_you_could_choose(deps, service):
    submission = public.submit(FORMS[service].example(TODAY), deps, lang="en")
    words = presenters.next_steps(submission.request, deps.catalog, deps.links)
    chose = "contact_preference" in FORMS[service].model_fields
    assert ("as you chose" in words.en) == chose and ("按您选择的方式" in words.zh) == chose
    assert "as you asked" not in words.en


def _notes(deps):
    note = deps.catalog.standards.sample_note
    return note.zh, note.en


def test_wherever_the_first_contact_date_appears_it_says_it_is_indicative(deps):
    messages = _all_messages(deps)
    due = {m.tracking_no: deps.store.get(m.tracking_no).respond_by for m in messages}
    zh, en = _notes(deps)
    dated = [m for m in messages if due[m.tracking_no] in m.body]
    assert {m.message_id.split(".", 1)[1] for m in dated} >= {"applicant.sms", "applicant.email", "quality-station.email"}
    for m in dated:  # each mention of the date has the note beside it
        assert m.body.count(due[m.tracking_no]) == m.body.count(zh) + m.body.count(en), m.body
    request = public.submit(consultation(), deps, lang="en").request
    words = presenters.next_steps(request, deps.catalog, deps.links)
    assert f"{request.respond_by} ({en})" in words.en and zh in words.zh  # the page's confirmation
    shown = presenters.status(request, Viewer.applicant(request.tracking_no), deps.catalog)
    assert shown["respond_by"] == request.respond_by and shown["respond_by_note"] == {"zh": zh, "en": en}


def test_one_switch_in_the_data_file_turns_the_wording_off_once_the_limits_are_real(deps):
    zh, en = _notes(deps)
    standards = deps.catalog.standards.model_copy(update={"sample": False})
    deps = dataclasses.replace(deps, catalog=deps.catalog.model_copy(update={"standards": standards}))
    messages = _all_messages(deps)
    assert messages and not [m for m in messages if zh in m.body or en in m.body or "indicative" in m.body]
    request = public.submit(consultation(), deps).request
    assert request.respond_by in presenters.next_steps(request, deps.catalog, deps.links).zh
    shown = presenters.status(request, Viewer.applicant(request.tracking_no), deps.catalog)
    assert shown["respond_by_note"] is None


def test_a_withdrawal_may_give_a_reason_and_the_department_is_told_it(deps):
    request = public.submit(consultation(), deps).request
    token = deps.links.access_token(request.tracking_no)
    after, _ = public.act_as_applicant(request.tracking_no, token,
                                       {"action": "withdraw", "reason": "项目暂缓\n明年再申请"}, deps)
    assert after.status.value == "withdrawn" and after.timeline[-1].note_zh == "项目暂缓\n明年再申请"
    (email,) = [m for m in deps.store.messages.values() if m.message_id.endswith("withdraw.quality-station.email")]
    assert "申请人说明的原因：项目暂缓\n    明年再申请" in email.body  # the applicant's second line kept off the margin
    without = public.submit(consultation(), deps).request
    public.act_as_applicant(without.tracking_no, deps.links.access_token(without.tracking_no), {"action": "withdraw"}, deps)
    (plain,) = [m for m in deps.store.messages.values()
                if m.tracking_no == without.tracking_no and m.message_id.endswith("withdraw.quality-station.email")]
    assert "原因" not in plain.body

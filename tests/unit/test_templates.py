"""Every message of every template, for every event and language: an email's subject is one line
and never the start of its body (a template once glued the greeting onto the subject)."""
import pytest

from chalicelib.domain import notifications
from chalicelib.domain.lifecycle import STEPS
from chalicelib.service_layer import public, staff
from tests.conftest import consultation, officer


def _all_messages(deps):
    """Serve one request through every step (and a poor rating), in both languages."""
    for lang in ("zh", "en"):
        request = public.submit(consultation(email="zhang@example.com"), deps, lang=lang).request
        no, token = request.tracking_no, deps.links.access_token(request.tracking_no)
        who, head = officer(deps, "officer.quality-station"), officer(deps, "head.quality-station")
        for body in ({"action": "ask_for_info", "items": "施工图\n合同"}, {"action": "accept"},
                     {"action": "assign", "assignee": "officer2.quality-station"}):
            if body["action"] == "accept":
                public.act_as_applicant(no, token, {"action": "answer", "answer": "已补充"}, deps)
            staff.act(who, no, body, deps)
        staff.act(head, no, {"action": "reassign", "assignee": "officer.quality-station", "reason": "调整"}, deps)
        for body in ({"action": "start"}, {"action": "complete", "summary": "已解答全部问题"}):
            staff.act(who, no, body, deps)
        public.act_as_applicant(no, token, {"action": "rate", "level": 1, "comment": "第一行\n第二行"}, deps)
        for first in ({"action": "reject", "reason_code": "duplicate"},
                      {"action": "transfer", "department": "fire-design-division", "reason": "消防设计问题"}):
            other = public.submit(consultation(email="li@example.com"), deps, lang=lang).request
            staff.act(who, other.tracking_no, first, deps)
        withdrawn = public.submit(consultation(), deps, lang=lang).request
        public.act_as_applicant(withdrawn.tracking_no, deps.links.access_token(withdrawn.tracking_no),
                                {"action": "withdraw"}, deps)
    return list(deps.store.messages.values())


def test_every_subject_is_one_line_and_not_the_bodys_first_line(deps):
    messages = _all_messages(deps)
    emails = [m for m in messages if m.channel.value == "email"]
    events = {m.message_id.split(".")[0].split("-", 1)[1] for m in messages}
    assert events == {"submitted", "ask_for_info", "answer", "assign", "reassign", "complete", "rate", "reject",
                      "transfer", "withdraw"}
    assert {m.audience for m in emails} >= {"applicant", "quality-station", "district-authority-hunnan"}
    for m in emails:
        assert m.subject and "\n" not in m.subject and "\r" not in m.subject, m.message_id
        first = m.body.splitlines()[0]
        assert first and first not in m.subject and m.subject not in m.body.splitlines()[0], m.message_id
    for m in messages:
        if m.channel.value == "sms":
            assert m.subject == "" and m.body


def test_every_step_that_notifies_has_its_words_in_the_templates():
    texts = "".join(p.read_text(encoding="utf-8") for p in notifications._TEMPLATES.glob("event_*.j2"))
    for step in STEPS:
        if step.notify and step.action != "transfer":  # a transfer's department gets a new request's email
            assert f'"{step.action}"' in texts, f"no template text for {step.action}"


@pytest.mark.parametrize("name", sorted(p.name for p in notifications._TEMPLATES.glob("*email*.j2")))
def test_each_email_template_has_a_subject_and_a_body_block(name):
    template = notifications._env().get_template(name)
    assert {"subject", "body"} <= set(template.blocks)

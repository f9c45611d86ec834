"""Every message of every template, for every event and language: an email's subject is one line
and never the start of its body (a template once glued the greeting onto the subject)."""
import pytest

from chalicelib.domain import notifications
from chalicelib.domain.lifecycle import STEPS
from chalicelib.service_layer import public, staff
from tests.conftest import consultation


def _all_messages(deps):
    """Serve one request through every step (and a poor rating), in both languages."""
    for lang in ("zh", "en"):
        request = public.submit(consultation(email="zhang@example.com"), deps, lang=lang).request
        no, key, token = request.tracking_no, deps.links.staff_key(request.tracking_no), deps.links.access_token(request.tracking_no)
        for body in ({"action": "accept"}, {"action": "assign", "assignee": "李工"}, {"action": "start"},
                     {"action": "complete"}):
            staff.act_as_department(no, key, body, deps)
        public.act_as_applicant(no, token, {"action": "rate", "level": 1, "comment": "第一行\n第二行"}, deps)
        for first in ({"action": "reject", "reason": "不属于服务范围"},):
            other = public.submit(consultation(email="li@example.com"), deps, lang=lang).request
            staff.act_as_department(other.tracking_no, deps.links.staff_key(other.tracking_no), first, deps)
        withdrawn = public.submit(consultation(), deps, lang=lang).request
        public.act_as_applicant(withdrawn.tracking_no, deps.links.access_token(withdrawn.tracking_no),
                                {"action": "withdraw"}, deps)
    return list(deps.store.messages.values())


def test_every_subject_is_one_line_and_not_the_bodys_first_line(deps):
    messages = _all_messages(deps)
    emails = [m for m in messages if m.channel.value == "email"]
    events = {m.message_id.split(".")[0].split("-", 1)[1] for m in messages}
    assert events == {"submitted", "assigned", "completed", "rated", "rejected", "withdrawn"}
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
        if step.notify:
            assert f'"{step.target.value}"' in texts, f"no template text for {step.target.value}"


@pytest.mark.parametrize("name", sorted(p.name for p in notifications._TEMPLATES.glob("*email*.j2")))
def test_each_email_template_has_a_subject_and_a_body_block(name):
    template = notifications._env().get_template(name)
    assert {"subject", "body"} <= set(template.blocks)

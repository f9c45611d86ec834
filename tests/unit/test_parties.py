"""The five responsible parties of the fire-acceptance service, without I/O: the form collects
them (the client required, a party given at all reachable), the completion records the findings
and, in the same write, one email and one SMS per party and channel given; each is sent once by
the dispatcher, also after failing providers; the link opens the findings and nothing else."""
from datetime import date

import pytest

from chalicelib.domain.errors import InvalidRequest
from chalicelib.domain.forms import FORMS
from chalicelib.domain.parties import ADVICE_ONLY, PARTIES, contacts, takes_findings
from chalicelib.service_layer import public, staff
from tests.conftest import officer
from tests.fakes import THROTTLED, REJECTED

LEAD = "officer.fire-acceptance-division"
FORM = FORMS["fire-acceptance-service"]
FINDINGS = "1. 防火封堵不完整，请按规范补做。\n2. 排烟风机未联动。"


def fire_body(**overrides) -> dict:
    """A valid fire-acceptance-service body (its model's example: every party reachable, the
    surveyor left out here, the supervisor by both channels); keyword arguments replace or (with
    None) drop fields."""
    body = {k: v for k, v in FORM.example(date(2026, 12, 1)).items() if not k.startswith("surveyor_")} | {
        "supervisor_mobile": "139 1234 5678", "supervisor_email": "jl@example.test"}
    for key, value in overrides.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def test_the_form_has_four_fields_per_party_from_the_one_table():
    for role in PARTIES:
        assert {f"{role}_{p}" for p in ("org", "person", "mobile", "email")} <= set(FORM.model_fields)
    assert FORM.model_fields["client_org"].is_required()
    assert not any(FORM.model_fields[f"{r}_org"].is_required() for r in PARTIES if r != "client")
    assert takes_findings("fire-acceptance-service") and not takes_findings("consultation")


@pytest.mark.parametrize("change, field", [
    ({"client_org": None}, "client_org"),  # the client is never optional
    ({"client_mobile": None}, "client_mobile"),  # … and must be reachable
    ({"surveyor_person": "王工"}, "surveyor_org"),  # a party given at all needs its organisation
    ({"surveyor_org": "沈阳示例勘察院"}, "surveyor_mobile"),  # … and a mobile or an email
    ({"designer_email": "not-an-email"}, "designer_email"),
    ({"supervisor_mobile": "12345"}, "supervisor_mobile"),
])
def test_a_party_that_cannot_be_reached_is_refused_naming_its_field_in_both_languages(deps, change, field):
    with pytest.raises(InvalidRequest) as info:
        public.submit(fire_body(**change), deps)
    errors = info.value.errors
    assert [e.field for e in errors] == [field] and errors[0].message.zh and errors[0].message.en
    assert deps.store.requests == {}  # nothing stored


def test_contacts_are_the_reachable_parties_in_table_order_with_normalised_mobiles():
    form = FORM.model_validate(fire_body()).model_dump()
    found = contacts(form)
    assert [c.role for c in found] == ["client", "designer", "contractor", "supervisor"]
    supervisor = found[-1]
    assert (supervisor.mobile, supervisor.email, supervisor.audience) == ("+8613912345678", "jl@example.test",
                                                                          "party-supervisor")


def served(deps, **changes) -> str:
    """A fire-acceptance-service request taken up to in service by its lead department."""
    no = public.submit(fire_body(**changes), deps).request.tracking_no
    who = officer(deps, LEAD)
    for body in ({"action": "accept"}, {"action": "assign", "assignee": LEAD}, {"action": "start"}):
        staff.act(who, no, body, deps)
    return no


def complete(deps, no, **extra):
    return staff.act(officer(deps, LEAD), no, {"action": "complete", "summary": "现场指导已完成。"} | extra, deps)


def party_messages(deps, no):
    return {m.message_id.split(".", 1)[1]: m for m in deps.store.messages.values()
            if m.tracking_no == no and m.audience.startswith("party-")}


def test_the_completion_records_the_findings_and_each_partys_messages_in_one_write(deps):
    no = served(deps)
    before = deps.store.writes
    request = complete(deps, no, findings=FINDINGS)
    assert deps.store.writes == before + 1
    assert request.findings == FINDINGS and deps.store.get(no).findings == FINDINGS
    sent = party_messages(deps, no)
    assert set(sent) == {"party-client.sms", "party-designer.email", "party-contractor.sms",
                         "party-contractor.email", "party-supervisor.sms", "party-supervisor.email"}
    assert sent["party-client.sms"].recipient == "+8613900139000"
    mail = sent["party-designer.email"]
    assert FINDINGS in mail.body and ADVICE_ONLY.zh in mail.body and ADVICE_ONLY.en in mail.body
    assert "不作为正式验收问题清单" in sent["party-client.sms"].body and "not the formal" in sent["party-client.sms"].body
    link = deps.links.findings_url(no, "designer", "zh")
    assert link in mail.body and deps.links.findings_url(no, "designer", "en") in mail.body
    # the party's link carries its own secret, never the applicant's
    for m in sent.values():
        assert deps.links.access_token(no) not in m.body
        assert deps.links.findings_token(no, m.audience.removeprefix("party-")) in m.body


def test_findings_are_required_for_fire_acceptance_and_refused_elsewhere(deps):
    no = served(deps)
    with pytest.raises(InvalidRequest) as info:
        complete(deps, no)
    assert info.value.errors[0].field == "findings" and "five responsible parties" in info.value.errors[0].message.en
    assert party_messages(deps, no) == {} and deps.store.get(no).status.value == "in_service"
    from tests.conftest import consultation

    other = public.submit(consultation(stage="fire-acceptance"), deps).request.tracking_no
    who = officer(deps, LEAD)
    for body in ({"action": "accept"}, {"action": "assign", "assignee": LEAD}, {"action": "start"}):
        staff.act(who, other, body, deps)
    with pytest.raises(InvalidRequest) as info:
        complete(deps, other, findings=FINDINGS)
    assert info.value.errors[0].field == "findings"


def test_each_party_gets_its_message_exactly_once_also_when_providers_fail(deps, dispatcher, email, sms, clock):
    no = served(deps)
    complete(deps, no, findings=FINDINGS)
    email.failures = [THROTTLED, THROTTLED]
    sms.failures = [THROTTLED]
    for _ in range(12):  # sweeps with time passing: retries fall due, nothing is sent twice
        dispatcher.dispatch_due()
        clock.advance(minutes=10)
    recipients = [to for to, _, _ in email.sent + sms.sent]
    for address in ("+8613900139000", "design@example.com", "+8613700137000", "site@example.com", "+8613912345678",
                    "jl@example.test"):
        assert recipients.count(address) == 1, address
    assert all(m.status.value == "sent" for m in party_messages(deps, no).values())


def test_a_party_message_rejected_for_good_is_failed_without_a_fallback(deps, dispatcher, email, clock):
    no = served(deps)
    dispatcher.dispatch_due()  # the earlier steps' messages are out of the way
    complete(deps, no, findings=FINDINGS)
    send = email.send_email

    def refuse_the_designer(to, subject, body, attachments=()):
        if to == "design@example.com":
            raise REJECTED
        return send(to, subject, body, attachments)

    email.send_email = refuse_the_designer
    dispatcher.dispatch_due()
    statuses = {k: m.status.value for k, m in party_messages(deps, no).items()}
    assert statuses.pop("party-designer.email") == "failed" and set(statuses.values()) == {"sent"}
    assert len(statuses) == 5
    assert not any(m.message_id.endswith(".fallback") for m in deps.store.messages.values())


def test_wrong_findings_secrets_spend_the_lookups_budget_and_then_even_the_right_one_waits(deps):
    from chalicelib.domain.errors import NotFound
    from chalicelib.domain.limits import Limited
    from chalicelib.service_layer import findings

    no = served(deps)
    complete(deps, no, findings=FINDINGS)
    right = deps.links.findings_token(no, "client")
    assert findings.for_party(no, "client", right, deps, "198.51.100.7")[1].organisation == "沈阳示例置业有限公司"
    for _ in range(deps.limits.secret.most):
        with pytest.raises(NotFound):
            findings.for_party(no, "client", "not-the-secret", deps, "198.51.100.7")
    with pytest.raises(Limited):
        findings.for_party(no, "client", right, deps, "198.51.100.7")

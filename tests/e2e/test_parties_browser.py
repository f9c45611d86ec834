"""The five responsible parties and reply templates in a real browser over the local stack: the
fire-acceptance-service form shows a section per party on a phone in both languages; an officer
picks reply templates on the complete form (the text goes into the field, edited before
sending), sees the parties' deliveries, and a party opens its link on a phone and reads the
findings with the words that they are advice only."""
from __future__ import annotations

import re

import pytest

from chalicelib.domain.parties import PARTIES
from tests.e2e.browser import DESKTOP, PHONE, require_chromium, shot
from tests.e2e.test_workbench_browser import _act, _fits, _offered, _open, _request_view, _sign_in, axe_serious
from tests.unit.test_parties import fire_body

require_chromium()

OFFICER = "officer.fire-acceptance-division"
PREFIX = {"zh": "", "en": "/en"}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_form_shows_each_party_in_its_own_section_on_a_phone(stack, new_page, lang):
    page = new_page(viewport=PHONE)
    page.goto(f"{stack.url}{PREFIX[lang]}/services/fire-acceptance-service/")
    legends = page.eval_on_selector_all("form.portal-form fieldset.portal-section > legend", "ls => ls.map(l => l.textContent)")
    for name in PARTIES.values():
        assert any(name[lang] in legend for legend in legends), (name[lang], legends)
    assert page.locator("#f-client_org[required]").count() == 1  # the client's organisation is required
    assert page.locator("#f-surveyor_mobile").get_attribute("autocomplete") == "off"  # not the applicant's own
    _fits(page)
    assert not axe_serious(page), axe_serious(page)
    shot(page, f"fire-acceptance-form-parties-{lang}")


def test_the_officer_picks_templates_and_a_party_opens_its_findings(stack, http, new_page, outbox):
    no = http.post(f"{stack.url}/api/requests", json=fire_body(), timeout=30).json()["tracking_no"]
    page, _ = _open(new_page, stack, DESKTOP, f"/staff/#request={no}")
    assert _sign_in(page, OFFICER).status == 200
    _request_view(page, no)
    assert page.locator(".portal-wb-parties").count() == 1  # the parties, before anything is sent
    assert page.locator("#w-reject-reply option").count() > 1, "the reject form offers its templates"
    _act(page, "accept")
    page.wait_for_selector(f"#w-assign-assignee option[value='{OFFICER}']", state="attached")
    page.select_option("#w-assign-assignee", OFFICER)
    _act(page, "assign")
    _act(page, "start")
    assert "complete" in _offered(page)
    findings_box = page.locator("#w-complete-findings")
    assert findings_box.is_visible(), "the findings field shows on a request with parties"
    assert not axe_serious(page), axe_serious(page)  # with the template pickers shown
    options = page.eval_on_selector_all("#w-complete-reply option", "os => os.map(o => o.value + '|' + o.textContent)")
    findings_option = next(o.split("|")[0] for o in options if "4(5)4" in o or "四（五）4" in o)
    page.select_option("#w-complete-reply", findings_option)
    assert "举一反三" in findings_box.input_value()  # the plan's words, in the applicant's language
    findings_box.fill(findings_box.input_value().replace("1. ", "1. 防火封堵不完整", 1))  # edited before sending
    summary_option = next(o.split("|")[0] for o in options if "消防验收靠前服务办结说明" in o)
    page.select_option("#w-complete-reply", summary_option)
    summary = page.locator("#w-complete-summary").input_value()
    assert "{" not in summary and "五方责任主体" in summary
    done = _act(page, "complete", confirm=True)
    assert done["status"]["id"] == "completed"
    page.wait_for_selector(".portal-wb-parties .portal-wb-delivery")
    assert "防火封堵不完整" in page.locator(".portal-wb-findings").inner_text()  # what was sent, as sent
    assert page.locator(".portal-wb-parties .portal-wb-delivery").count() == 6
    assert not axe_serious(page), axe_serious(page)
    shot(page, "workbench-parties-delivered")

    (sms,) = outbox.mine(no, channel="sms", to="+8613900139000", count=1)  # the client's
    link = re.search(r"https?://\S+/findings/#\S+", sms["body"]).group(0)
    party = new_page(viewport=PHONE)
    for lang in ("zh", "en"):
        party.goto(link if lang == "zh" else link.replace("/findings/", "/en/findings/"))
        party.wait_for_selector(".portal-findings-text")
        text = party.locator(".portal-findings-body").inner_text()
        assert "防火封堵不完整" in text
        assert ("不作为项目正式验收的问题清单" if lang == "zh" else "not the problem list") in text
        _fits(party)
        assert not axe_serious(party), axe_serious(party)
        shot(party, f"findings-{lang}")

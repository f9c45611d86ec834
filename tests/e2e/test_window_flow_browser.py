"""The window flow in a real browser, on a phone and on a desktop, in both languages: decode a
window's printed QR poster, open its link, meet a field error, correct it, submit, see the
confirmation, follow the status link, find the department's email in the local outbox; axe
finds no serious or critical violation on the form, confirmation and status pages."""
import os
import re
import subprocess
import sys

import pypdfium2
import pytest
import zxingcpp

from tests.e2e.browser import DESKTOP, PHONE, axe_serious, require_chromium, shot
from tests.e2e.harness import ROOT

require_chromium()

TEXT = {"zh": {"error": "11位中国大陆手机号码", "confirmed": "申请已提交", "timeline": "办理记录", "submitted": "已提交"},
        "en": {"error": "11-digit mainland China mobile number", "confirmed": "Request submitted",
               "timeline": "Timeline", "submitted": "Submitted"}}


@pytest.fixture(scope="module")
def poster_link(stack, tmp_path_factory):
    """The link a phone reads from the printed PDF poster of the permit window (zxing-cpp), made
    as `make qr` makes it, with the stack's own origin (and its default link key)."""
    out = tmp_path_factory.mktemp("qr")
    env = {k: v for k, v in os.environ.items() if k != "WINDOW_LINK_KEY"} | {"PUBLIC_BASE_URL": stack.url}
    subprocess.run([sys.executable, str(ROOT / "site" / "qr" / "posters.py"), str(out)], env=env, check=True,
                   cwd=ROOT, capture_output=True)
    page = pypdfium2.PdfDocument(str(out / "permit-window.pdf"))[0].render(scale=2).to_pil()
    (code,) = zxingcpp.read_barcodes(page)
    assert code.text.startswith(f"{stack.url}/w/permit-window/?k=")
    return code.text


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_from_the_window_qr_code_to_the_departments_inbox(stack, new_page, poster_link, outbox, lang, viewport):
    name = f"{'phone' if viewport is PHONE else 'desktop'}-{lang}"
    text = TEXT[lang]
    page = new_page(viewport=viewport, locale="zh-CN" if lang == "zh" else "en-GB")
    foreign = []
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith((stack.url, "data:")) else None)
    link = poster_link if lang == "zh" else poster_link.replace("/w/", "/en/w/")
    page.goto(link)
    page.locator("a.portal-window-service[data-service='permit-pre-consultation']").click()
    page.wait_for_selector("form.portal-form[data-ready]")
    assert "k=" in page.url and "window=permit-window" in page.url
    shot(page, f"{name}-1-form")

    page.locator("#f-topics-0").check()
    page.fill("#f-question", "施工许可需要哪些申请材料？" if lang == "zh" else "Which materials does a permit application need?")
    page.fill("#f-organisation", "沈阳示例建设有限公司")
    page.fill("#f-uscc", "91210100ma0y9kqx13")
    page.fill("#f-contact_name", "张工")
    page.fill("#f-mobile", "12345")
    page.locator("#f-mobile").blur()
    error = page.locator("#f-mobile-error")
    assert error.is_visible() and text["error"] in error.inner_text()
    assert page.locator("#f-mobile").get_attribute("aria-invalid") == "true"
    assert not axe_serious(page), axe_serious(page)
    shot(page, f"{name}-2-field-error")

    page.fill("#f-mobile", "138 0013 8000")
    page.locator("button[type=submit]").click()
    confirmation = page.locator(".portal-confirmation")
    confirmation.wait_for()
    assert text["confirmed"] in confirmation.inner_text()
    tracking_no = page.locator(".portal-tracking-no").inner_text()
    assert re.fullmatch(r"SY\d{6}-[0-9A-Z]{10}", tracking_no)
    assert not axe_serious(page), axe_serious(page)
    shot(page, f"{name}-3-confirmation")

    page.locator("a.portal-status-link").click()
    page.wait_for_selector(".portal-timeline li")
    assert text["submitted"] in page.locator(".portal-timeline").inner_text()
    assert tracking_no in page.locator(".portal-status").inner_text()
    assert not axe_serious(page), axe_serious(page)
    shot(page, f"{name}-4-status")
    assert foreign == []
    page.close()

    (email,) = outbox.mine(tracking_no, channel="email", to="market-division@departments.example.org")
    assert "施工许可审批窗口" in email["body"]  # the window attribution survived the signed link


def test_the_form_works_by_keyboard_alone(stack, new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"{stack.url}/services/consultation/")
    page.wait_for_selector("form.portal-form[data-ready]")
    page.locator("#f-stage").focus()
    page.keyboard.press("ArrowDown")  # first stage
    values = {"f-question": "地下室防水验收有什么要求？", "f-organisation": "沈阳示例建设有限公司",
              "f-uscc": "91210100MA0Y9KQX13", "f-contact_name": "李工", "f-mobile": "13900139000"}
    order = []
    for _ in range(40):  # walk the form with Tab, typing where a value is wanted
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id")
        order.append(focused)
        if focused in values:
            page.keyboard.type(values.pop(focused))
        if not values and page.evaluate("document.activeElement.type") == "submit":
            break
    assert not values, f"not reached by Tab: {values}"
    page.keyboard.press("Enter")
    page.locator(".portal-confirmation").wait_for()
    assert page.evaluate("document.activeElement.classList.contains('portal-confirmation')")
    page.close()


def test_server_errors_are_shown_beside_their_field_and_announced(stack, new_page):
    page = new_page(viewport=PHONE)
    page.goto(f"{stack.url}/services/archive-pre-acceptance/")
    page.wait_for_selector("form.portal-form[data-ready]")
    for field, value in {"#f-project_name": "示例项目", "#f-organisation": "沈阳示例建设有限公司",
                         "#f-uscc": "91210100MA0Y9KQX13", "#f-contact_name": "王工", "#f-mobile": "13800138000",
                         "#f-planned_completion_acceptance": "2099-01-01"}.items():
        page.fill(field, value)
    page.select_option("#f-district", "hunnan")
    page.select_option("#f-works_type", "building")
    page.locator("#f-under_construction-0").check()
    page.locator("button[type=submit]").click()
    error = page.locator("#f-planned_completion_acceptance-error")
    error.wait_for(state="visible")
    assert "2个月内" in error.inner_text()
    summary = page.locator(".portal-summary")
    assert summary.get_attribute("role") == "alert" and summary.is_visible()
    assert page.evaluate("document.activeElement.classList.contains('portal-summary')")
    page.close()

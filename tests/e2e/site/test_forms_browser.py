"""A request form on a 360-px touch phone, as a new user fills it in: a tap on Submit is never
swallowed by the error of the field being left, the error summary follows the fields as they are
corrected, each field brings the keyboard it needs, and nothing typed or pasted is cut at a limit.
The API is not needed for this: the page's POST is caught and answered here."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.e2e
VALID = {"#f-question": "Which documents does the acceptance of the main structure need?",
         "#f-organisation": "Shenyang Example Construction Co.", "#f-uscc": "91210100MA0Y9KQX13",
         "#f-contact_name": "Zhang", "#f-mobile": "13800138000"}


def _form(phone, origin, path="/en/services/consultation/"):
    posts = []

    def answer(route):
        posts.append(json.loads(route.request.post_data or "{}"))
        route.fulfill(status=503, content_type="application/json",
                      body=json.dumps({"error": {"code": "unavailable", "message": {"zh": "稍后再试。", "en": "Try later."}}}))
    phone.route("**/api/requests**", answer)
    phone.goto(origin + path)
    phone.wait_for_selector("form.portal-form[data-ready]")
    phone.select_option("#f-stage", "quality-supervision")
    return posts


def _summary(phone) -> str:
    box = phone.locator(".portal-summary")
    return box.inner_text() if box.is_visible() else ""


def _press_and_release(page, selector):
    """Press and release where the button is now, as a finger or a mouse does: whatever the press
    changes on the page (the error of the field it leaves) happens before the release lands.
    Safari has no scroll anchoring, so there what appears above the button moves it under the
    finger; Chromium's anchoring would hide that, and is turned off here to meet Safari's case."""
    page.add_style_tag(content="html, body { overflow-anchor: none; }")
    button = page.locator(selector)
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.up()


def test_a_tap_on_submit_while_an_invalid_field_has_focus_is_not_lost(phone, origin):
    posts = _form(phone, origin)
    for selector, value in VALID.items():
        phone.fill(selector, value)
    phone.fill("#f-email", "zhang@")  # the last field before the button, left invalid and focused
    _press_and_release(phone, "button[type=submit]")
    phone.wait_for_selector(".portal-summary:not([hidden])")
    assert "Email" in _summary(phone) and phone.evaluate("document.activeElement.classList.contains('portal-summary')")
    assert posts == []  # refused in the page: the email is not valid
    phone.fill("#f-email", "zhang@example.com")
    assert _summary(phone) == ""  # corrected: the summary has nothing left to say
    phone.locator("#f-email").focus()
    with phone.expect_response("**/api/requests**"):
        _press_and_release(phone, "button[type=submit]")
    assert posts and posts[-1]["email"] == "zhang@example.com"


def test_the_error_summary_follows_the_fields_as_they_are_filled_in(phone, origin):
    _form(phone, origin)
    phone.locator("button[type=submit]").click()
    phone.wait_for_selector(".portal-summary:not([hidden])")
    summary = _summary(phone)
    assert "Organisation" in summary and "Mobile number" in summary
    phone.fill("#f-organisation", VALID["#f-organisation"])
    phone.locator("#f-organisation").blur()
    summary = _summary(phone)
    assert "Organisation" not in summary and "Mobile number" in summary  # no longer listed as required
    assert not phone.locator("#f-organisation").get_attribute("aria-invalid")


def test_each_field_brings_its_keyboard_and_a_paste_is_read_as_the_server_reads_it(phone, origin):
    posts = _form(phone, origin)
    for selector, kind in (("#f-email", ["INPUT", "email", "email", "email"]), ("#f-mobile", ["INPUT", "tel", "tel", "tel-national"]),
                           ("#f-uscc", ["INPUT", "text", "text", "off"])):
        assert phone.eval_on_selector(selector, "e => [e.tagName, e.type, e.inputMode, e.autocomplete]") == kind, selector
    for selector, value in VALID.items():
        phone.fill(selector, value)
    phone.fill("#f-uscc", "")
    phone.locator("#f-uscc").focus()
    phone.keyboard.insert_text("9121 0100 MA0Y 9KQX 13")  # 22 characters as pasted, 18 as read
    phone.locator("#f-mobile").focus()
    assert phone.input_value("#f-uscc") == "91210100MA0Y9KQX13"
    assert phone.locator("#f-uscc-error").is_hidden()
    phone.fill("#f-mobile", "")
    phone.locator("#f-mobile").focus()
    phone.keyboard.insert_text("１３８ ００１３ ８０００")  # full-width digits and spaces
    phone.locator("#f-uscc").focus()
    assert phone.input_value("#f-mobile") == "13800138000"
    with phone.expect_response("**/api/requests**"):
        phone.locator("button[type=submit]").click()
    assert posts[-1]["uscc"] == "91210100MA0Y9KQX13" and posts[-1]["mobile"] == "13800138000"


def test_long_text_shows_its_limit_and_count_and_is_never_cut(phone, origin):
    _form(phone, origin)
    count = phone.locator("#f-question-count")
    assert count.inner_text() == "0 of 2000 characters."
    text = "x" * 2500
    phone.locator("#f-question").focus()
    phone.keyboard.insert_text(text)
    assert phone.input_value("#f-question") == text  # nothing cut
    assert count.inner_text() == "2500 of 2000 characters." and "portal-over" in count.get_attribute("class")
    phone.locator("#f-organisation").focus()
    error = phone.locator("#f-question-error")
    assert error.inner_text() == "Enter at most 2000 characters: this has 2500."
    phone.locator("#f-organisation").focus()
    phone.keyboard.insert_text("名" * 120)
    assert phone.input_value("#f-organisation") == "名" * 120
    phone.locator("#f-contact_name").focus()
    assert phone.locator("#f-organisation-error").inner_text() == "Enter at most 100 characters: this has 120."


def test_the_chinese_form_speaks_chinese_about_limits(phone, origin):
    _form(phone, origin, "/services/consultation/")
    assert phone.locator("#f-question-count").inner_text() == "已输入 0 个字符，最多 2000 个。"
    phone.locator("#f-project_name").focus()
    phone.keyboard.insert_text("项" * 101)
    phone.locator("#f-organisation").focus()
    assert phone.locator("#f-project_name-error").inner_text() == "最多 100 个字符，现在有 101 个。"

"""Material's bundle runs on the reader's first interaction, not at load
(site/overrides/partials/deferred-bundle.html): until then the page reads and searches as before,
and once it has run every Material component is mounted and the portal's own script ran once."""
from __future__ import annotations

import json

import pytest

from tests.e2e.browser import DESKTOP

pytestmark = pytest.mark.e2e
GUIDE = "/en/guides/quality-supervision/"
BUNDLE_RAN = "window.component$ !== undefined"  # Material exports its components once it has run


def _results(page) -> list[str]:
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]


def test_nothing_runs_before_the_reader_acts_but_search_is_offered(phone, origin):
    phone.goto(origin + GUIDE)
    phone.wait_for_load_state("networkidle")
    assert phone.evaluate("window.component$") is None
    assert not any("search_index.json" in url for url in phone.requested)
    assert phone.locator("label.md-header__button[for=__search]").is_visible()
    phone.tap("label.md-header__button[for=__search]")
    assert phone.evaluate("document.activeElement.matches('.md-search__input')"), "the keyboard must come up"
    phone.keyboard.type("steward")
    assert any("/en/guides/fire-design-review/" in href for href in _results(phone))


def test_after_the_first_scroll_every_material_component_is_mounted(phone, origin):
    phone.goto(origin + GUIDE)
    phone.wait_for_load_state("networkidle")
    phone.evaluate("window.scrollTo(0, 1200)")
    phone.wait_for_function(BUNDLE_RAN)
    assert "js" in phone.locator("html").get_attribute("class").split()
    # Mounted on (replayed) DOMContentLoaded: the header shows the page title once its heading is gone.
    phone.wait_for_selector(".md-header__title--active", timeout=5000)
    phone.evaluate("window.scrollTo(0, 0)")
    phone.wait_for_selector(".md-header__title:not(.md-header__title--active)", timeout=5000)


def test_the_search_key_works_before_the_bundle_has_run(browser, origin):
    page = browser.new_page(viewport=DESKTOP)
    try:
        page.goto(origin + GUIDE)
        page.wait_for_load_state("networkidle")
        page.keyboard.press("/")
        page.keyboard.type("permit")
        assert page.locator(".md-search__input").input_value() == "permit"
        assert any("/en/" in href for href in _results(page))
    finally:
        page.close()


def test_a_search_link_opens_with_its_results(phone, origin):
    phone.goto(origin + "/en/?q=steward")
    assert any("/en/guides/fire-design-review/" in href for href in _results(phone))


def test_the_form_script_sends_one_request_after_the_bundle_has_run(phone, origin):
    posts = []

    def api(route):
        posts.append(route.request.headers.get("idempotency-key"))
        route.fulfill(status=503, content_type="application/json",
                      body=json.dumps({"error": {"code": "unavailable", "message": {"en": "Try later", "zh": "稍后再试"}}}))

    phone.route("**/api/requests**", api)
    phone.goto(origin + "/en/services/consultation/")
    phone.tap("#f-question")
    phone.wait_for_function(BUNDLE_RAN)  # the tap started it
    phone.select_option("#f-stage", index=1)
    for field, value in (("#f-question", "Which materials does a permit application need?"),
                         ("#f-organisation", "Shenyang Example Construction Co."), ("#f-uscc", "91210100MA0Y9KQX13"),
                         ("#f-contact_name", "Zhang"), ("#f-mobile", "138 0013 8000")):
        phone.fill(field, value)
    for box in phone.locator(".portal-form input[type=checkbox][required]").all():
        box.check()
    phone.click(".portal-form button[type=submit]")
    phone.wait_for_selector(".portal-summary:not([hidden])", timeout=10000)
    phone.wait_for_timeout(500)
    assert len(posts) == 1, posts
    assert phone.locator(".portal-summary li").count() == 1

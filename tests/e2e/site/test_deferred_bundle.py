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


def test_a_fragment_runs_the_bundle_at_once_so_it_cannot_close_the_readers_first_tap(phone, origin):
    page_url = origin + "/en/w/fire-design-window/"
    phone.goto(page_url)
    target = phone.evaluate("document.querySelector('article [id]').id")  # near the top: no scroll
    phone.goto("about:blank")  # so the fragment opens a fresh page, not a same-page jump
    phone.goto(f"{page_url}#{target}")
    phone.wait_for_function(BUNDLE_RAN, timeout=10000)  # no interaction needed
    phone.wait_for_timeout(300)  # Material closes the drawer 125 ms after it sees the fragment
    phone.tap("label.md-header__button[for=__drawer]")
    phone.wait_for_timeout(600)
    assert phone.evaluate("document.getElementById('__drawer').checked"), "the drawer stays open"


def test_while_the_bundle_is_on_its_way_the_search_locks_the_page_and_escape_closes_it(phone, origin):
    held = []
    phone.route("**/assets/javascripts/bundle.*.min.js", lambda route: held.append(route))  # answered at the end
    phone.goto(origin + GUIDE)
    phone.tap("label.md-header__button[for=__search]")
    assert phone.evaluate("getComputedStyle(document.documentElement).overflow") == "hidden"
    phone.keyboard.type("steward")
    phone.keyboard.press("Escape")
    assert not phone.evaluate("document.getElementById('__search').checked")
    assert phone.evaluate("getComputedStyle(document.documentElement).overflow") != "hidden"
    phone.tap("label.md-header__button[for=__search]")
    for route in held:
        route.continue_()
    phone.wait_for_function(BUNDLE_RAN)
    assert any("/en/guides/fire-design-review/" in href for href in _results(phone)), "what was typed is searched"


def test_a_bundle_that_cannot_be_fetched_leaves_the_no_javascript_page_and_is_tried_again(phone, origin):
    phone.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    phone.goto(origin + GUIDE)
    phone.evaluate("window.scrollTo(0, 400)")
    phone.wait_for_function("!document.documentElement.classList.contains('portal-deferred')")
    assert not phone.locator("label.md-header__button[for=__search]").is_visible(), "no search that cannot work"
    phone.unroute("**/assets/javascripts/bundle.*.min.js")
    phone.evaluate("window.scrollTo(0, 0)")
    phone.wait_for_function(BUNDLE_RAN)
    phone.tap("label.md-header__button[for=__search]")
    phone.keyboard.type("steward")
    assert any("/en/guides/fire-design-review/" in href for href in _results(phone))

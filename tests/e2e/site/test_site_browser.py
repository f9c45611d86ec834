"""The guide site in headless Chromium: language switcher, search in both languages, a 360-px
phone, the training filter, and not one request to another origin."""
from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.e2e


def _open(page, url):
    page.goto(url)
    page.wait_for_load_state("networkidle")


def _search(page, query):
    page.click("label[for=__search]")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material searches on keyboard events: filling alone does not trigger it
    page.wait_for_selector(".md-search-result__item", timeout=15000)
    return [a.get_attribute("href") for a in page.locator(".md-search-result__item a").all()]


@pytest.mark.parametrize("start, other", [("/guides/quality-supervision/", "/en/guides/quality-supervision/"),
                                          ("/en/news/proactive-service-plan/", "/news/proactive-service-plan/"),
                                          ("/contacts/", "/en/contacts/")])
def test_the_language_switcher_keeps_the_reader_on_the_same_page(phone, origin, start, other):
    _open(phone, origin + start)
    phone.click(".md-header__option .md-select button")
    lang = "en" if other.startswith("/en/") else "zh"
    phone.click(f".md-select__link[hreflang={lang}]")
    phone.wait_for_load_state("networkidle")
    assert phone.url == origin + other
    assert phone.locator("html").get_attribute("lang").startswith(lang)


def test_search_finds_chinese_words_on_the_chinese_site(phone, origin):
    _open(phone, origin + "/")
    hrefs = _search(phone, "项目管家")
    assert any("/guides/fire-design-review/" in h for h in hrefs), hrefs
    assert any(h.startswith(origin + "/") and "/en/" not in h for h in hrefs)


def test_search_finds_english_words_on_the_english_site(phone, origin):
    _open(phone, origin + "/en/")
    hrefs = _search(phone, "steward")
    assert any("/en/guides/fire-design-review/" in h for h in hrefs), hrefs
    assert all("/en/" in h for h in hrefs), "each language has its own index"


def test_search_finds_an_english_word_inside_chinese_pages(phone, origin):
    _open(phone, origin + "/")
    hrefs = _search(phone, "RSS")
    assert any("/news/" in h or h.rstrip("/").endswith(origin.split("//")[1]) for h in hrefs), hrefs


PAGES = ["/", "/guides/fire-design-review/", "/contacts/", "/trainings/", "/faq/", "/policy/",
         "/news/proactive-service-plan/", "/services/consultation/", "/en/", "/en/contacts/", "/en/trainings/"]


def test_every_page_fits_a_360_px_phone_and_never_leaves_the_origin(phone, origin):
    for path in PAGES:
        _open(phone, origin + path)
        width = phone.evaluate("document.documentElement.scrollWidth")
        assert width <= 360, f"{path} scrolls sideways ({width}px)"
    _open(phone, origin + "/")
    _search(phone, "培训")  # the search worker and index are fetched too
    assert len(phone.requested) > len(PAGES)
    foreign = [u for u in phone.requested if not u.startswith(origin + "/")]
    assert foreign == [], foreign


def test_the_training_calendar_filters_by_stage(phone, origin):
    _open(phone, origin + "/trainings/?stage=archive-acceptance")
    select = phone.locator("#training-stage")
    assert select.is_visible() and select.input_value() == "archive-acceptance"
    visible = phone.locator(".portal-event:visible")
    assert visible.count() >= 3
    assert all("archive-acceptance" in e.get_attribute("data-stages") for e in visible.all())
    assert phone.locator(".portal-event:not(:visible)").count() >= 1
    status = phone.locator(".portal-training-filter [role=status]").inner_text()
    assert re.search(rf"\b{visible.count()}\b", status), status
    select.select_option("construction-permit")
    assert phone.locator(".portal-event:visible").count() == 0
    assert phone.locator(".portal-training-none").is_visible()
    assert phone.url.endswith("?stage=construction-permit")
    select.select_option("")
    assert phone.locator(".portal-event:visible").count() == phone.locator(".portal-event").count()
    assert phone.locator(".portal-feeds li:visible").count() == 7  # all events + one per stage


def test_without_javascript_every_event_shows_and_no_dead_filter_is_offered(browser, origin):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    page = context.new_page()
    try:
        page.goto(origin + "/trainings/?stage=archive-acceptance")
        assert not page.locator(".portal-training-filter").is_visible()
        assert page.locator(".portal-event:visible").count() == page.locator(".portal-event").count() >= 4
        assert page.locator(".portal-feeds li:visible").count() == 7
    finally:
        context.close()


def _switch(page, lang):
    page.click(".md-header__option .md-select button")
    page.click(f".md-select__link[hreflang={lang}]")
    page.wait_for_load_state("networkidle")


def test_switching_language_keeps_the_status_links_request(phone, origin):
    """From the SMS's status link, the other language opens the same request, not an empty form."""
    fragment = "#no=SY261130-ABCDEFGHJK&token=secret-of-the-link"
    _open(phone, origin + "/status/" + fragment)
    _switch(phone, "en")
    assert phone.url == origin + "/en/status/" + fragment
    assert phone.input_value("#s-no") == "SY261130-ABCDEFGHJK" and phone.input_value("#s-token") == "secret-of-the-link"


def test_switching_language_keeps_the_windows_signed_key(phone, origin):
    """From a window's QR page and from the form it opens, the window attribution survives."""
    _open(phone, origin + "/w/permit-window/?k=abcdefgh")
    _switch(phone, "en")
    assert phone.url == origin + "/en/w/permit-window/?k=abcdefgh"
    phone.click("a.portal-window-service[data-service=permit-pre-consultation]")
    phone.wait_for_selector("form.portal-form[data-ready]")
    query = phone.url.split("?", 1)[1]
    assert "k=abcdefgh" in query and "window=permit-window" in query
    _switch(phone, "zh")
    assert phone.url == origin + "/services/permit-pre-consultation/?" + query
    phone.wait_for_selector("form.portal-form[data-ready]")
    assert phone.eval_on_selector("input[name=window_key]", "i => i.value") == "abcdefgh"
    assert phone.eval_on_selector("input[name=window]", "i => i.value") == "permit-window"


def test_switching_language_keeps_a_filter_set_after_the_page_loaded(phone, origin):
    _open(phone, origin + "/trainings/")
    phone.locator("#training-stage").select_option("archive-acceptance")  # the page rewrites its query
    _switch(phone, "en")
    assert phone.url == origin + "/en/trainings/?stage=archive-acceptance"
    assert phone.locator("#training-stage").input_value() == "archive-acceptance"


@pytest.mark.parametrize("path, words", [("/", ("在线申请", "查询办理进度")), ("/en/", ("Apply online", "Track my request"))])
def test_the_phones_first_screen_offers_to_apply_and_to_track_a_request(phone, origin, path, words):
    _open(phone, origin + path)
    height = phone.viewport_size["height"]
    for name, target in zip(words, ("services/", "status/")):
        link = phone.locator("article a", has_text=name).first
        box = link.bounding_box()
        assert box and box["y"] + box["height"] <= height and box["x"] + box["width"] <= 360, (name, box)
        assert link.get_attribute("href") == target

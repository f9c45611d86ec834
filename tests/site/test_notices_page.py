"""The notices' markup: the workbench's composer is built from the item's model (its parts in
both languages, the forms' choices, the copies' bounds, the limit of items), the status page and
the workbench hold the section the notices are listed in, and every word is in both languages."""
import re

import pytest

from chalicelib.catalog import load_catalog
from chalicelib.domain.lifecycle import step
from chalicelib.domain.notices import FORMS, MAX_ITEMS
from render_notices import _UI, composer_form, notices_section
from render_status import render_status
from render_workbench import render_workbench


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_composer_has_each_part_of_an_item_in_both_languages_from_the_model(lang):
    html = composer_form(step("issue_notice"), lang)
    assert 'data-action="issue_notice"' in html and 'data-path="notices"' in html
    assert f'data-max-items="{MAX_ITEMS}"' in html and step("issue_notice").label[lang] in html
    names = re.findall(r'data-name="([a-z.]+)"', html)
    assert names == ["problem.zh", "problem.en", "basis.zh", "basis.en", "provide.zh", "provide.en", "form", "copies"]
    assert re.findall(r'<option value="([a-z-]+)">', html) == list(FORMS)
    assert 'min="1" max="99"' in html and 'name="replaces"' in html
    for field in ("replaces", "items"):
        assert f'id="w-issue_notice-{field}-error"' in html, "the API's errors land beside what they name"
    assert _UI[lang]["add"] in html and _UI[lang]["remove"] in html


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_status_page_and_the_workbench_list_the_notices_in_the_pages_language(lang):
    for html in (render_status(lang), render_workbench(load_catalog(), lang)):
        assert html.count('class="portal-notices"') == 1 and f'data-msg-pdf="{_UI[lang]["pdf"]}"' in html
    assert 'data-action="issue_notice" data-path="notices"' in render_workbench(load_catalog(), lang)
    other = _UI["en" if lang == "zh" else "zh"]
    assert other["pdf"] not in notices_section(lang)


def test_every_word_is_in_both_languages_and_says_the_same_placeholders():
    for key, zh in _UI["zh"].items():
        en = _UI["en"][key]
        assert zh and en and re.findall(r"\{\w+\}", zh) == re.findall(r"\{\w+\}", en), key

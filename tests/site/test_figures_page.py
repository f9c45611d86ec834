"""The public figures page (/figures/, /en/figures/) as built: in the nav of both languages;
the table of the bureau's monthly figures with its caption and one column per figure of the
API's public answer (and nothing else: no department, no officer, no personal data); its script
reads the public JSON and no charting library; it says its figures are sample when the JSON does."""
from __future__ import annotations

import re

import pytest
import yaml

from render_figures import COLUMNS
from tests.site.conftest import ROOT

PAGES = {"zh": "figures/index.html", "en": "en/figures/index.html"}


@pytest.fixture(params=list(PAGES))
def page(request, built) -> tuple[str, str]:
    return request.param, (built / PAGES[request.param]).read_text(encoding="utf-8")


def test_the_page_is_in_both_navs():
    for config in ("mkdocs.yml", "mkdocs.en.yml"):
        nav = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))["nav"]
        assert any(v == "figures.md" for item in nav for v in item.values()), config


def test_the_table_has_a_column_for_each_public_figure_and_nothing_personal(page):
    lang, html = page
    from chalicelib.api.figures_schemas import PublicMonthOut

    assert sorted(key for key, *_ in COLUMNS) == sorted(f for f in PublicMonthOut.model_fields if f != "month")
    table = re.search(r'<div class="portal-figures-table".*?</table>', html, re.S)[0]
    assert re.search(r'<caption id="figures-caption">[^<]+</caption>', table)
    heads = re.findall(r'<th scope="col"[^>]*>([^<]+)</th>', table)
    assert heads[1:] == [zh if lang == "zh" else en for _, zh, en, _ in COLUMNS]
    assert not re.search(r"部门|人员|officer|department|mobile|手机", table, re.I)


def test_the_page_reads_the_public_json_without_a_charting_library(page):
    _, html = page
    assert "assets/portal/figures.js" in html and "chart-4.6.1" not in html
    script = (ROOT / "site" / "overrides" / "assets" / "portal" / "figures.js").read_text(encoding="utf-8")
    assert 'fetch("/api/figures/public"' in script


def test_the_page_says_what_the_figures_are_and_when_they_are_sample(page):
    lang, html = page
    assert ("方案五（四）" if lang == "zh" else "plan 5(4)") in html
    assert ("一次验收通过率" if lang == "zh" else "First-time acceptance pass rate") in html
    assert '<p class="portal-figures-sample" hidden>' in html, "hidden until the answer says `sample`"
    script = (ROOT / "site" / "overrides" / "assets" / "portal" / "figures.js").read_text(encoding="utf-8")
    assert '$(".portal-figures-sample", root).hidden = !answer.sample;' in script

"""The built site (build/site, build/site/en): links, nav, feeds, search index, generated blocks."""
from __future__ import annotations

import json
from html import escape
import xml.etree.ElementTree as ET

import pytest
import yaml

from chalicelib.catalog import load_catalog
from pages_check import pages
from tests.site.conftest import CONTENT, ROOT
from tests.site.crawl import SITE_URL, file_for, parse, problems


def _html(built, rel):
    return (built / rel).read_text(encoding="utf-8")


def test_every_link_script_stylesheet_and_anchor_resolves_within_the_origin(built):
    files = sorted(built.rglob("*.html"))
    assert len(files) >= 30
    found = [line for f in files for line in problems(built, f)]
    assert found == [], "\n".join(found[:40])


def test_the_language_switcher_of_every_page_leads_to_the_same_page_in_the_other_language(built):
    for html in built.rglob("*.html"):
        rel = html.relative_to(built).as_posix()
        if rel.endswith("404.html") or rel.startswith("assets/"):
            continue
        switch = {ref[2] for ref in parse(html).refs if ref[0] == "a"}
        other = rel[3:] if rel.startswith("en/") else "en/" + rel
        assert file_for(built, f"/{other}") is not None, f"{rel} has no counterpart {other}"
        assert any(s.endswith(other.removesuffix("index.html")) for s in switch), rel


def _nav_files(config: str) -> list[str]:
    def walk(items):
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            yield from walk(value) if isinstance(value, list) else [value]
    nav = yaml.safe_load((ROOT / config).read_text(encoding="utf-8"))["nav"]
    return list(walk(nav))


def test_both_navs_list_the_same_pages_and_every_page_is_in_the_nav():
    zh, en = _nav_files("mkdocs.yml"), _nav_files("mkdocs.en.yml")
    assert zh == en, "mkdocs.en.yml's nav must mirror mkdocs.yml's, in the same order"
    # A page named alone in not_in_nav is reached from a message's link only (findings.md).
    unlisted = {line.strip().lstrip("/") for line in yaml.safe_load((ROOT / "mkdocs.yml").read_text(
        encoding="utf-8"))["not_in_nav"].splitlines() if line.strip() and "*" not in line}
    in_docs = {rel for rel in pages(CONTENT / "zh") if not rel.startswith("news/posts/")} - unlisted
    generated = {"services/index.md"}  # written by site/hooks/generated_pages.py from the catalog
    assert set(zh) == in_docs | generated, f"pages missing from the nav: {sorted(in_docs - set(zh))}"


@pytest.mark.parametrize("prefix, lang", [("", "zh"), ("en/", "en")])
def test_each_language_has_its_own_rss_feed_of_the_news_posts(built, prefix, lang):
    posts = {p.stem for p in (CONTENT / lang / "news" / "posts").glob("*.md")}
    channel = ET.parse(built / prefix / "feed_rss_created.xml").getroot().find("channel")
    assert channel.findtext("language") == lang
    items = channel.findall("item")
    assert len(items) == len(posts) >= 1
    for item in items:
        link = item.findtext("link")
        assert link.startswith(f"{SITE_URL}{prefix}news/") and item.findtext("pubDate")
        assert file_for(built, "/" + link.removeprefix(SITE_URL)) is not None, link
    assert channel.find("image") is None or channel.findtext("image/url").startswith("http")
    assert channel.findtext("title").startswith("沈阳市城乡建设局" if lang == "zh" else "Shenyang")


def _search_docs(built, prefix):
    return json.loads((built / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.mark.parametrize("prefix, lang", [("", "zh"), ("en/", "en")])
def test_every_faq_question_is_its_own_search_result(built, content_data, prefix, lang):
    docs = {d["location"]: d for d in _search_docs(built, prefix)}
    for entry in content_data.faq:
        doc = docs.get(f"faq/#{entry.id}")
        assert doc, f"faq/#{entry.id} is not in the {lang} search index"
        assert doc["title"].replace("\u200b", "") == entry.question[lang]


@pytest.mark.parametrize("prefix, lang, badge", [("", "zh", "示例"), ("en/", "en", "Sample")])
def test_contacts_page_lists_stages_all_districts_and_always_open_with_sample_badges(built, content_data,
                                                                                      prefix, lang, badge):
    catalog = load_catalog()
    html = _html(built, f"{prefix}contacts/index.html")
    ids = parse(built / prefix / "contacts" / "index.html").ids
    assert {s.id for s in catalog.stages} <= ids
    assert {d.district for d in catalog.districts} <= ids and len(catalog.districts) == 13
    assert {"by-stage", "districts", "always-open", "windows"} <= ids
    for c in content_data.contacts:
        assert c.phone in html
        if c.is_sample("phone"):
            assert f"tel:{c.phone}" not in html and f'{c.phone} <span class="portal-sample"' in html
    assert html.count(f">{badge}</span>") >= sum(1 for c in content_data.contacts if c.is_sample("phone"))
    assert 'class="portal-sample-note"' in html
    # No phone turns a sample number into a call by its own guess: only real numbers are tel: links.
    assert '<meta name="format-detection" content="telephone=no">' in html.split("</head>")[0]


def test_each_guide_shows_its_lead_departments_contacts(built, content_data):
    catalog = load_catalog()
    for stage in catalog.stages:
        for prefix in ("", "en/"):
            html = _html(built, f"{prefix}guides/{stage.id}/index.html")
            phones = [c.phone for d in stage.lead_departments for c in content_data.contacts_of(d) if not c.window]
            assert phones and all(p in html for p in phones), stage.id
            assert ('contacts/#districts"' in html) == stage.district_linkage


@pytest.mark.parametrize("prefix, lang", [("", "zh"), ("en/", "en")])
def test_trainings_page_shows_every_event_by_month_with_a_way_to_take_part(built, content_data, prefix, lang):
    html = _html(built, f"{prefix}trainings/index.html")
    ids = parse(built / prefix / "trainings" / "index.html").ids
    for t in content_data.trainings:
        assert t.id in ids and escape(t.title[lang]) in html
        assert f"m-{t.start.year}-{t.start.month:02d}" in ids
    assert html.count('class="portal-event"') == len(content_data.trainings)
    assert html.count(f'contacts/#') >= len(content_data.trainings)
    assert 'class="portal-training-filter" hidden' in html and 'assets/portal/trainings.js" defer' in html
    assert "trainings-archive-acceptance.ics" in html


def test_home_page_has_stages_every_way_to_get_help_and_the_latest_news(built):
    for prefix in ("", "en/"):
        html = _html(built, f"{prefix}index.html")
        assert html.count('href="guides/') >= 6
        for target in ("services/consultation/", "contacts/#windows", "contacts/", "contacts/#always-open",
                       "trainings/", "faq/", "news/proactive-service-plan/", "feed_rss_created.xml"):
            assert f'href="{target}"' in html, (prefix, target)


SITEMAPS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def test_robots_txt_points_to_a_sitemap_index_of_both_languages(built):
    """The root sitemap lists the Chinese pages only; the English ones are in /en/sitemap.xml,
    which the index names, and robots.txt points to the index."""
    robots = (built / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE_URL}sitemap_index.xml" in robots and "Disallow: /api/" in robots
    index = ET.parse(built / "sitemap_index.xml").getroot()
    listed = [loc.text for loc in index.iter(f"{SITEMAPS}loc")]
    assert listed == [f"{SITE_URL}sitemap.xml", f"{SITE_URL}en/sitemap.xml"]
    pages = {}
    for url in listed:
        sitemap = built / url.removeprefix(SITE_URL)
        pages[url] = [loc.text for loc in ET.parse(sitemap).getroot().iter(f"{SITEMAPS}loc")]
        assert pages[url] and all(file_for(built, "/" + p.removeprefix(SITE_URL)) for p in pages[url]), url
    zh, en = pages.values()
    assert f"{SITE_URL}en/contacts/" in en and f"{SITE_URL}contacts/" in zh and not [p for p in zh if "/en/" in p]

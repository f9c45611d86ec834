"""The hook's generators, one by one, on the real catalog and data."""
from __future__ import annotations

import pytest

from chalicelib.catalog import load_catalog
from render_catalog import online_services, stage_services
from render_contacts import contact_card
from render_faq import faq, policy_anchor
from render_news import latest_news
from render_trainings import trainings, when


@pytest.fixture(scope="module")
def catalog():
    return load_catalog()


@pytest.mark.parametrize("source, anchor", [
    ("方案四（一）3", "part-4-1-3"), ("Plan 4(1)3", "part-4-1-3"), ("方案三（五）、四（五）1", "part-3-5"),
    ("Plan 4(5)", "part-4-5"), ("方案五（二）", "part-5-2"), ("somewhere else", None),
])
def test_policy_anchor(source, anchor):
    assert policy_anchor(source) == anchor


def test_a_sample_phone_is_badged_and_never_a_tel_link_a_real_one_is(catalog, content_data):
    sample = content_data.contacts_of("quality-station")[0]
    html = contact_card(sample, catalog, "zh")
    assert "tel:" not in html and html.count(">示例</span>") == 3  # phone, hours, address
    real = sample.model_copy(update={"sample": ("hours",), "phone": "024-2345-6789"})
    html = contact_card(real, catalog, "en")
    assert 'href="tel:+862423456789"' in html and html.count(">Sample</span>") == 1
    for phone, tel in (("024-2345-6789转123", "+862423456789,123"), ("024 2345 6789 ext. 8", "+862423456789,8"),
                       ("13800138000", "+8613800138000")):
        html = contact_card(real.model_copy(update={"phone": phone}), catalog, "zh")
        assert f'href="tel:{tel}"' in html, phone  # an extension is dialled after a pause, not dropped


def test_a_window_contact_shows_the_catalogs_window_and_its_sample_mark(catalog, content_data):
    desk = content_data.contacts_of("approval-division")[0].model_copy(update={"window": "permit-window"})
    html = contact_card(desk, catalog, "zh")
    window = catalog.window(desk.window)
    assert window.location.zh in html and window.name.zh in html and html.count(">示例</span>") == 4


def test_services_link_to_their_form_only_once_its_page_exists(catalog):
    none_online = stage_services(catalog, "archive-acceptance", "zh", "../", online_services(set()))
    assert "services/archive-pre-acceptance/" not in none_online
    assert none_online.count("services/consultation/?stage=archive-acceptance") == 4
    online = online_services({"archive-pre-acceptance", "not-a-service"})
    assert online == {"archive-pre-acceptance"}
    html = stage_services(catalog, "archive-acceptance", "en", "../", online)
    assert 'href="../services/archive-pre-acceptance/?stage=archive-acceptance">Apply online' in html


def test_faq_questions_are_headings_grouped_by_stage_in_catalog_order(catalog, content_data):
    md = faq(catalog, content_data, "zh", "", None)
    headings = [line for line in md.splitlines() if line.startswith("## ")]
    assert [h.split(" {#")[1][:-1] for h in headings] == [s.id for s in catalog.stages]
    assert md.count("\n### ") == len(content_data.faq)
    assert '<a href="policy/#part-4-1-1">方案四（一）1</a>' in md
    one = faq(catalog, content_data, "en", "../", "fire-acceptance")
    assert not any(line.startswith("## ") for line in one.splitlines()) and all(e.question.en in one for e in content_data.faq if e.stage == "fire-acceptance")


def test_trainings_are_grouped_by_month_and_dated_in_each_language(catalog, content_data):
    md = trainings(catalog, content_data, "zh", "", set())
    months = [line for line in md.splitlines() if line.startswith("### ")]
    assert months == sorted(months) and len(months) == len({(t.start.year, t.start.month)
                                                             for t in content_data.trainings})
    t = content_data.trainings[0]
    assert when(t, "zh").startswith(f"{t.start.year}年{t.start.month}月{t.start.day}日（周")
    assert when(t, "en").endswith(f"{t.start:%H:%M}–{t.end:%H:%M}")
    assert "services/training-request/" not in md  # its page is not online in this call
    assert "services/training-request/" in trainings(catalog, content_data, "zh", "", {"training-request"})


def test_latest_news_lists_posts_newest_first_as_links_to_the_post_files(tmp_path):
    posts = tmp_path / "content" / "zh" / "news" / "posts"
    posts.mkdir(parents=True)
    for day, slug in (("2026-01-05", "older"), ("2026-03-01", "newer")):
        (posts / f"{slug}.md").write_text(f"---\ntitle: {slug}\ndescription: \"about {slug} and more words\"\n"
                                          f"date: {day}\nslug: {slug}\n---\n# {slug}\n", encoding="utf-8")
    md = latest_news(tmp_path / "content" / "zh", "zh", "index.md", "")
    assert md.index("(news/posts/newer.md)") < md.index("(news/posts/older.md)")
    assert "2026年3月1日" in md and 'href="feed_rss_created.xml"' in md

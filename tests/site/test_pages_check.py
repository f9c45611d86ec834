"""Front matter against its schema, and the pairing of Chinese and English pages."""
from __future__ import annotations

import pytest

from content_data import ContentError
from pages_check import check_all, check_page, pages
from tests.site.conftest import CONTENT

GOOD = "---\ntitle: 标题\ndescription: \"一段足够长的页面说明文字，给搜索引擎看。\"\n---\n\n# 标题\n"


def _page(root, rel, text=GOOD):
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def langs(tmp_path):
    zh, en = tmp_path / "content" / "zh", tmp_path / "content" / "en"
    for root in (zh, en):
        _page(root, "index.md")
    return zh, en


def test_every_real_page_is_valid_and_paired():
    zh, en = CONTENT / "zh", CONTENT / "en"
    assert check_all(zh, en) == {} and check_all(en, zh) == {}
    assert set(pages(zh)) == set(pages(en))
    assert {"contacts.md", "trainings.md", "faq.md", "news/index.md", "privacy.md", "policy.md"} <= set(pages(zh))


@pytest.mark.parametrize("text, message", [
    ("# no front matter\n", "front matter is missing"),
    ("---\ntitle: [oops\n---\n", "front matter is not valid YAML"),
    ("---\ndescription: \"long enough description here\"\n---\n", "field `title`: Field required"),
    ("---\ntitle: T\ndescription: short\n---\n", "field `description`: String should have at least 10"),
    (GOOD.replace("title:", "titel: x\ntitle:"), "field `titel`: Extra inputs are not permitted"),
    (GOOD.replace("title:", "translation: later\ntitle:"), "field `translation`"),
])
def test_bad_front_matter_names_the_file_and_the_field(tmp_path, text, message):
    path = _page(tmp_path / "content" / "zh", "guides/x.md", text)
    with pytest.raises(ContentError, match=message) as err:
        check_page(path, "guides/x.md")
    assert str(err.value).startswith("content/zh/guides/x.md: ")


def test_a_news_post_needs_a_date_and_a_slug(tmp_path):
    path = _page(tmp_path / "content" / "zh", "news/posts/p.md")
    with pytest.raises(ContentError, match="content/zh/news/posts/p.md: front matter: field `date`: Field required"):
        check_page(path, "news/posts/p.md")
    path.write_text(GOOD.replace("title:", "date: 2026-11-29\nslug: Bad Slug\ntitle:"), encoding="utf-8")
    with pytest.raises(ContentError, match="field `slug`"):
        check_page(path, "news/posts/p.md")


def test_a_page_without_its_translation_fails_naming_both_files(langs):
    zh, en = langs
    _page(zh, "guides/new.md")
    with pytest.raises(ContentError, match="content/zh/guides/new.md: has no translation content/en/guides/new.md"):
        check_all(zh, en)
    with pytest.raises(ContentError, match="content/zh/guides/new.md: has no translation"):
        check_all(en, zh)  # the English build fails on it too


def test_a_page_marked_pending_is_borrowed_by_the_other_language(langs):
    zh, en = langs
    _page(zh, "guides/new.md", GOOD.replace("title:", "translation: pending\ntitle:"))
    assert check_all(zh, en) == {}
    borrowed = check_all(en, zh)
    assert list(borrowed) == ["guides/new.md"] and borrowed["guides/new.md"].translation == "pending"


def test_pending_must_be_removed_once_the_translation_exists(langs):
    zh, en = langs
    _page(zh, "a.md", GOOD.replace("title:", "translation: pending\ntitle:"))
    _page(en, "a.md")
    with pytest.raises(ContentError, match="content/zh/a.md: says `translation: pending` but the translation exists"):
        check_all(en, zh)

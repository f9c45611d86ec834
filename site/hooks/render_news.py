"""`<!-- portal:news -->`: the latest policy news posts (news/posts/), newest first, as Markdown
links to the post files, so MkDocs resolves (and --strict checks) each link."""
from __future__ import annotations

import re
from pathlib import Path

from pages_check import POSTS_DIR, check_page

UI = {"zh": {"more": "全部新闻动态", "feed": "RSS 订阅", "none": "暂无新闻。"},
      "en": {"more": "All news", "feed": "RSS feed", "none": "No news yet."}}


def date_text(day, lang: str) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if lang == "zh" else day.isoformat()


def latest_news(docs_dir: Path, lang: str, src_uri: str, root: str, limit: int = 3) -> str:
    up = "../" * src_uri.count("/")  # Markdown links are relative to the page's source file
    posts = []
    for path in sorted((docs_dir / POSTS_DIR).glob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        posts.append((check_page(path, rel), rel))
    posts.sort(key=lambda p: (p[0].date, p[1]), reverse=True)
    items = [f"- **[{meta.title}]({up}{rel})** · {date_text(meta.date, lang)}  \n  {meta.description}"
             for meta, rel in posts[:limit]]
    ui = UI[lang]
    # The feed is not a page: a raw link, which MkDocs leaves alone (the built-site link test checks it).
    more = f'[{ui["more"]}]({up}news/index.md) · <a href="{root}feed_rss_created.xml" type="application/rss+xml">{ui["feed"]}</a>'
    return "\n".join(items or [ui["none"]]) + "\n\n" + more + "\n"


def drop_empty_feed_image(site_dir: Path) -> None:
    """mkdocs-rss-plugin 1.19 writes `<image><url>None</url>…` when no image is configured (its
    template tests `is defined`, always true): an invalid RSS image. Remove it from the feeds."""
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml"):
        path = site_dir / name
        if path.is_file():
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"<image>\s*<url>None</url>.*?</image>", "", text, flags=re.S), encoding="utf-8")

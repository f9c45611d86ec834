"""Pages awaiting translation: the build of one language borrows the other language's page (marked
`translation: pending`) and shows it with a banner, so a link or the language switcher never
lands on a 404 while a translation is being written."""
from __future__ import annotations

from pathlib import Path

from content_models import PageMeta
from mkdocs.structure.files import File, Files

OTHER = {"zh": "en", "en": "zh"}
BANNER = {
    # (title, text) in the language of the site the reader is on.
    "zh": ("本页尚无中文版", "本页的中文版正在编写，下面先显示英文原文。"),
    "en": ("Not yet translated", "The English version of this page is being written; the Chinese original is shown below."),
}


def other_docs_dir(docs_dir: Path, lang: str) -> Path:
    """content/zh ↔ content/en: the languages mirror one tree side by side."""
    return docs_dir.parent / OTHER[lang]


def borrow(files: Files, borrowed: dict[str, PageMeta], other_dir: Path, config) -> set[str]:
    """Add the other language's pending pages to this build; returns their src_uris."""
    uris = set()
    for rel in sorted(borrowed):
        files.append(File(rel, src_dir=str(other_dir), dest_dir=config["site_dir"],
                          use_directory_urls=config["use_directory_urls"]))
        uris.add(rel)
    return uris


def mark(page, lang: str) -> None:
    """Flag a borrowed page for the template (site/overrides/main.html shows the banner)."""
    title, text = BANNER[lang]
    page.meta["portal_fallback"] = OTHER[lang]
    page.meta["portal_fallback_title"] = title
    page.meta["portal_fallback_text"] = text


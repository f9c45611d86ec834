"""Checks on the Markdown pages themselves: front matter against its schema, and that every page
exists in both languages or is marked `translation: pending` (then the other language's build
shows it with a banner, see translations.py)."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml
from content_data import ContentError, describe_error, rel_path
from content_models import PageMeta, PostMeta
from pydantic import ValidationError

_FRONT = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:-{3}|\.{3})[ \t]*\n", re.S)
POSTS_DIR = "news/posts/"


def read_meta(path: Path) -> dict[str, Any]:
    """The page's front matter as a dict; a page without one, or with broken YAML, is an error."""
    text = path.read_text(encoding="utf-8")
    match = _FRONT.match(text)
    if not match:
        raise ContentError(f"{rel_path(path)}: front matter is missing (start the page with `---`, "
                           f"`title:`, `description:`, `---`)")
    try:
        meta = yaml.safe_load(match.group(1))
    except yaml.YAMLError as exc:
        raise ContentError(f"{rel_path(path)}: front matter is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise ContentError(f"{rel_path(path)}: front matter must be `key: value` lines")
    return meta


def check_page(path: Path, rel: str) -> PageMeta:
    """Validate one page's front matter; posts (news/posts/) need a date and a slug too."""
    meta = read_meta(path)
    model = PostMeta if rel.startswith(POSTS_DIR) else PageMeta
    try:
        return model.model_validate(meta)
    except ValidationError as exc:
        raise ContentError(f"{rel_path(path)}: front matter: {describe_error(exc, meta)}") from None


def pages(docs_dir: Path) -> dict[str, Path]:
    """Every Markdown page under docs_dir, by its path relative to docs_dir (posix)."""
    return {p.relative_to(docs_dir).as_posix(): p for p in sorted(docs_dir.rglob("*.md"))}


def check_all(docs_dir: Path, other_dir: Path) -> dict[str, PageMeta]:
    """Validate every page of this language, and its pairing with the other language.

    Returns the metas of the other language's pages that this build must borrow (pending ones).
    """
    mine, theirs = pages(docs_dir), pages(other_dir)
    metas = {rel: check_page(path, rel) for rel, path in mine.items()}
    other_metas = {rel: check_page(path, rel) for rel, path in theirs.items()}
    for rel in sorted(set(mine) - set(theirs)):
        if metas[rel].translation != "pending":
            raise ContentError(f"{rel_path(mine[rel])}: has no translation {rel_path(other_dir / rel)}; add it, or "
                               f"mark this page `translation: pending` in its front matter")
    for rel in sorted(set(mine) & set(theirs)):
        for meta, path in ((metas[rel], mine[rel]), (other_metas[rel], theirs[rel])):
            if meta.translation == "pending":
                raise ContentError(f"{rel_path(path)}: says `translation: pending` but the translation exists;"
                                   f" remove the key")
    borrowed = {rel: m for rel, m in other_metas.items() if rel not in mine}
    for rel, meta in borrowed.items():
        if meta.translation != "pending":
            raise ContentError(f"{rel_path(theirs[rel])}: has no translation {rel_path(docs_dir / rel)}; add it, "
                               f"or mark the page `translation: pending` in its front matter")
    return borrowed


"""A small crawler over the built files: every link, script, stylesheet and image of every page,
resolved the way a browser would, checked against build/site (and, for #fragments, the target's ids)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from chalicelib.config import site_base_url

ORIGIN = "http://portal.test"   # any origin: the built site must not depend on it
# The site's own address (canonical links, sitemaps, feeds): the one public base URL it was built with.
SITE_URL = site_base_url() + "/"


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    refs: list[tuple[str, str, str]] = field(default_factory=list)   # (tag, attribute, url)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for key in ("id", "name"):
            if a.get(key):
                self.page.ids.add(a[key])
        for attr in ("href", "src", "action"):
            if a.get(attr) is not None:
                self.page.refs.append((tag, attr, a[attr]))


@lru_cache(maxsize=None)
def parse(path: Path) -> Page:
    parser = _Parser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.page


def url_of(site: Path, path: Path) -> str:
    rel = path.relative_to(site).as_posix()
    return ORIGIN + "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def file_for(site: Path, url: str) -> Path | None:
    """The built file a same-origin URL is served from (as infra/local_http.py serves it)."""
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def problems(site: Path, html: Path) -> list[str]:
    """Everything wrong with one page's references, as readable lines."""
    out, base = [], url_of(site, html)
    for tag, attr, raw in parse(html).refs:
        if raw.startswith(("mailto:", "tel:", "javascript:", "data:")) or raw == "":
            continue
        if raw.startswith(SITE_URL):  # canonical link, feed self-link: the site's own address
            raw = "/" + raw[len(SITE_URL):]
        url = urljoin(base, raw)
        where = f"{html.relative_to(site)}: <{tag} {attr}={raw!r}>"
        if not url.startswith(ORIGIN + "/"):
            out.append(f"{where} leaves the site's origin")
            continue
        if urlsplit(url).path.startswith("/api/"):
            continue  # the API, served beside the site on the same origin
        target = file_for(site, url)
        if target is None:
            out.append(f"{where} -> {urlsplit(url).path}: no such file in the build")
            continue
        fragment = unquote(urlsplit(url).fragment)
        if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
            out.append(f"{where} -> #{fragment}: no such id in {target.relative_to(site)}")
    return out

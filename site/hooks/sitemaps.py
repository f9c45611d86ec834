"""The site's address and what tells search engines about both languages.

- `site_url`: each language's build gets the portal's ONE public base URL (chalicelib.config.
  site_base_url: PUBLIC_BASE_URL, else the local stack's address) followed by the language's
  own path from `extra.alternate` (/ and /en/), so canonical links, sitemaps and the RSS and
  iCalendar feeds never point at a developer's machine, and mkdocs.yml names no address.
- MkDocs writes one sitemap per build (/sitemap.xml, /en/sitemap.xml). The build served at the
  root also writes /sitemap_index.xml, naming every language's sitemap, and /robots.txt, which
  points to the index: without it nothing led to the English pages' sitemap."""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from chalicelib.config import site_base_url
from mkdocs.exceptions import PluginError
from staff_pages import robots_txt  # the staff pages' Disallow lines

INDEX = "sitemap_index.xml"


def language_path(config) -> str:
    """This build's path under the base URL (`/`, `/en/`), from extra.alternate."""
    lang = config["extra"]["portal_lang"]
    for alt in config["extra"].get("alternate", []):
        if alt["lang"] == lang:
            return alt["link"]
    raise PluginError(f"{config.config_file_path}: extra.alternate names no entry of lang {lang!r}")


def site_url(config) -> str:
    """The address this build is served at."""
    return site_base_url() + language_path(config)


def sitemap_index(base: str, paths: list[str]) -> str:
    """A sitemap index (sitemaps.org) of the sitemap of each language path."""
    entries = "".join(f"<sitemap><loc>{escape(base + path)}sitemap.xml</loc></sitemap>" for path in paths)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{entries}</sitemapindex>\n')


def robots(base: str, alternate: list[dict]) -> str:
    """Everything may be crawled but the API and the staff workbench (staff_pages.py); the index
    names every language's pages."""
    return f"User-agent: *\nDisallow: /api/\n{robots_txt(alternate)}\nSitemap: {base}/{INDEX}\n"


def write_root_files(config, site_dir: Path) -> list[Path]:
    """The index and robots.txt, written by the build served at the root only."""
    if language_path(config) != "/":
        return []
    base, paths = site_base_url(), [alt["link"] for alt in config["extra"]["alternate"]]
    written = [site_dir / INDEX, site_dir / "robots.txt"]
    written[0].write_text(sitemap_index(base, paths), encoding="utf-8")
    written[1].write_text(robots(base, config["extra"]["alternate"]), encoding="utf-8")
    return written

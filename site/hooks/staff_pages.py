"""MkDocs hook: what keeps the staff pages (template `staff.html`, the workbench) private and
locked down, in one place:

- their Content-Security-Policy (no inline script, nothing from another origin), which the page
  carries in a <meta> and the local stack repeats as a header (infra/local_http.py reads it from
  the page, so it is written only here);
- out of the sitemap: a page without an address of its own (no canonical URL) is one that
  MkDocs' sitemap template leaves out, and a noindex page needs no canonical link;
- robots.txt, written by the build at the site's root, disallows them in every language;
- Material's stylesheet for their template, which cannot take it from base.html."""
from __future__ import annotations

from pathlib import Path

from generated_pages import STAFF_PAGE
from mkdocs.exceptions import PluginError

TEMPLATE = "staff.html"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")


def is_staff(page) -> bool:
    return (page.meta or {}).get("template") == TEMPLATE


def on_page_markdown(markdown: str, page, config, files) -> str:
    if is_staff(page):
        page.meta["portal_csp"] = CSP
        page.canonical_url = page.abs_url = None
    return markdown


def material_stylesheet(theme_dirs: list[str]) -> str:
    """Material's main stylesheet, as base.html names it (a content hash in its name)."""
    found = sorted({p.relative_to(d).as_posix() for d in map(Path, theme_dirs)
                    for p in d.glob("assets/stylesheets/main.*.min.css")})
    if len(found) != 1:
        raise PluginError(f"site/hooks/staff_pages.py: expected one Material main stylesheet, found {found}")
    return found[0]


def on_env(env, config, files):
    env.globals["portal_material_css"] = material_stylesheet(config.theme.dirs)
    return env


def robots_txt(alternate: list[dict]) -> str:
    """Every language's staff pages, disallowed (the build at the root knows all their prefixes;
    sitemaps.robots writes these lines into the one robots.txt)."""
    staff = STAFF_PAGE.removesuffix("index.md")
    return "".join(f"Disallow: /{a['prefix']}{staff}\n" for a in alternate)

"""MkDocs hook: which scripts a page runs, and when (used by site/overrides/main.html).

1. The portal's own scripts go only to the pages that need them, found from the page's markup:
   a request form gets form.js, the status page status.js (both with fields.js), a window's QR
   landing page window.js (each after portal.js, their shared helpers), the training calendar
   trainings.js, a session's registration form and a participant's page registration.js, seats
   left seats.js, the staff workbench its session, request and queue scripts, the organiser's page its session,
   scanner and page scripts. Every page runs
   language.js, which keeps the query and fragment when the reader switches language; a guide
   page runs nothing else. The list is page.meta["portal_scripts"].
2. Material's bundle is run on the reader's first interaction (partials/deferred-bundle.html).
   Its address carries a content hash that only Material's base.html knows, so the template
   passes that block through the `material_bundle` filter, which splits out the bundle's address.
   A Material upgrade that changes the tag fails the build here, loudly."""
from __future__ import annotations

import re

from markupsafe import Markup
from mkdocs.exceptions import PluginError

BUNDLE = re.compile(r'\s*<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')
# The markup each script enhances (the renderers in this folder write it) → the scripts it needs.
SCRIPTS = {
    '<form class="portal-form"': ("portal.js", "fields.js", "form.js"),
    '<form class="portal-status-form"': ("portal.js", "fields.js", "notices.js", "status.js"),
    '<ul class="portal-window"': ("portal.js", "window.js"),
    '<div class="portal-findings"': ("portal.js", "findings.js"),
    '<form class="portal-training-filter"': ("trainings.js",),
    '<div class="portal-workbench"': ("portal.js", "staff-session.js", "notices.js", "workbench-replies.js",
                                     "workbench-request.js", "workbench.js"),
    # organiser-scan.js loads the vendored QR decoder (vendor/) only where BarcodeDetector is missing.
    '<div class="portal-organiser"': ("portal.js", "staff-session.js", "organiser-lists.js", "organiser-scan.js",
                                      "organiser.js"),
    # The charting library (vendor/, pinned by site/vendor.lock.toml) only on the dashboard.
    '<div class="portal-dashboard"': ("vendor/chart-4.6.1.umd.min.js", "portal.js", "staff-session.js",
                                      "dashboard-view.js", "dashboard.js"),
    '<div class="portal-figures"': ("portal.js", "figures.js"),
    '<form class="portal-form portal-registration-form"': ("portal.js", "fields.js", "form.js", "registration.js"),
    '<form class="portal-registration-lookup"': ("portal.js", "fields.js", "registration.js"),  # fields: the rating's
    'class="portal-seats"': ("seats.js",),  # inside the calendar's markdown sections attributes are reordered
}


EVERY_PAGE = ("language.js",)  # the language switcher is on every page


def page_scripts(html: str) -> list[str]:
    """The portal scripts a page's content needs, each once, in the order they must run."""
    needed = [script for marker, scripts in SCRIPTS.items() if marker in html for script in scripts]
    return list(dict.fromkeys([*EVERY_PAGE, *needed]))


def material_bundle(scripts: str) -> tuple[str, Markup]:
    """Material's `scripts` block → (the bundle's address, every other script tag unchanged)."""
    html = str(scripts)
    match = BUNDLE.search(html)
    if match is None:
        raise PluginError("site/overrides/main.html: Material's bundle <script> tag not found in its "
                          "`scripts` block; update site/hooks/page_scripts.py for this Material version")
    return match["src"], Markup(html[:match.start()] + html[match.end():])


def on_page_content(html: str, page, config, files) -> str:
    page.meta["portal_scripts"] = page_scripts(html)
    return html


def on_env(env, config, files):
    env.filters["material_bundle"] = material_bundle
    return env

"""MkDocs hook: lets the page template load Material's JavaScript bundle on the reader's first
interaction instead of at page load (site/overrides/partials/deferred-bundle.html says why).

The bundle's address carries a content hash that only Material's base.html knows, so the template
passes that block's output through the `material_bundle` filter, which splits it into the bundle's
address and the remaining script tags. A Material upgrade that changes the tag fails the build
here, loudly, rather than shipping pages without Material's script."""
from __future__ import annotations

import re

from markupsafe import Markup
from mkdocs.exceptions import PluginError

BUNDLE = re.compile(r'\s*<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>')


def material_bundle(scripts: str) -> tuple[str, Markup]:
    """Material's `scripts` block → (the bundle's address, every other script tag unchanged)."""
    match = BUNDLE.search(str(scripts))
    if match is None:
        raise PluginError("site/overrides/main.html: Material's bundle <script> tag not found in its "
                          "`scripts` block; update site/hooks/material_bundle.py for this Material version")
    rest = str(scripts)[:match.start()] + str(scripts)[match.end():]
    return match["src"], Markup(rest)


def on_env(env, config, files):
    env.filters["material_bundle"] = material_bundle
    return env

"""MkDocs hook: replaces `<!-- portal:… -->` directives in pages with blocks generated from
the catalog and the API's models, so the site never repeats a list by hand.

    <!-- portal:form SERVICE_ID -->         the request form of a service
    <!-- portal:services stage=STAGE_ID --> the services of a stage, linked to their forms
    <!-- portal:contacts stage=STAGE_ID --> the stage's lead department(s)
    <!-- portal:stages -->                  the six stages at a glance
    <!-- portal:status -->                  the status lookup
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
for extra in (ROOT / "functions", Path(__file__).resolve().parent):
    if str(extra) not in sys.path:
        sys.path.insert(0, str(extra))

from chalicelib.catalog import load_catalog  # noqa: E402
from mkdocs.exceptions import PluginError  # noqa: E402
from render_catalog import stage_contacts, stage_services, stages_overview  # noqa: E402
from render_form import render_form  # noqa: E402
from render_status import render_status  # noqa: E402

DIRECTIVE = re.compile(r"^<!--\s*portal:(?P<kind>[a-z]+)(?P<args>[^>]*?)\s*-->\s*$", re.M)


def on_page_markdown(markdown: str, page, config, files) -> str:
    lang = config["extra"]["portal_lang"]
    root = "../" * page.url.count("/")
    catalog = load_catalog()

    def replace(match: re.Match) -> str:
        kind, args = match["kind"], match["args"].strip()
        opts = dict(a.split("=", 1) for a in args.split() if "=" in a)
        where = f"{page.file.src_uri}: <!-- portal:{kind} {args} -->"
        try:
            if kind == "form":
                return render_form(args, lang)
            if kind == "services":
                return stage_services(catalog, opts["stage"], lang, root)
            if kind == "contacts":
                return stage_contacts(catalog, opts["stage"], lang, root)
            if kind == "stages":
                return stages_overview(catalog, lang, root)
            if kind == "status":
                return render_status(lang)
        except KeyError as exc:
            raise PluginError(f"{where}: unknown id {exc}") from None
        raise PluginError(f"{where}: unknown directive `{kind}`")

    return DIRECTIVE.sub(replace, markdown)

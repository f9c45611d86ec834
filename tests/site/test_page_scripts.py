"""Which scripts a page runs (site/hooks/page_scripts.py): Material's bundle is prefetched and run
on first interaction on every page; the portal's own scripts only where the page needs them."""
from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError

from page_scripts import material_bundle, page_scripts

TAGS = ('\n<script src="../assets/javascripts/bundle.a5f9d56c.min.js"></script>\n'
        '<script src="../assets/portal/portal.js"></script>')


def test_the_bundle_is_split_from_the_other_scripts():
    src, others = material_bundle(TAGS)
    assert src == "../assets/javascripts/bundle.a5f9d56c.min.js"
    assert str(others).strip() == '<script src="../assets/portal/portal.js"></script>'


def test_a_material_version_without_the_tag_fails_the_build_loudly():
    with pytest.raises(PluginError, match="bundle <script> tag not found"):
        material_bundle('<script src="../assets/javascripts/app.min.js"></script>')


@pytest.mark.parametrize("page", ["index.html", "guides/quality-supervision/index.html",
                                  "en/services/consultation/index.html", "en/404.html"])
def test_every_page_loads_the_bundle_on_interaction_only(built, page):
    html = (built / page).read_text(encoding="utf-8")
    bundle = re.search(r'<link rel="prefetch" href="([^"]+bundle\.[0-9a-f]+\.min\.js)" as="script">', html)
    assert bundle, "the bundle is prefetched"
    assert f'<script src="{bundle[1]}"' not in html, "and never run at load"
    assert f'}})("{bundle[1]}");' in html, "the loader runs it"
    target = built / bundle[1].removeprefix("/") if bundle[1].startswith("/") else (built / page).parent / bundle[1]
    assert target.resolve().is_file()
    assert 'classList.add("portal-deferred")' in html.split("</head>")[0], "set before the first paint"


@pytest.mark.parametrize("page, scripts", [
    ("guides/quality-supervision/index.html", ["language.js"]),
    ("en/index.html", ["language.js"]),
    ("services/consultation/index.html", ["language.js", "portal.js", "fields.js", "form.js"]),
    ("en/status/index.html", ["language.js", "portal.js", "fields.js", "notices.js", "status.js"]),
    ("w/permit-window/index.html", ["language.js", "portal.js", "window.js"]),
    ("en/trainings/index.html", ["language.js", "trainings.js", "seats.js"]),
    ("trainings/archive-training-2027-03/index.html", ["language.js", "portal.js", "fields.js", "form.js", "registration.js", "seats.js"]),
    ("trainings/archive-training-2027-04/index.html", ["language.js"]),  # no registration on this site
    ("en/trainings/registration/index.html", ["language.js", "portal.js", "fields.js", "registration.js"]),
    ("staff/index.html", ["language.js", "portal.js", "staff-session.js", "notices.js", "workbench-replies.js",
                          "workbench-request.js", "workbench.js"]),
    ("en/findings/index.html", ["language.js", "portal.js", "findings.js"]),
    ("en/staff/trainings/index.html", ["language.js", "portal.js", "staff-session.js", "organiser-lists.js",
                                       "organiser-scan.js", "organiser.js"]),  # jsQR: loaded by the scanner, if needed
])
def test_each_page_runs_only_the_portal_scripts_it_needs(built, page, scripts):
    html = (built / page).read_text(encoding="utf-8")
    assert re.findall(r'<script src="[^"]*assets/portal/([a-z-]+\.js)" defer></script>', html) == scripts
    for script in scripts:
        assert (built / page).parent.joinpath(re.search(rf'src="([^"]*{script})"', html)[1]).resolve().is_file()


def test_scripts_are_named_once_and_in_the_order_they_run():
    html = '<form class="portal-form" id="a"></form><form class="portal-form" id="b"></form><ul class="portal-window">'
    assert page_scripts(html) == ["language.js", "portal.js", "fields.js", "form.js", "window.js"]

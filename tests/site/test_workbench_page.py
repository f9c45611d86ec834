"""The staff workbench's pages (/staff/, /en/staff/) as built: not indexed, not searched, not in
the sitemap, disallowed by robots.txt; a Content-Security-Policy and not one inline script;
nothing from another origin; the same controls in both languages; one hidden form per staff
step of the lifecycle; filters whose options are the catalog's; scripts that hold no words and
no list of the domain's."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from chalicelib.catalog import load_catalog
from chalicelib.domain.lifecycle import STEPS, Status
from generated_pages import STAFF_PAGE
from infra.local_http import PortalApp
from render_workbench import render_workbench, staff_steps
from staff_pages import CSP, material_stylesheet, robots_txt
from tests.site.conftest import ROOT

PAGES = {"zh": "staff/index.html", "en": "en/staff/index.html"}
SCRIPTS = ROOT / "site" / "overrides" / "assets" / "portal"
STAFF_SCRIPTS = ("staff-session.js", "workbench-replies.js", "workbench-request.js", "workbench.js")


class _Tags(HTMLParser):
    """Every start tag as (tag, attributes), and the text inside each <script>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self._in_script: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        self.tags.append((tag, a))
        if tag == "script":
            self._in_script = a
            self.scripts.append((a, ""))

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None


def _parse(html: str) -> _Tags:
    p = _Tags()
    p.feed(html)
    return p


@pytest.fixture(scope="module", params=list(PAGES))
def page(request, built):
    lang = request.param
    return lang, (built / PAGES[lang]).read_text(encoding="utf-8")


def test_the_staff_pages_are_not_indexed_searched_or_in_the_sitemap(built, page):
    lang, html = page
    tags = _parse(html).tags
    assert ("meta", {"name": "robots", "content": "noindex, nofollow"}) in tags
    assert not [a for t, a in tags if t == "link" and a.get("rel") == "canonical"]
    prefix = "" if lang == "zh" else "en/"
    index = json.loads((built / prefix / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert not [d["location"] for d in index["docs"] if d["location"].startswith("staff/")]
    assert [d for d in index["docs"] if d["location"].startswith("status/")], "the search index itself is there"
    sitemap = (built / prefix / "sitemap.xml").read_text(encoding="utf-8")
    assert "/status/" in sitemap and "/staff/" not in sitemap


def test_robots_txt_disallows_the_staff_pages_of_every_language(built):
    lines = (built / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "User-agent: *"
    assert {"Disallow: /staff/", "Disallow: /en/staff/"} <= set(lines)
    assert not (built / "en" / "robots.txt").exists(), "robots.txt lives only at the origin's root"
    staff = STAFF_PAGE.removesuffix("index.md")
    assert robots_txt([{"prefix": ""}, {"prefix": "en/"}, {"prefix": "ja/"}]).endswith(f"Disallow: /ja/{staff}\n")


def test_the_staff_pages_carry_the_policy_and_run_no_inline_script(page):
    _, html = page
    parsed = _parse(html)
    metas = [a["content"] for t, a in parsed.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    assert metas == [CSP]
    head = html.split("</head>")[0]
    assert head.index('http-equiv="Content-Security-Policy"') < head.index("<script"), "before any script"
    policy = dict(d.strip().split(" ", 1) for d in CSP.split(";"))
    assert policy["script-src"] == "'self'" and policy["default-src"] == "'self'"
    assert policy["connect-src"] == "'self'" and policy["frame-ancestors"] == "'none'"
    assert parsed.scripts and all(a.get("src") and not text.strip() for a, text in parsed.scripts), parsed.scripts
    assert all("defer" in a for a, _ in parsed.scripts)
    handlers = [(t, k) for t, a in parsed.tags for k in a if k.startswith("on")]
    assert handlers == [], "inline event handlers are inline script too"
    assert "javascript:" not in html
    assert "bundle." not in html, "Material's bundle needs its inline helpers: the staff page runs without it"


def test_the_staff_pages_load_nothing_from_another_origin(built, page):
    lang, html = page
    refs = [a.get("href") or a.get("src") for t, a in _parse(html).tags
            if t in ("link", "script", "img", "iframe", "source") and (a.get("href") or a.get("src"))]
    assert refs and all(not re.match(r"^(https?:)?//", r) for r in refs), refs
    sheets = [r for t, a in _parse(html).tags if t == "link" and a.get("rel") == "stylesheet" for r in [a["href"]]]
    for sheet in sheets:  # nor do their stylesheets: no web font, no import
        css = ((built / PAGES[lang]).parent / sheet).resolve().read_text(encoding="utf-8")
        assert not re.search(r"url\(\s*['\"]?(https?:)?//|@import", css), sheet


def _controls(html: str) -> list[tuple]:
    """What a reader can operate or what a script finds, without the words."""
    keep = ("id", "name", "type", "role", "data-action", "data-source", "data-field", "value", "for", "href")
    return [(t, tuple((k, a[k]) for k in keep if k in a)) for t, a in _parse(html).tags
            if t in ("form", "input", "select", "option", "textarea", "button", "dialog", "label", "a", "section")
            and not (t == "a" and a.get("class") in ("md-select__link", "headerlink"))]


def test_both_languages_have_the_same_controls(built):
    zh, en = ((built / PAGES[lang]).read_text(encoding="utf-8") for lang in ("zh", "en"))
    assert _controls(zh) == _controls(en)
    assert 'data-lang="zh"' in zh and 'data-lang="en"' in en
    assert "退出登录" in zh and "Sign out" in en and "退出登录" not in en and "Sign out" not in zh


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_hidden_form_per_staff_step_with_its_models_fields(lang):
    html = render_workbench(load_catalog(), lang)
    forms = re.findall(r'<form class="portal-action" data-action="([a-z_]+)" novalidate hidden>(.*?)</form>', html, re.S)
    steps = [s for s in staff_steps() if s.action != "issue_notice"]  # its composer: tests/site/test_notices_page.py
    assert [a for a, _ in forms] == [s.action for s in steps]
    assert {s.action for s in staff_steps()} == {s.action for s in STEPS if {p.value for p in s.by} & {"lead", "head", "supervisor"}}
    for (action, form), step in zip(forms, steps):
        fields = set(step.params.model_fields) - {"action"}
        assert set(re.findall(r'name="([a-z_]+)"', form)) == fields, action
        assert step.label[lang] in form
        for name in fields:
            assert f'id="w-{action}-{name}-error"' in form, "an error of the API lands beside its field"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_filters_and_departments_are_the_catalogs(lang):
    catalog = load_catalog()
    html = render_workbench(catalog, lang)

    def options(select_id):
        block = re.search(rf'<select id="{select_id}"[^>]*>(.*?)</select>', html, re.S)[1]
        return re.findall(r'<option value="([^"]*)">', block)
    assert options("wb-department") == [d.id for d in catalog.departments]
    assert options("wb-service") == [""] + [s.id for s in catalog.services]
    assert options("wb-stage") == [""] + [s.id for s in catalog.stages]
    assert options("wb-district") == [""] + [d.district for d in catalog.districts]
    assert options("wb-assignee") == [""], "the department's officers come from the API"
    from chalicelib.domain.queue import FACETS

    fieldset = re.search(r'<fieldset class="portal-wb-filter-set".*?</fieldset>', html, re.S)[0]
    assert re.findall(r'<select id="wb-([a-z]+)"', fieldset) == list(FACETS), "one filter per facet of the queue"
    for service in catalog.services:
        assert service.name[lang] in html or service.name[lang].replace("'", "&#x27;") in html


def test_the_scripts_hold_no_words_and_no_list_of_the_domain():
    from chalicelib.domain.queue import FACETS, Lane

    ids = {s.value for s in Status} | {s.action for s in STEPS} | {lane.value for lane in Lane} | set(FACETS)
    for name in STAFF_SCRIPTS:
        js = (SCRIPTS / name).read_text(encoding="utf-8")
        assert not re.search(r"[\u4e00-\u9fff]", js), f"{name}: Chinese words belong in the build"
        quoted = {m for m in re.findall(r'"([a-z_]+)"', js)} | {m for m in re.findall(r"'([a-z_]+)'", js)}
        assert not quoted & ids, f"{name} repeats the domain's ids {quoted & ids}"
        assert not re.search(r"\blocalStorage\s*[.\[]", js), f"{name}: the token lives in sessionStorage only"
        assert "window.confirm" not in js and "alert(" not in js, f"{name}: the page's own dialog asks"


def test_the_stylesheet_of_the_staff_template_is_found_once_or_the_build_fails(tmp_path):
    from mkdocs.exceptions import PluginError

    (tmp_path / "a" / "assets" / "stylesheets").mkdir(parents=True)
    with pytest.raises(PluginError, match="one Material main stylesheet"):
        material_stylesheet([str(tmp_path / "a")])
    (tmp_path / "a" / "assets" / "stylesheets" / "main.0123abcd.min.css").write_text("")
    assert material_stylesheet([str(tmp_path / "a"), str(tmp_path)]) == "assets/stylesheets/main.0123abcd.min.css"


def test_the_local_stack_sends_a_pages_policy_as_a_header(built):
    app = PortalApp(site_dir=Path(built).resolve())
    for path in ("/staff/", "/en/staff/"):
        status, headers, _ = app._route("GET", path, {})
        assert status == 200 and dict(headers)["Content-Security-Policy"] == CSP
    status, headers, _ = app._route("GET", "/status/", {})
    assert status == 200 and "Content-Security-Policy" not in dict(headers)

"""A real MkDocs build of a tiny two-language site through the portal hook: a Chinese page marked
`translation: pending` appears in the English build with the banner; an unmarked one fails it."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from tests.site.conftest import CONTENT, HOOKS, ROOT

PAGE = "---\ntitle: {t}\ndescription: \"{t} — a description long enough for the schema.\"\n{extra}---\n\n# {t}\n\n{body}\n"


def _site(tmp_path, pending: bool):
    content = tmp_path / "content"
    shutil.copytree(CONTENT / "data", content / "data")
    (content / "zh").mkdir()
    (content / "en").mkdir()
    (content / "zh" / "index.md").write_text(PAGE.format(t="首页", extra="", body="[新页](new.md)"), encoding="utf-8")
    (content / "en" / "index.md").write_text(PAGE.format(t="Home", extra="", body="[New](new.md)"), encoding="utf-8")
    extra = "translation: pending\n" if pending else ""
    (content / "zh" / "new.md").write_text(PAGE.format(t="新页面", extra=extra, body="只有中文。"), encoding="utf-8")
    config = tmp_path / "mkdocs.en.yml"
    config.write_text(f"""
site_name: Test
site_url: http://127.0.0.1:8000/en/
docs_dir: {content / 'en'}
site_dir: {tmp_path / 'out'}
strict: true
theme: {{name: material, custom_dir: {ROOT / 'site' / 'overrides'}, language: en, font: false}}
extra: {{portal_lang: en, alternate: [{{link: /, lang: zh, name: 中文}}, {{link: /en/, lang: en, name: English}}]}}
plugins: []
hooks: [{HOOKS / 'portal.py'}, {HOOKS / 'page_scripts.py'}]
markdown_extensions: [admonition, attr_list, md_in_html]
""", encoding="utf-8")
    return config


def _build(config):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config)],
                          capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)


def test_a_pending_page_is_shown_with_a_banner_in_the_other_language(tmp_path):
    result = _build(_site(tmp_path, pending=True))
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "new" / "index.html").read_text(encoding="utf-8")
    assert "Not yet translated" in html and "the Chinese original is shown below" in html
    assert '<div lang="zh">' in html and "只有中文。" in html
    home = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Not yet translated" not in home and 'href="new/"' in home


def test_an_unmarked_missing_translation_fails_the_build(tmp_path):
    result = _build(_site(tmp_path, pending=False))
    assert result.returncode != 0
    assert "content/zh/new.md: has no translation content/en/new.md" in result.stderr


@pytest.mark.parametrize("directive, message", [
    ("<!-- portal:nonsense -->", "unknown directive `nonsense`"),
    ("<!-- portal:contacts stage=no-such-stage -->", "unknown id 'no-such-stage'"),
])
def test_a_bad_directive_fails_the_build_naming_the_page(tmp_path, directive, message):
    config = _site(tmp_path, pending=True)
    (tmp_path / "content" / "en" / "index.md").write_text(PAGE.format(t="Home", extra="", body=directive),
                                                          encoding="utf-8")
    result = _build(config)
    assert result.returncode != 0 and "index.md" in result.stderr and message in result.stderr

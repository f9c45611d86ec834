"""One public base URL (chalicelib.config.site_base_url) feeds the site build (canonical links,
sitemaps, robots.txt, the RSS and iCalendar feeds) and the window posters, as it feeds the
messages: nothing made for a stage points at http://127.0.0.1:8000 unless that is the stage."""
from __future__ import annotations

import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest

from chalicelib.catalog import load_catalog
from chalicelib.config import site_base_url
from tests.site.conftest import ROOT

BASE = "https://portal.example.test"
sys.path.insert(0, str(ROOT / "site" / "qr"))


@pytest.mark.parametrize("env, base", [
    ({"PUBLIC_BASE_URL": "https://portal.example.test/"}, BASE),
    ({"PORT": "9000"}, "http://127.0.0.1:9000"),  # the local stack on another port: its own address
    ({}, "http://127.0.0.1:8000"),
    ({"PUBLIC_BASE_URL": BASE, "PORT": "9000"}, BASE),
])
def test_the_base_url_comes_from_configuration(env, base):
    assert site_base_url(env) == base


def test_the_window_posters_link_to_the_configured_base(monkeypatch):
    import posters

    monkeypatch.setenv("PUBLIC_BASE_URL", BASE)
    base, key = posters.settings()
    made = posters.posters(load_catalog(), base, key)
    assert made and all(p.link.startswith(f"{BASE}/w/{p.window.id}/?k=") for p in made)
    monkeypatch.delenv("PUBLIC_BASE_URL")
    monkeypatch.setenv("PORT", "9000")
    assert posters.settings()[0] == "http://127.0.0.1:9000"


@pytest.fixture(scope="module")
def stage_build(tmp_path_factory):
    """The Chinese site built for another base URL, as `make deploy` builds it for a stage."""
    out = tmp_path_factory.mktemp("stage-site")
    env = {**os.environ, "PUBLIC_BASE_URL": BASE, "NO_MKDOCS_2_WARNING": "1",
           "PYTHONWARNINGS": "ignore::DeprecationWarning"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.yml", "-d", str(out)],
                          cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    return out


def test_a_build_for_a_stage_carries_its_base_url_everywhere(stage_build):
    home = (stage_build / "index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{BASE}/">' in home
    assert f"Sitemap: {BASE}/sitemap_index.xml" in (stage_build / "robots.txt").read_text(encoding="utf-8")
    index = (stage_build / "sitemap_index.xml").read_text(encoding="utf-8")
    assert f"<loc>{BASE}/sitemap.xml</loc>" in index and f"<loc>{BASE}/en/sitemap.xml</loc>" in index
    locs = [e.text for e in ET.parse(stage_build / "sitemap.xml").getroot().iter() if e.tag.endswith("loc")]
    assert locs and all(loc.startswith(f"{BASE}/") for loc in locs)
    feed = (stage_build / "trainings.ics").read_text(encoding="utf-8")
    assert f"URL:{BASE}/trainings/#" in feed and "UID:" in feed
    rss = (stage_build / "feed_rss_created.xml").read_text(encoding="utf-8")
    assert f"<link>{BASE}/news/" in rss
    made = [p for p in stage_build.rglob("*") if p.suffix in (".html", ".xml", ".ics", ".txt")]
    assert not [p.name for p in made if "127.0.0.1" in p.read_text(encoding="utf-8", errors="replace")]


def test_the_local_stack_can_tell_which_address_a_build_was_made_for(stage_build, built):
    """It serves on its own port and its messages link there; a build made for another address
    is pointed out when it starts (infra/local_stack.py)."""
    from infra.local_stack import built_for

    assert built_for(stage_build) == BASE
    assert built_for(built) == site_base_url()
    assert built_for(stage_build / "no-such-build") is None

"""Tests of the guide site: its validators and generators (site/hooks/), and the built output."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HOOKS = ROOT / "site" / "hooks"
BUILD = ROOT / "build" / "site"
CONTENT = ROOT / "content"
# The hook's modules import each other by name (MkDocs puts their folder on sys.path): do the same.
if str(HOOKS) not in sys.path:
    sys.path.insert(0, str(HOOKS))


@pytest.fixture(scope="session")
def content_data():
    from chalicelib.catalog import load_catalog
    from content_data import load_content

    return load_content(CONTENT / "data", load_catalog())


@pytest.fixture(scope="session")
def built() -> Path:
    """build/site, made by `make site` before pytest runs (make test does both)."""
    if not (BUILD / "index.html").is_file() or not (BUILD / "en" / "index.html").is_file():
        pytest.fail("build/site is missing: run the tests through `make test`, which builds both languages")
    return BUILD

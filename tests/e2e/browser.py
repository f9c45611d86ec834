"""Headless Chromium for the browser tests: Debian's chromium driven by Playwright (never a
downloaded browser). Without chromium the tests skip with one line; in CI (CI=true) they fail,
since `make test` installs it there."""
from __future__ import annotations

import os
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "build" / "screenshots"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def require_chromium() -> None:
    if CHROMIUM.exists() and shutil.which("chromium"):
        return
    message = "chromium is not installed (make browser installs chromium and fonts-noto-cjk as root)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message, allow_module_level=True)


@contextmanager
def chromium():
    """A browser for one test module."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_serious(page) -> list[str]:
    """axe-core (bundled with axe-playwright-python, no CDN) run in the page: serious and
    critical violations as 'rule: target' lines."""
    import axe_playwright_python

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).parent / "axe.min.js"))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {n['target']}" for v in result["violations"] if v["impact"] in ("serious", "critical")
            for n in v["nodes"]]


def shot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

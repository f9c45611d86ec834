"""The built site (build/site) over HTTP and a phone-sized Chromium, for the site's browser tests."""
from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.e2e.browser import PHONE

BUILD = Path(__file__).resolve().parents[3] / "build" / "site"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def origin():
    """build/site on a free loopback port, as a static host would serve it."""
    if not (BUILD / "en" / "index.html").is_file():
        pytest.fail("build/site is missing: run the tests through `make test`, which builds the site")
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(BUILD)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def phone(browser, origin):
    """A 360-px-wide touch phone; every URL it requests is recorded in page.requested."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.requested = []
    page.on("request", lambda r: page.requested.append(r.url))
    yield page
    context.close()

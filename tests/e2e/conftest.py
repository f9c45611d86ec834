"""The local stack, started in this process on a free port, as `make run` starts it; and the browser
the browser tests share."""
import os
import time

import pytest
import requests

from infra import local_stack
from tests.e2e.browser import chromium, require_chromium


@pytest.fixture(scope="session")
def stack():
    """The whole portal over HTTP (site, API, outbox) with moto behind it; torn down after."""
    saved = dict(os.environ)
    if not (local_stack.ROOT / "build" / "site" / "index.html").is_file():
        pytest.fail("build/site is missing: run the tests through `make test`, which builds the site")
    running = local_stack.start(port=0, poll_seconds=0.2)
    try:
        yield running
    finally:
        running.stop()
        os.environ.clear()
        os.environ.update(saved)
        from chalicelib import bootstrap
        from chalicelib.adapters import aws

        bootstrap.services.cache_clear()
        aws.client.cache_clear()


def wait_for(predicate, timeout=15.0, interval=0.2):
    """Poll until `predicate()` returns something truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError("condition not met in time")


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (tests/e2e/browser.py), one per test module; skips or fails, saying why,
    when it is not installed."""
    require_chromium()
    with chromium() as b:
        yield b


@pytest.fixture
def outbox(stack):
    def read():
        return requests.get(f"{stack.url}/_local/outbox.json", timeout=5).json()["messages"]
    return read

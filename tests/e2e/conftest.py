"""The local stack, started per test module in its own process as `make run` starts it; an HTTP
session whose every API answer is checked against the OpenAPI document; the local outbox,
waited on by long poll; and the browser the browser tests share."""
import json
import re
import time
from urllib.parse import urlsplit

import pytest
import requests

from infra.identity import SAMPLE_PASSWORD
from tests.contract import check
from tests.e2e.browser import chromium, require_chromium
from tests.e2e.harness import ROOT, local_stack

WAIT = 90.0  # seconds an expected message may take on a loaded machine before a test fails


SECRETS: set[str] = set()  # tokens the tests were given; mobiles, emails and passwords they sent
# What no log line may hold: a mainland mobile, an email address (masked ones are fine).
LOGGED_PERSONAL = re.compile(r"(?<![\d*])(?:\+?86)?1[3-9]\d{9}(?!\d)|[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


@pytest.fixture(scope="module")
def stack(request):
    """The whole portal over HTTP (site, API, outbox) with moto behind it, in a process of its
    own for this module; stopped, with all it started, after the module. Then its log is read:
    no token, mobile number or email address may appear in it."""
    if not (ROOT / "build" / "site" / "index.html").is_file():
        pytest.fail("build/site is missing: run the tests through `make test`, which builds the site")
    with local_stack(request.module.__name__.rsplit(".", 1)[-1]) as running:
        yield running
    assert_clean_log(running.logged())


def staff_token(stack, http, username: str) -> str:
    """A sample officer's ID token, signed in over HTTP with the sample password."""
    answer = http.post(f"{stack.url}/api/staff/session", json={"username": username, "password": SAMPLE_PASSWORD},
                       timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()["token"]


def assert_clean_log(text: str) -> None:
    leaked = sorted({s for s in SECRETS if s in text} | set(LOGGED_PERSONAL.findall(text)))
    assert not leaked, f"the stack's log holds secrets or personal data: {leaked[:5]}"


def _checked(response: requests.Response, *args, **kwargs) -> None:
    if urlsplit(response.url).path.startswith("/api/"):
        try:
            body = response.json()
        except ValueError:
            body = None
        check(response.request.method, urlsplit(response.url).path, response.status_code, body)
        _remember(response.request.body, body)


def _remember(sent: bytes | str | None, answer) -> None:
    """What of this exchange must never reach a log: the token given, the mobile and email sent."""
    if isinstance(answer, dict):  # an applicant's access token, an officer's ID token
        SECRETS.update(answer[k] for k in ("access_token", "token") if answer.get(k))
    try:
        body = json.loads(sent or b"{}")
    except ValueError:
        return
    if isinstance(body, dict):
        # A value too short to be anyone's (a refused "110") would match any number in the log.
        SECRETS.update(str(body[k]) for k in ("mobile", "email", "password") if len(str(body.get(k) or "")) >= 6)
        SECRETS.discard(SAMPLE_PASSWORD)  # the sample officers' password: `make run` prints it on purpose


@pytest.fixture
def http(stack):
    """requests, with every /api/ answer checked against the OpenAPI document."""
    session = requests.Session()
    session.hooks["response"].append(_checked)
    yield session
    session.close()


class LocalOutbox:
    """What the stack 'sent', read over HTTP; `until` waits by long poll (the server answers as
    soon as something new is recorded), never by a fixed sleep."""

    def __init__(self, url: str):
        self.url = f"{url}/_local/outbox.json"

    def read(self, after: int | None = None) -> dict:
        params = {} if after is None else {"after": after, "wait": 20}
        return requests.get(self.url, params=params, timeout=30).json()

    def __call__(self) -> list[dict]:
        return self.read()["messages"]

    def until(self, predicate, timeout: float = WAIT):
        """The first truthy `predicate(snapshot)` as messages arrive; fail after `timeout`."""
        deadline, snapshot = time.monotonic() + timeout, self.read()
        while not (value := predicate(snapshot)):
            if time.monotonic() > deadline:
                raise AssertionError(f"outbox condition not met in {timeout:.0f} s: {snapshot['counts']}")
            snapshot = self.read(after=snapshot["counts"]["recorded"])
        return value

    def mine(self, tracking_no: str, count: int | None = None, **match) -> list[dict]:
        """The sent messages about `tracking_no` (matching `match`), once there are `count`."""
        def found(snapshot):
            got = [m for m in snapshot["messages"] if tracking_no in m["subject"] + m["body"]
                   and all(m.get(k) == v for k, v in match.items())]
            return got if (len(got) == count if count is not None else got) else None
        return self.until(found)


@pytest.fixture
def outbox(stack):
    return LocalOutbox(stack.url)


@pytest.fixture
def new_page(browser):
    """Pages whose every API answer (the page's own fetches) is checked against the OpenAPI
    document on its way to the page; a wrong one fails the test at its end."""
    pages, wrong = [], []

    def checked(route):
        response = route.fetch()
        try:
            body = response.json()
        except Exception:  # noqa: BLE001 - not JSON: the check says whether that is allowed
            body = None
        try:
            check(route.request.method, urlsplit(route.request.url).path, response.status, body)
        except AssertionError as exc:
            wrong.append(str(exc))
        route.fulfill(response=response)

    def make(**options):
        page = browser.new_page(**options)
        page.route("**/api/**", checked)
        pages.append(page)
        return page
    yield make
    for page in pages:
        if not page.is_closed():
            # A fetch the page started last (a lane reloading) may still be on its way: let its
            # check finish before the page goes, or its answer is disposed halfway and reads as wrong.
            page.unroute_all(behavior="wait")
            page.close()
    assert not wrong, wrong


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium (tests/e2e/browser.py), one per test module; skips or fails, saying why,
    when it is not installed."""
    require_chromium()
    with chromium() as b:
        yield b

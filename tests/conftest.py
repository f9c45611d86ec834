"""Shared fixtures: the real catalog, a sample address book, fakes wired through bootstrap; and
the guard that fails a test module which leaves a thread or a process running."""
from __future__ import annotations

import threading

import psutil
import pytest

from chalicelib.bootstrap import bootstrap
from chalicelib.catalog import load_catalog
from chalicelib.config import Config
from chalicelib.domain.addresses import parse_address_book
from chalicelib.domain.tokens import Links
from chalicelib.service_layer.dispatch import Dispatcher
from tests.fakes import FakeClock, FakeRegistrationStore, FakeSender, FakeStore

VALID_USCC = "91210100MA0Y9KQX13"
TEST_TOKEN_KEY = b"test-access-token-key-0123456789"
TEST_BASE_URL = "https://portal.example.test"
# Threads that outlive a module on purpose, by name prefix: pytest-timeout's watchdog.
_LONG_LIVED = ("pytest_timeout",)


@pytest.fixture(autouse=True, scope="module")
def nothing_left_running():
    """Fails the module (an error at its teardown) if it leaves a thread or a child process
    running: every test stops what it started, so later tests meet a quiet machine."""
    threads = set(threading.enumerate())
    me = psutil.Process()
    children = {p.pid for p in me.children(recursive=True)}
    yield
    left = [t for t in threading.enumerate() if t not in threads and t.is_alive()
            and not t.name.startswith(_LONG_LIVED)]
    for t in left:  # a thread that is stopping gets a moment to finish (an event, not a sleep)
        t.join(timeout=5)
    left = [t.name for t in left if t.is_alive()]
    procs = [p for p in me.children(recursive=True) if p.pid not in children]
    _, alive = psutil.wait_procs(procs, timeout=5)  # a process that is exiting gets a moment too
    procs = [f"{p.pid} {_name(p)}" for p in alive]
    assert not left and not procs, f"left running after the module: threads {left}, processes {procs}"


def _name(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline()[:3])
    except psutil.Error:
        return "?"


@pytest.fixture
def catalog():
    """The repository's catalog (content/catalog), validated."""
    return load_catalog()


@pytest.fixture
def addresses(catalog):
    """An address for every department: dept-id@example.test and distinct sample mobiles."""
    return parse_address_book(
        {d.id: {"email": f"{d.id}@example.test", "mobile": f"1390000{i:04d}"}
         for i, d in enumerate(catalog.departments)}, catalog)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def store():
    return FakeStore()


@pytest.fixture
def registrations(store):
    """Training registrations in memory, their messages in `store`'s outbox."""
    return FakeRegistrationStore(store)


@pytest.fixture
def email():
    return FakeSender()


@pytest.fixture
def sms():
    return FakeSender()


@pytest.fixture
def links():
    return Links(TEST_BASE_URL, TEST_TOKEN_KEY)


@pytest.fixture
def identity(catalog):
    """A fake identity provider with the local stack's sample staff (infra/identity.py): for
    every department officer.<id>, officer2.<id> and head.<id>, and `supervisor`; the token of
    a user is "token-<username>", the right password "right"."""
    from infra.identity import sample_officers
    from tests.fakes_staff import FakeIdentity

    people = sample_officers((d.id, d.name.zh) for d in catalog.departments)
    return FakeIdentity({p["username"]: (p["name"], p["groups"]) for p in people}, (d.id for d in catalog.departments))


@pytest.fixture
def staff_store(store):
    from tests.fakes_staff import FakeStaffStore

    return FakeStaffStore(store)


@pytest.fixture
def reminders(store, catalog):
    """The reminder sweep's store in memory, over `store`'s requests and outbox."""
    from tests.fakes_reminders import FakeReminderStore

    return FakeReminderStore(store, catalog.standards.follow_up_after_working_days)


@pytest.fixture
def figures():
    """The figures' aggregates in memory (tests/fakes_figures.py)."""
    from tests.fakes_figures import FakeFigureStore

    return FakeFigureStore()


@pytest.fixture
def deps(catalog, store, registrations, clock, addresses, links, email, sms, identity, staff_store, reminders,
         figures):
    """The use cases' dependencies over fakes, built by the real bootstrap with overrides."""
    return bootstrap(Config(table_name="unused", sender_email="unused@example.test"), catalog=catalog,
                     store=store, registrations=registrations, clock=clock, addresses=addresses, links=links,
                     email=email, sms=sms, window_link_key=b"", verifier=identity, directory=identity,
                     staff_store=staff_store, reminders=reminders, figures=figures)


def officer(deps, username: str):
    """The signed-in officer `username` of the fake identity provider."""
    from chalicelib.service_layer import staff

    return staff.signed_in(f"token-{username}", deps)


@pytest.fixture
def dispatcher(deps):
    return Dispatcher(deps)


def consultation(**overrides):
    """A valid consultation body; keyword arguments replace or (with None) drop fields."""
    body = {"service": "consultation", "organisation": "沈阳示例建设有限公司", "uscc": VALID_USCC,
            "contact_name": "张工", "mobile": "138 0013 8000", "stage": "quality-supervision",
            "district": "hunnan", "question": "主体结构验收前需要准备哪些资料？"}
    for key, value in overrides.items():
        if value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body

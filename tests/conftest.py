"""Shared fixtures: the real catalog, a sample address book, fakes wired into SubmitDeps."""
from __future__ import annotations

import pytest

from chalicelib.catalog import load_catalog
from chalicelib.domain.addresses import parse_address_book
from chalicelib.service_layer.dispatch import Dispatcher
from chalicelib.service_layer.submit import SubmitDeps
from tests.fakes import FakeClock, FakeSender, FakeStore

VALID_USCC = "91210100MA0Y9KQX13"


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
def deps(catalog, store, clock, addresses):
    """SubmitDeps over fakes."""
    return SubmitDeps(catalog=catalog, store=store, clock=clock, addresses=addresses,
                      public_base_url="https://portal.example.test")


@pytest.fixture
def email():
    return FakeSender()


@pytest.fixture
def sms():
    return FakeSender()


@pytest.fixture
def dispatcher(store, email, sms, clock):
    return Dispatcher(store=store, email=email, sms=sms, clock=clock)


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

"""The limits over HTTP, on a stack of their own with small limits: ten submissions naming one
mobile send it three acknowledgement SMS, not ten; one client's floods and guesses get a
bilingual 429 with Retry-After, and nothing is stored or sent for them. (Windows are whole
hours and ten minutes: a burst that happens to straddle a window's end is tried again.)"""
import time
from datetime import datetime, timezone

import pytest
import requests

from tests.conftest import consultation
from tests.e2e.conftest import LocalOutbox
from tests.e2e.harness import local_stack


@pytest.fixture(scope="module")
def limited():
    with local_stack("limits", LIMIT_SUBMISSIONS_PER_HOUR="12", LIMIT_ACK_SMS_PER_HOUR="3",
                     LIMIT_WRONG_SECRETS_PER_10_MINUTES="5") as stack:
        yield stack


def _within_one_window(burst, minutes):
    """Run `burst()` so that all of it falls in one window of `minutes` minutes."""
    while True:
        now = datetime.now(timezone.utc)
        left = minutes * 60 - (now.minute % minutes) * 60 - now.second
        if left < 20:  # too close to the window's end: wait for the next one to begin
            time.sleep(left + 1)
            continue
        return burst()


def _count(stack):
    """Stored requests (head items): the dispatcher keeps adding events to earlier ones."""
    return stack.client("dynamodb").scan(TableName=stack.table, Select="COUNT", FilterExpression="sk = :h",
                                         ExpressionAttributeValues={":h": {"S": "REQUEST"}})["Count"]


def test_ten_submissions_naming_one_mobile_send_it_three_sms(limited):
    numbers = _within_one_window(lambda: [requests.post(f"{limited.url}/api/requests", json=consultation(
        mobile="13912345678"), timeout=30).json() for _ in range(10)], 60)
    assert len({n["tracking_no"] for n in numbers}) == 10
    assert sum("已达上限" in n["next_steps"]["zh"] for n in numbers) == 7
    outbox = LocalOutbox(limited.url)
    sent = outbox.until(lambda s: (lambda m: m if len(m) >= 20 else None)(
        [m for m in s["messages"] if any(n["tracking_no"] in m["body"] for n in numbers)]))
    to_the_mobile = [m for m in sent if m["to"] == "+8613912345678"]
    assert len(to_the_mobile) == 3  # the departments' own SMS and emails all went out (20)


def test_a_flood_from_one_client_gets_429_and_stores_nothing(limited):
    answers = _within_one_window(lambda: [requests.post(f"{limited.url}/api/requests", json=consultation(
        mobile=f"1370000{i:04d}"), timeout=30) for i in range(15)], 60)
    statuses = [a.status_code for a in answers]
    first = statuses.index(429)
    assert first <= 12 and set(statuses[first:]) == {429}
    refused = answers[-1]
    assert int(refused.headers["Retry-After"]) > 0 and refused.json()["error"]["code"] == "too_many_submissions"
    assert refused.json()["error"]["message"]["zh"] and refused.json()["error"]["message"]["en"]
    before = _count(limited)
    assert requests.post(f"{limited.url}/api/requests", json=consultation(), timeout=30).status_code == 429
    assert _count(limited) == before


def test_guessing_secrets_gets_429_after_five_wrong_ones(limited):
    statuses = _within_one_window(lambda: [requests.get(
        f"{limited.url}/api/requests/SY261130-ZZZZZZZZ{i:02d}", headers={"Authorization": "Bearer x"},
        timeout=30).status_code for i in range(7)], 10)
    assert statuses == [404] * 5 + [429] * 2

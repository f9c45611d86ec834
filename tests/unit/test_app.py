"""The HTTP layer over fakes (Chalice's test client): status codes and bilingual errors."""
import json

import pytest
from chalice.test import Client

import app as api
from chalicelib.bootstrap import Services
from tests.conftest import consultation

JSON = {"Content-Type": "application/json"}


@pytest.fixture
def client(monkeypatch, catalog, store, deps, dispatcher):
    """Chalice's in-process client with the app wired to fakes."""
    fake = Services(catalog=catalog, store=store, submit=deps, dispatcher=dispatcher)
    monkeypatch.setattr(api, "services", lambda: fake)
    with Client(api.app) as c:
        yield c


def post(client, body, headers=JSON, query=""):
    raw = body if isinstance(body, (bytes, str)) else json.dumps(body)
    return client.http.post(f"/api/requests{query}", headers=headers, body=raw)


def test_201_with_tracking_number_and_token_then_status_with_that_token(client, store):
    res = post(client, consultation())
    assert res.status_code == 201
    out = res.json_body
    assert out["tracking_no"] in store.requests and out["status"]["id"] == "submitted"
    assert out["lead_departments"][0]["name"]["en"] == "Construction Quality Supervision Station"
    got = client.http.get(f"/api/requests/{out['tracking_no']}?token={out['access_token']}")
    assert got.status_code == 200 and got.json_body["tracking_no"] == out["tracking_no"]


def test_a_wrong_or_missing_token_is_a_404_like_an_unknown_number(client):
    out = post(client, consultation()).json_body
    no = out["tracking_no"]
    answers = [client.http.get(f"/api/requests/{no}?token=nope"), client.http.get(f"/api/requests/{no}"),
               client.http.get(f"/api/requests/SY261130-ZZZZZZZZZZ?token={out['access_token']}")]
    assert {r.status_code for r in answers} == {404}
    assert len({r.body for r in answers}) == 1


@pytest.mark.parametrize("raw, status, code", [
    (b"{not json", 400, "malformed_json"), (b"\xff\xfe", 400, "malformed_json"),
    (b"[" * 5000 + b"]" * 5000, 400, "malformed_json"),
    (json.dumps(consultation(question="问" * 20000)).encode(), 413, "too_large"),
])
def test_bad_bodies_get_a_clear_error_and_store_nothing(client, store, raw, status, code):
    res = post(client, raw)
    assert res.status_code == status
    assert res.json_body["error"]["code"] == code and res.json_body["error"]["message"]["zh"]
    assert store.requests == {} and store.messages == {}


def test_other_media_types_get_415_in_both_languages(client, store):
    res = post(client, "service=consultation", headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert res.status_code == 415 and res.json_body["error"]["message"]["en"]
    assert store.requests == {}


def test_invalid_fields_get_422_with_field_and_bilingual_message(client, store):
    res = post(client, consultation(mobile="123", uscc="91210100MA0Y9KQX14"))
    assert res.status_code == 422
    errors = {e["field"]: e["message"] for e in res.json_body["errors"]}
    assert set(errors) == {"mobile", "uscc"}
    assert errors["mobile"]["zh"] == "请输入11位中国大陆手机号码。"
    assert "check character" in errors["uscc"]["en"]
    assert store.requests == {} and store.messages == {}


def test_english_submissions_get_an_english_acknowledgement(client, store):
    post(client, consultation(), query="?lang=en")
    ack = next(m for m in store.messages.values() if m.audience == "applicant")
    assert ack.body.startswith("Shenyang Urban-Rural Construction Bureau")

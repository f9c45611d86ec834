"""The HTTP layer over fakes (Chalice's test client): status codes, bilingual errors, secrets in
the Authorization header, and every response checked against the OpenAPI document."""
import json

import pytest
from chalice.test import Client

import app as api
from chalicelib import bootstrap
from tests.conftest import consultation
from tests.contract import check

JSON = {"Content-Type": "application/json"}


class CheckedClient:
    """Chalice's client whose every answer is checked against the OpenAPI document."""

    def __init__(self, client):
        self._http = client.http

    def request(self, method, path, body=None, headers=None, token=None):
        headers = dict(headers or JSON)
        if token is not None:
            headers["Authorization"] = f"Bearer {token}"
        raw = body if body is None or isinstance(body, (bytes, str)) else json.dumps(body)
        res = getattr(self._http, method.lower())(path, headers=headers, **({"body": raw} if raw is not None else {}))
        check(method, path, res.status_code, res.json_body)
        return res


@pytest.fixture
def client(deps):
    """The app with the fakes' dependencies installed, as the local stack installs its own."""
    bootstrap.install(deps)
    try:
        with Client(api.app) as c:
            yield CheckedClient(c)
    finally:
        bootstrap.install(None)


def post(client, body, headers=JSON, query=""):
    return client.request("POST", f"/api/requests{query}", body, headers)


def test_201_with_tracking_number_and_token_then_status_with_that_token(client, store):
    res = post(client, consultation())
    assert res.status_code == 201
    out = res.json_body
    assert out["tracking_no"] in store.requests and out["status"]["id"] == "submitted"
    assert out["lead_departments"][0]["name"]["en"] == "Construction Quality Supervision Station"
    assert out["respond_by"] == "2026-12-01" and out["respond_by_sample"] is True
    assert "2026-12-01" in out["next_steps"]["zh"] and "2026-12-01" in out["next_steps"]["en"]
    got = client.request("GET", f"/api/requests/{out['tracking_no']}", token=out["access_token"])
    assert got.status_code == 200 and got.json_body["tracking_no"] == out["tracking_no"]
    assert got.json_body["actions"] == [{"id": "withdraw", "label": {"zh": "撤回申请", "en": "Withdraw the request"},
                                         "confirm": got.json_body["actions"][0]["confirm"]}]


def test_a_wrong_or_missing_token_is_a_404_like_an_unknown_number(client):
    out = post(client, consultation()).json_body
    no = out["tracking_no"]
    answers = [client.request("GET", f"/api/requests/{no}", token="nope"), client.request("GET", f"/api/requests/{no}"),
               client.request("GET", f"/api/requests/SY261130-ZZZZZZZZZZ", token=out["access_token"]),
               client.request("GET", f"/api/requests/{no}?token={out['access_token']}")]  # never from a URL
    assert {r.status_code for r in answers} == {404}
    assert len({r.body for r in answers}) == 1


def test_the_applicant_acts_with_the_token_in_the_header(client, store):
    out = post(client, consultation()).json_body
    no, token = out["tracking_no"], out["access_token"]
    res = client.request("POST", f"/api/requests/{no}/actions", {"action": "withdraw"}, token=token)
    assert res.status_code == 200 and res.json_body["status"]["id"] == "withdrawn" and res.json_body["actions"] == []
    again = client.request("POST", f"/api/requests/{no}/actions", {"action": "withdraw"}, token=token)
    assert again.status_code == 409 and again.json_body["error"]["code"] == "not_allowed_now"


def test_an_officers_token_opens_the_staff_view_and_not_the_applicants(client, deps):
    out = post(client, consultation()).json_body
    no, key = out["tracking_no"], "token-officer.quality-station"
    staff = client.request("GET", f"/api/staff/requests/{no}", token=key)
    assert staff.status_code == 200 and staff.json_body["viewer"] == "lead"
    assert [a["id"] for a in staff.json_body["actions"]] == ["accept", "reject", "transfer", "ask_for_info"]
    assert staff.json_body["applicant"]["mobile"] == "+8613800138000"
    assert client.request("GET", f"/api/requests/{no}", token=key).status_code == 404
    for wrong in (out["access_token"], "token-nobody", None):
        res = client.request("GET", f"/api/staff/requests/{no}", token=wrong)
        assert res.status_code == 401 and res.json_body["error"]["code"] == "unauthorized"
    other = client.request("GET", f"/api/staff/requests/{no}", token="token-officer.fire-design-division")
    assert other.status_code == 404 and other.json_body["error"]["code"] == "not_found_staff"
    res = client.request("POST", f"/api/staff/requests/{no}/actions", {"action": "reject"}, token=key)
    assert res.status_code == 422 and res.json_body["errors"][0]["field"] == "reason_code"


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


@pytest.mark.parametrize("key, status", [("k" * 7, 422), ("k" * 8, 201), ("k" * 200, 201), ("k" * 201, 422)])
def test_the_idempotency_key_must_be_8_to_200_characters(client, store, key, status):
    res = post(client, consultation(), headers=JSON | {"Idempotency-Key": key})
    assert res.status_code == status
    if status == 422:
        assert res.json_body["errors"][0]["field"] == "Idempotency-Key" and store.requests == {}


def test_english_submissions_get_an_english_acknowledgement(client, store):
    post(client, consultation(), query="?lang=en")
    ack = next(m for m in store.messages.values() if m.audience == "applicant")
    assert ack.body.startswith("Shenyang Urban-Rural Construction Bureau")


def test_a_bug_answers_a_bilingual_500_and_is_logged(client, store, caplog):
    store.token_hash = None  # any use of the store now fails as our own bug would
    res = client.request("GET", "/api/requests/SY261130-ZZZZZZZZZZ", token="x")
    assert res.status_code == 500 and res.json_body["error"]["code"] == "internal"
    assert res.json_body["error"]["message"]["zh"] and "unexpected error" in caplog.text


def test_a_contended_write_answers_503_in_both_languages(client, store):
    from chalicelib.service_layer.ports import Contention

    def contended(*_):
        raise Contention("busy")
    store.add = contended
    res = post(client, consultation(), headers=JSON | {"Idempotency-Key": "busy-key-0001"})
    assert res.status_code == 503 and res.json_body["error"]["code"] == "unavailable"


def test_a_client_over_its_limit_gets_a_bilingual_429_with_retry_after(client, deps, store):
    import dataclasses

    from chalicelib.domain.limits import Limit, Limits

    bootstrap.install(dataclasses.replace(deps, limits=Limits(submit=Limit("submit", 2, deps.limits.submit.window))))
    viewer = {"CloudFront-Viewer-Address": "203.0.113.7:443"}
    answers = [post(client, consultation(mobile=f"1390000000{i}"), headers=JSON | viewer) for i in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 429]
    refused = answers[-1]
    assert refused.headers["Retry-After"] == "3600" and refused.json_body["error"]["code"] == "too_many_submissions"
    assert len(store.requests) == 2
    assert post(client, consultation(), headers=JSON | {"CloudFront-Viewer-Address": "[2001:db8::1]:443"}).status_code == 201


def test_a_503_says_when_to_try_again(client, store):
    from chalicelib.service_layer.ports import Unavailable

    def throttled(*_):
        raise Unavailable("ProvisionedThroughputExceededException")
    store.add, store.get = throttled, lambda no: None
    res = post(client, consultation())
    assert res.status_code == 503 and res.headers["Retry-After"] == "5" and res.json_body["error"]["code"] == "unavailable"

"""The staff API over HTTP on the local stack, with real ID tokens from its Cognito (moto):
sign-in, roles and department isolation (404 exactly like an unknown number), and every bad
token refused with 401 and nothing else."""
import gzip
import json
import time
from pathlib import Path

import jwt
import moto.cognitoidp
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from infra.identity import SAMPLE_PASSWORD
from tests.conftest import consultation


def _sign_in(stack, http, username):
    answer = http.post(f"{stack.url}/api/staff/session", json={"username": username, "password": SAMPLE_PASSWORD},
                       timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.json()


def _auth(token):
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def request_no(stack):
    import requests

    return requests.post(f"{stack.url}/api/requests", json=consultation(), timeout=30).json()["tracking_no"]


def test_an_officer_signs_in_and_reads_their_queue_and_the_request(stack, http, request_no):
    session = _sign_in(stack, http, "officer.quality-station")
    assert session["officer"]["role"] == "officer" and [d["id"] for d in session["officer"]["departments"]] == ["quality-station"]
    me = http.get(f"{stack.url}/api/staff/me", headers=_auth(session["token"]), timeout=30).json()
    assert me["username"] == "officer.quality-station"
    queue = http.get(f"{stack.url}/api/staff/queue?department=quality-station&lane=new",
                     headers=_auth(session["token"]), timeout=30).json()
    assert request_no in [i["tracking_no"] for i in queue["items"]]
    seen = http.get(f"{stack.url}/api/staff/requests/{request_no}", headers=_auth(session["token"]), timeout=30).json()
    assert seen["applicant"]["mobile"] == "+8613800138000" and seen["viewer"] == "lead"
    officers = http.get(f"{stack.url}/api/staff/departments/quality-station/officers", headers=_auth(session["token"]),
                        timeout=30).json()["officers"]
    assert {o["username"] for o in officers} == {"officer.quality-station", "officer2.quality-station",
                                                 "head.quality-station"}


def test_an_officer_of_another_department_gets_404_as_for_an_unknown_number(stack, http, request_no):
    token = _sign_in(stack, http, "officer.fire-design-division")["token"]
    for method, path, body in (("GET", f"/api/staff/requests/{request_no}", None),
                               ("POST", f"/api/staff/requests/{request_no}/actions", {"action": "accept"}),
                               ("GET", "/api/staff/queue?department=quality-station&lane=new", None),
                               ("GET", "/api/staff/departments/quality-station/officers", None),
                               ("GET", "/api/staff/requests/SY261130-ZZZZZZZZZZ", None)):
        answer = http.request(method, f"{stack.url}{path}", json=body, headers=_auth(token), timeout=30)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found_staff", path


def test_a_supervisor_reads_every_department_acts_on_none_and_exports_the_audit(stack, http, request_no):
    token = _sign_in(stack, http, "supervisor")["token"]
    seen = http.get(f"{stack.url}/api/staff/requests/{request_no}", headers=_auth(token), timeout=30).json()
    assert seen["viewer"] == "supervisor" and seen["actions"] == [] and seen["audit"]
    refused = http.post(f"{stack.url}/api/staff/requests/{request_no}/actions", json={"action": "accept"},
                        headers=_auth(token), timeout=30)
    assert refused.status_code == 409
    csv = http.get(f"{stack.url}/api/staff/requests/{request_no}/audit.csv", headers=_auth(token), timeout=30)
    assert csv.status_code == 200 and csv.headers["Content-Type"].startswith("text/csv") and "supervisor" in csv.text
    officer = _sign_in(stack, http, "officer.quality-station")["token"]
    assert http.get(f"{stack.url}/api/staff/requests/{request_no}/audit.csv", headers=_auth(officer),
                    timeout=30).status_code == 404


def _moto_key():
    keys = Path(moto.cognitoidp.__file__).parent / "resources" / "jwks-private.json.gz"
    return jwt.PyJWK(json.loads(gzip.decompress(keys.read_bytes()))).key


@pytest.mark.parametrize("bad", ["expired", "none", "other_key", "other_audience", "missing", "signed_out"])
def test_bad_tokens_get_401_and_nothing_else(stack, http, request_no, bad):
    good = _sign_in(stack, http, "officer.quality-station")["token"]
    claims = jwt.decode(good, options={"verify_signature": False})
    now = int(time.time())
    forge = lambda key, alg="RS256", **c: jwt.encode(claims | c, key, algorithm=alg, headers={"kid": "dummy"})  # noqa: E731
    if bad == "signed_out":
        assert http.delete(f"{stack.url}/api/staff/session", headers=_auth(good), timeout=30).status_code == 204
    token = {"expired": lambda: forge(_moto_key(), iat=now - 7200, exp=now - 3600),
             "none": lambda: jwt.encode(claims, None, algorithm="none"),
             "other_key": lambda: forge(rsa.generate_private_key(public_exponent=65537, key_size=2048)),
             "other_audience": lambda: forge(_moto_key(), aud="another-app"),
             "missing": lambda: None, "signed_out": lambda: good}[bad]()
    headers = _auth(token) if token else {}
    answer = http.get(f"{stack.url}/api/staff/requests/{request_no}", headers=headers, timeout=30)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "unauthorized"
    assert set(answer.json()) == {"error"}


def test_a_wrong_password_is_refused_in_both_languages(stack, http):
    answer = http.post(f"{stack.url}/api/staff/session", json={"username": "officer.quality-station",
                                                               "password": "not-the-password"}, timeout=30)
    assert answer.status_code == 401 and answer.json()["error"]["code"] == "sign_in_failed"
    assert answer.json()["error"]["message"]["zh"] and answer.json()["error"]["message"]["en"]


def test_a_transfer_answers_where_the_request_went_and_the_old_department_sees_it_no_more(stack, http):
    import requests

    no = requests.post(f"{stack.url}/api/requests", json=consultation(), timeout=30).json()["tracking_no"]
    token = _sign_in(stack, http, "officer.quality-station")["token"]
    answer = http.post(f"{stack.url}/api/staff/requests/{no}/actions", headers=_auth(token), timeout=30,
                       json={"action": "transfer", "department": "fire-design-division", "reason": "属消防设计审查"})
    assert answer.status_code == 200, answer.text
    assert [d["id"] for d in answer.json()["transferred_to"]] == ["fire-design-division"]
    assert http.get(f"{stack.url}/api/staff/requests/{no}", headers=_auth(token), timeout=30).status_code == 404
    fire = _sign_in(stack, http, "officer.fire-design-division")["token"]
    assert http.get(f"{stack.url}/api/staff/requests/{no}", headers=_auth(fire), timeout=30).json()["viewer"] == "lead"

"""One-time notices over HTTP on the local stack, with real ID tokens from its Cognito (moto):
an officer of the lead department issues and supersedes; the applicant is told by SMS and email
with the link, reads the notices with the secret in the header and downloads the PDF; other
departments get 404; bad input and any change to an issued notice are refused in both languages
and change nothing. The tests follow one request's life, in the order they are written."""
import pytest

from infra.identity import SAMPLE_PASSWORD
from tests.conftest import consultation
from tests.e2e.test_staff_api import _auth, _sign_in
from tests.unit.test_notice_pdf import squeeze, text_of
from tests.unit.test_notices import MAX_ITEMS, item

PDF = {"Accept": "application/pdf"}


@pytest.fixture(scope="module")
def case(stack):
    """A consultation (with an email) accepted by the quality station: (number, secret, officer's token)."""
    import requests

    made = requests.post(f"{stack.url}/api/requests", json=consultation(email="zhang@example.test"), timeout=30).json()
    token = requests.post(f"{stack.url}/api/staff/session", timeout=30, json={
        "username": "officer.quality-station", "password": SAMPLE_PASSWORD}).json()["token"]
    accepted = requests.post(f"{stack.url}/api/staff/requests/{made['tracking_no']}/actions", json={"action": "accept"},
                             headers=_auth(token), timeout=30)
    assert accepted.status_code == 200, accepted.text
    return made["tracking_no"], made["access_token"], token


def test_the_officer_issues_and_the_applicant_is_told_reads_and_downloads_it(stack, http, outbox, case):
    no, secret, token = case
    issued = http.post(f"{stack.url}/api/staff/requests/{no}/notices", json={"items": [item(1), item(2)]},
                       headers=_auth(token), timeout=30)
    assert issued.status_code == 201, issued.text
    assert issued.headers["Location"] == f"/api/staff/requests/{no}/notices/1"
    (notice,) = issued.json()["notices"]
    assert notice["number"] == f"{no}-N01" and notice["in_force"] and len(notice["items"]) == 2
    told = outbox.until(lambda snapshot: (found := [m for m in snapshot["messages"] if notice["number"] in m["body"]])
                        and len(found) == 2 and found)
    assert {(m["channel"], m["to"]) for m in told} == {("sms", "+8613800138000"), ("email", "zhang@example.test")}
    assert all("&notice=1" in m["body"] for m in told)
    seen = http.get(f"{stack.url}/api/requests/{no}", headers=_auth(secret), timeout=30).json()
    assert [n["number"] for n in seen["notices"]] == [notice["number"]]
    assert seen["notices"][0]["pdf"] == f"/api/requests/{no}/notices/1/pdf"
    pdf = http.get(f"{stack.url}/api/requests/{no}/notices/1/pdf", headers=_auth(secret) | PDF, timeout=30)
    assert pdf.status_code == 200 and pdf.headers["Content-Type"] == "application/pdf"
    assert pdf.headers["Cache-Control"] == "no-store" and f'{notice["number"]}.pdf' in pdf.headers["Content-Disposition"]
    text = squeeze(text_of(pdf.content))
    for i in notice["items"]:
        assert squeeze(i["problem"]["zh"]) in text and squeeze(i["problem"]["en"]) in text
    staff_pdf = http.get(f"{stack.url}/api/staff/requests/{no}/notices/1/pdf", headers=_auth(token) | PDF, timeout=30)
    assert staff_pdf.status_code == 200 and staff_pdf.content.startswith(b"%PDF-")


def test_without_the_secret_or_a_pdf_accept_the_applicant_gets_nothing(stack, http, case):
    no, secret, _ = case
    for headers in ({}, _auth("not-the-secret")):
        answer = http.get(f"{stack.url}/api/requests/{no}/notices/1/pdf", headers=headers | PDF, timeout=30)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found"
    refused = http.get(f"{stack.url}/api/requests/{no}/notices/1/pdf", headers=_auth(secret) | {"Accept": "text/html"},
                       timeout=30)
    assert refused.status_code == 406 and refused.json()["error"]["message"]["zh"]


def test_other_departments_get_404_and_a_supervisor_reads_but_does_not_issue(stack, http, case):
    no, _, _ = case
    other = _sign_in(stack, http, "officer.fire-design-division")["token"]
    for method, path, body in (("POST", f"/api/staff/requests/{no}/notices", {"items": [item()]}),
                               ("GET", f"/api/staff/requests/{no}/notices/1", None),
                               ("GET", f"/api/staff/requests/{no}/notices/1/pdf", None),
                               ("DELETE", f"/api/staff/requests/{no}/notices/1", None)):
        answer = http.request(method, f"{stack.url}{path}", json=body, headers=_auth(other) | PDF, timeout=30)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found_staff", path
    supervisor = _sign_in(stack, http, "supervisor")["token"]
    assert http.get(f"{stack.url}/api/staff/requests/{no}/notices/1/pdf", headers=_auth(supervisor) | PDF,
                    timeout=30).status_code == 200
    refused = http.post(f"{stack.url}/api/staff/requests/{no}/notices", json={"items": [item()], "replaces": 1},
                        headers=_auth(supervisor), timeout=30)
    assert refused.status_code == 409


def test_bad_input_and_changes_to_an_issued_notice_are_refused_and_change_nothing(stack, http, case):
    no, _, token = case
    before = http.get(f"{stack.url}/api/staff/requests/{no}", headers=_auth(token), timeout=30).json()
    long = item(problem={"zh": "缺" * 600, "en": "missing"})
    for body, field in (({"items": []}, "items"), ({"items": [item()] * (MAX_ITEMS + 1), "replaces": 1}, "items"),
                        ({"items": [long], "replaces": 1}, "items.0.problem.zh"), ({"items": [item()]}, "replaces"),
                        ({"items": [item()], "replaces": 5}, "replaces")):
        answer = http.post(f"{stack.url}/api/staff/requests/{no}/notices", json=body, headers=_auth(token), timeout=30)
        assert answer.status_code == 422, answer.text
        errors = answer.json()["errors"]
        assert field in [e["field"] for e in errors] and all(e["message"]["zh"] and e["message"]["en"] for e in errors)
    for method in ("PUT", "PATCH", "DELETE"):
        answer = http.request(method, f"{stack.url}/api/staff/requests/{no}/notices/1", json={"items": [item(9)]},
                              headers=_auth(token), timeout=30)
        assert answer.status_code == 409 and answer.json()["error"]["code"] == "notice_final", method
    after = http.get(f"{stack.url}/api/staff/requests/{no}", headers=_auth(token), timeout=30).json()
    assert after["notices"] == before["notices"] and after["timeline"] == before["timeline"]


def test_a_new_notice_supersedes_the_one_in_force_which_cannot_be_superseded_again(stack, http, case):
    no, secret, token = case
    issued = http.post(f"{stack.url}/api/staff/requests/{no}/notices", json={"items": [item(1), item(3)], "replaces": 1},
                       headers=_auth(token), timeout=30)
    assert issued.status_code == 201, issued.text
    first, second = issued.json()["notices"]
    assert (first["in_force"], first["superseded_by"]) == (False, second["number"])
    assert (second["in_force"], second["replaces"]) == (True, first["number"])
    again = http.post(f"{stack.url}/api/staff/requests/{no}/notices", json={"items": [item(4)], "replaces": 1},
                      headers=_auth(token), timeout=30)
    assert again.status_code == 422 and "superseded" in again.json()["errors"][0]["message"]["en"]
    pdf = http.get(f"{stack.url}/api/requests/{no}/notices/1/pdf", headers=_auth(secret) | PDF, timeout=30)
    assert squeeze(second["number"]) in squeeze(text_of(pdf.content))  # the old one says what replaced it

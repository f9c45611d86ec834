"""The five responsible parties over HTTP on the local stack: an officer of the Fire Acceptance
Division completes a fire-acceptance-service request with its findings while SES and SNS fail;
once they recover, each party's email and SMS goes out exactly once (the local outbox), with a
link whose own secret opens the findings and nothing else; the workbench's detail shows each
party's delivery per channel, pending while the providers fail and sent after."""
import re
from urllib.parse import parse_qs, urlsplit

import pytest
import requests

from tests.e2e import conftest as e2e
from tests.e2e.test_staff_api import _auth, _sign_in
from tests.unit.test_parties import FINDINGS, fire_body

OFFICER = "officer.fire-acceptance-division"
PARTY_ADDRESSES = {"+8613900139000", "design@example.com", "+8613700137000", "site@example.com", "+8613912345678",
                   "jl@example.test"}  # client SMS, designer email, contractor both, supervisor both
LINK = re.compile(r"https?://\S+/findings/#\S+")


def _faults(stack, **modes):
    answer = requests.post(f"{stack.url}/_local/faults", json=modes, timeout=10)
    assert answer.status_code == 200, answer.text


@pytest.fixture(scope="module")
def served(stack):
    """A fire-acceptance-service request in service: (number, the applicant's secret, the officer's token)."""
    made = requests.post(f"{stack.url}/api/requests", json=fire_body(), timeout=30)
    assert made.status_code == 201, made.text
    no, secret = made.json()["tracking_no"], made.json()["access_token"]
    token = requests.post(f"{stack.url}/api/staff/session", json={"username": OFFICER, "password": e2e.SAMPLE_PASSWORD},
                          timeout=30).json()["token"]
    for body in ({"action": "accept"}, {"action": "assign", "assignee": OFFICER}, {"action": "start"}):
        step = requests.post(f"{stack.url}/api/staff/requests/{no}/actions", json=body, headers=_auth(token), timeout=30)
        assert step.status_code == 200, step.text
    return no, secret, token


def _party_messages(snapshot, no):
    return [m for m in snapshot["messages"] if no in m["subject"] + m["body"] and "/findings/#" in m["body"]]


def test_each_party_is_told_exactly_once_after_ses_and_sns_recover(stack, http, outbox, served):
    no, _, token = served
    try:
        _faults(stack, ses="throttle", sns="down")
        done = http.post(f"{stack.url}/api/staff/requests/{no}/actions", headers=_auth(token), timeout=30, json={
            "action": "complete", "summary": "现场指导已完成。", "findings": FINDINGS})
        assert done.status_code == 200, done.text  # the officer is answered at once: nothing waits for SES or SNS
        outbox.until(lambda s: len([m for m in s["failed_attempts"] if "/findings/#" in m["body"] and no in
                                    m["subject"] + m["body"]]) >= 6)
        detail = http.get(f"{stack.url}/api/staff/requests/{no}", headers=_auth(token), timeout=30).json()
        states = {d["status"]["id"] for p in detail["parties"] for d in p["deliveries"]}
        assert states == {"pending"} and not _party_messages(outbox.read(), no)
    finally:
        _faults(stack, ses="ok", sns="ok")
    told = outbox.until(lambda s: (found := _party_messages(s, no)) and len(found) == 6 and found)
    assert sorted(m["to"] for m in told) == sorted(PARTY_ADDRESSES)  # each address once
    rows = stack.client("dynamodb").query(
        TableName=stack.table, KeyConditionExpression="pk = :p AND begins_with(sk, :m)",
        ExpressionAttributeValues={":p": {"S": f"REQ#{no}"}, ":m": {"S": "MSG#"}})["Items"]
    party_rows = [r for r in rows if r["audience"]["S"].startswith("party-")]
    assert len(party_rows) == 6 and {r["status"]["S"] for r in party_rows} == {"sent"}  # never claimed again
    assert len(_party_messages(outbox.read(), no)) == 6
    detail = http.get(f"{stack.url}/api/staff/requests/{no}", headers=_auth(token), timeout=30).json()
    assert {d["status"]["id"] for p in detail["parties"] for d in p["deliveries"]} == {"sent"}
    assert [p["party"]["id"] for p in detail["parties"]] == ["client", "designer", "contractor", "supervisor"]


def test_the_link_in_a_partys_message_opens_its_findings_and_nothing_else(stack, http, outbox, served):
    no, secret, _ = served
    (sms,) = [m for m in _party_messages(outbox.read(), no) if m["to"] == "+8613900139000"]
    link = LINK.search(sms["body"]).group(0)
    params = parse_qs(urlsplit(link).fragment)
    assert params["no"] == [no] and params["party"] == ["client"] and secret not in link
    party_secret = params["token"][0]
    e2e.SECRETS.add(party_secret)  # never in the stack's log either
    got = http.get(f"{stack.url}/api/requests/{no}/findings/client", headers=_auth(party_secret), timeout=30)
    assert got.status_code == 200 and got.json()["findings"] == FINDINGS
    assert "技术参考" in got.json()["advice_only"]["zh"] and "not the problem list" in got.json()["advice_only"]["en"]
    for path in (f"/api/requests/{no}", f"/api/requests/{no}/findings/designer"):
        assert http.get(f"{stack.url}{path}", headers=_auth(party_secret), timeout=30).status_code == 404
    page = http.get(f"{stack.url}/findings/", timeout=30)
    assert page.status_code == 200 and "findings.js" in page.text

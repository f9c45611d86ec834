"""The parties' side over HTTP with fakes (Chalice's test client, every answer checked against
the OpenAPI document): a party's link opens its findings and nothing else, and the officer sees
each party's deliveries per channel in the staff detail."""
import pytest

from tests.unit.test_app import client  # noqa: F401 - the fixture
from tests.unit.test_parties import FINDINGS, fire_body
from chalicelib.domain.parties import ADVICE_ONLY

LEAD = "token-officer.fire-acceptance-division"


def completed(client, deps):
    res = client.request("POST", "/api/requests", fire_body())
    no, token = res.json_body["tracking_no"], res.json_body["access_token"]
    for body in ({"action": "accept"}, {"action": "assign", "assignee": "officer.fire-acceptance-division"},
                 {"action": "start"}, {"action": "complete", "summary": "现场指导已完成。", "findings": FINDINGS}):
        step = client.request("POST", f"/api/staff/requests/{no}/actions", body, token=LEAD)
        assert step.status_code == 200, step.json_body
    return no, token, step.json_body


def test_a_partys_link_opens_its_findings_with_the_advice_only_words(client, deps):
    no, _, _ = completed(client, deps)
    got = client.request("GET", f"/api/requests/{no}/findings/designer", token=deps.links.findings_token(no, "designer"))
    assert got.status_code == 200
    out = got.json_body
    assert out["findings"] == FINDINGS and out["advice_only"] == ADVICE_ONLY.model_dump()
    assert out["party"]["id"] == "designer" and out["organisation"] == "沈阳示例设计院"
    assert "mobile" not in str(out) and "13800138000" not in str(out)  # nothing of the applicant's contact


@pytest.mark.parametrize("path_party, token_of", [
    ("designer", "applicant"),  # the applicant's secret is not a party's
    ("designer", "contractor"),  # another party's secret
    ("surveyor", "surveyor"),  # a party the form left out has no findings
    ("nobody", "designer"),
    ("designer", None),
])
def test_anything_but_the_partys_own_secret_is_not_found(client, deps, path_party, token_of):
    no, applicant, _ = completed(client, deps)
    if token_of is None:
        token = None
    else:
        token = applicant if token_of == "applicant" else deps.links.findings_token(no, token_of)
    got = client.request("GET", f"/api/requests/{no}/findings/{path_party}", token=token)
    assert got.status_code == 404


def test_a_partys_secret_opens_neither_the_status_nor_a_step(client, deps):
    no, _, _ = completed(client, deps)
    secret = deps.links.findings_token(no, "client")
    assert client.request("GET", f"/api/requests/{no}", token=secret).status_code == 404
    assert client.request("POST", f"/api/requests/{no}/actions", {"action": "rate", "level": 5},
                          token=secret).status_code == 404


def test_findings_are_not_found_before_the_completion(client, deps):
    res = client.request("POST", "/api/requests", fire_body())
    no = res.json_body["tracking_no"]
    got = client.request("GET", f"/api/requests/{no}/findings/client", token=deps.links.findings_token(no, "client"))
    assert got.status_code == 404


def test_the_officer_sees_each_partys_delivery_per_channel_pending_then_sent(client, deps, dispatcher):
    no, _, answer = completed(client, deps)
    rows = {p["party"]["id"]: {d["channel"]["id"]: d["status"]["id"] for d in p["deliveries"]} for p in answer["parties"]}
    assert rows == {"client": {"sms": "pending"}, "designer": {"email": "pending"},
                    "contractor": {"email": "pending", "sms": "pending"},
                    "supervisor": {"email": "pending", "sms": "pending"}}
    dispatcher.dispatch_due(limit=100)
    got = client.request("GET", f"/api/staff/requests/{no}", token=LEAD).json_body
    states = {(p["party"]["id"], d["channel"]["id"]): d["status"]["label"]["en"] for p in got["parties"]
              for d in p["deliveries"]}
    assert set(states.values()) == {"Sent"} and len(states) == 6
    assert got["findings"] == FINDINGS


def test_other_services_list_no_parties(client, deps):
    from tests.conftest import consultation

    no = client.request("POST", "/api/requests", consultation()).json_body["tracking_no"]
    got = client.request("GET", f"/api/staff/requests/{no}", token="token-officer.quality-station")
    assert got.status_code == 200 and got.json_body["parties"] is None


def test_the_staff_detail_offers_the_filled_templates_of_the_steps_allowed_now(client, deps):
    no = client.request("POST", "/api/requests", fire_body()).json_body["tracking_no"]
    got = client.request("GET", f"/api/staff/requests/{no}", token=LEAD).json_body
    replies = got["replies"]
    assert replies["lang"] == "zh" and replies["note"]["en"].startswith("Sample wording")
    by_id = {r["id"]: r for r in replies["items"]}
    reject = by_id["reject-not-proactive-service"]
    assert (reject["action"], reject["field"], reject["sample"]) == ("reject", "reason", True)
    assert no in reject["text"]["zh"] and no in reject["text"]["en"] and "{" not in reject["text"]["zh"]
    assert {r["action"] for r in replies["items"]} <= {a["id"] for a in got["actions"]}

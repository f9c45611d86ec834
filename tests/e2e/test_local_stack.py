"""End to end over HTTP: the site on one origin, a consultation travelling the whole way."""
import json

import requests

from tests.conftest import consultation


def test_the_site_is_served_in_both_languages_with_the_generated_form(stack, http):
    zh = http.get(f"{stack.url}/services/consultation/", timeout=10)
    en = http.get(f"{stack.url}/en/services/consultation/", timeout=10)
    assert zh.status_code == en.status_code == 200
    assert 'name="uscc"' in zh.text and "统一社会信用代码" in zh.text
    assert 'name="uscc"' in en.text and "Unified social credit code" in en.text
    assert http.get(f"{stack.url}/", timeout=10).status_code == 200
    assert http.get(f"{stack.url}/no-such-page/", timeout=10).status_code == 404


def test_a_consultation_reaches_the_department_by_email_and_sms(stack, http, outbox):
    res = http.post(f"{stack.url}/api/requests", json=consultation(stage="fire-acceptance"), timeout=30)
    assert res.status_code == 201, res.text
    no, token = res.json()["tracking_no"], res.json()["access_token"]
    by_to = {m["to"]: m for m in outbox.mine(no, count=3)}
    email = by_to["fire-acceptance-division@departments.example.org"]
    assert email["channel"] == "email" and email["confirmed"] and "消防验收" in email["body"]
    assert any(m["channel"] == "sms" and m["to"] != "+8613800138000" for m in by_to.values())
    assert by_to["+8613800138000"]["channel"] == "sms" and token in by_to["+8613800138000"]["body"]

    status = http.get(f"{stack.url}/api/requests/{no}", headers={"Authorization": f"Bearer {token}"}, timeout=10)
    assert status.status_code == 200 and status.json()["status"]["id"] == "notified"  # its SMS and email went out
    for headers in ({"Authorization": "Bearer wrong"}, {}):
        assert http.get(f"{stack.url}/api/requests/{no}", headers=headers, timeout=10).status_code == 404


def _count_items(stack):
    return stack.client("dynamodb").scan(TableName=stack.table, Select="COUNT")["Count"]


def test_bad_input_changes_nothing(stack, http, outbox):
    before_items, before_sent = _count_items(stack), len(outbox())
    url = f"{stack.url}/api/requests"
    cases = [
        (http.post(url, data=b"{oops", headers={"Content-Type": "application/json"}, timeout=10), 400),
        (http.post(url, data=json.dumps(consultation(question="x" * 40000)),
                   headers={"Content-Type": "application/json"}, timeout=10), 413),
        (requests.post(url, data=b"x" * (2 * 1024 * 1024), headers={"Content-Type": "application/json"}, timeout=30), 413),
        (http.post(url, json=consultation(mobile="110"), timeout=10), 422),
    ]
    for res, status in cases:
        assert res.status_code == status
        assert res.json()["error"]["message"]["zh"] and res.json()["error"]["message"]["en"]
    assert cases[-1][0].json()["errors"][0]["field"] == "mobile"
    assert _count_items(stack) == before_items
    assert len(outbox()) == before_sent


def test_the_openapi_document_and_outbox_page_are_served(stack, http):
    doc = http.get(f"{stack.url}/api/openapi.json", timeout=10).json()
    assert doc["openapi"] == "3.1.0" and "/api/requests" in doc["paths"]
    page = http.get(f"{stack.url}/_local/outbox", timeout=10)
    assert page.status_code == 200 and "Local outbox" in page.text


def _set_faults(stack, **modes):
    res = requests.post(f"{stack.url}/_local/faults", json=modes, timeout=10)
    assert res.status_code == 200, res.text
    return res.json()


def test_with_ses_and_sns_down_the_request_is_kept_and_sent_exactly_once_after_recovery(stack, http, outbox):
    try:
        assert _set_faults(stack, ses="throttle", sns="down") == {"ses": "throttle", "sns": "down"}
        res = http.post(f"{stack.url}/api/requests", json=consultation(stage="archive-acceptance"), timeout=30)
        assert res.status_code == 201  # the applicant is answered at once: nothing waits for SES or SNS
        no = res.json()["tracking_no"]

        def failed_attempts(snapshot):
            got = [m for m in snapshot["failed_attempts"] if no in m["subject"] + m["body"]]
            return got if len(got) >= 3 else None
        attempts = outbox.until(failed_attempts)
        assert {m["outcome"] for m in attempts} <= {"failed: Throttling", "failed: ServiceUnavailable"}
        assert not [m for m in outbox() if no in m["subject"] + m["body"]]
    finally:
        _set_faults(stack, ses="ok", sns="ok")
    mine = outbox.mine(no, count=3)
    assert sorted(m["channel"] for m in mine) == ["email", "sms", "sms"]
    # Each is recorded as sent in the table, so no dispatcher round can claim it again.
    rows = stack.client("dynamodb").query(
        TableName=stack.table, KeyConditionExpression="pk = :p AND begins_with(sk, :m)",
        ExpressionAttributeValues={":p": {"S": f"REQ#{no}"}, ":m": {"S": "MSG#"}})["Items"]
    assert sorted(r["status"]["S"] for r in rows) == ["sent"] * 3
    assert len([m for m in outbox() if no in m["subject"] + m["body"]]) == 3


def test_an_unknown_fault_mode_is_refused(stack):
    assert requests.post(f"{stack.url}/_local/faults", json={"ses": "explode"}, timeout=10).status_code == 400

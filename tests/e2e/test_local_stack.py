"""End to end over HTTP: the site on one origin, a consultation travelling the whole way."""
import json
import time

import boto3
import requests

from tests.conftest import consultation
from tests.e2e.conftest import wait_for


def test_the_site_is_served_in_both_languages_with_the_generated_form(stack):
    zh = requests.get(f"{stack.url}/services/consultation/", timeout=5)
    en = requests.get(f"{stack.url}/en/services/consultation/", timeout=5)
    assert zh.status_code == en.status_code == 200
    assert 'name="uscc"' in zh.text and "统一社会信用代码" in zh.text
    assert 'name="uscc"' in en.text and "Unified social credit code" in en.text
    assert requests.get(f"{stack.url}/", timeout=5).status_code == 200
    assert requests.get(f"{stack.url}/no-such-page/", timeout=5).status_code == 404


def test_a_consultation_reaches_the_department_by_email_and_sms(stack, outbox):
    res = requests.post(f"{stack.url}/api/requests", json=consultation(stage="fire-acceptance"), timeout=10)
    assert res.status_code == 201, res.text
    no, token = res.json()["tracking_no"], res.json()["access_token"]

    def delivered():
        mine = [m for m in outbox() if no in m["subject"] + m["body"]]
        return mine if len(mine) == 3 else None
    mine = wait_for(delivered)
    by_to = {m["to"]: m for m in mine}
    email = by_to["fire-acceptance-division@departments.example.org"]
    assert email["channel"] == "email" and email["confirmed"] and "消防验收" in email["body"]
    assert any(m["channel"] == "sms" and m["to"] != "+8613800138000" for m in mine)
    assert by_to["+8613800138000"]["channel"] == "sms" and token in by_to["+8613800138000"]["body"]

    status = requests.get(f"{stack.url}/api/requests/{no}", params={"token": token}, timeout=5)
    assert status.status_code == 200 and status.json()["status"]["id"] == "submitted"
    for params in ({"token": "wrong"}, {}):
        assert requests.get(f"{stack.url}/api/requests/{no}", params=params, timeout=5).status_code == 404


def _count_items(stack):
    return boto3.client("dynamodb").scan(TableName=stack.aws.table, Select="COUNT")["Count"]


def test_bad_input_changes_nothing(stack, outbox):
    before_items, before_sent = _count_items(stack), len(outbox())
    url = f"{stack.url}/api/requests"
    cases = [
        (requests.post(url, data=b"{oops", headers={"Content-Type": "application/json"}, timeout=5), 400),
        (requests.post(url, data=json.dumps(consultation(question="x" * 40000)),
                       headers={"Content-Type": "application/json"}, timeout=5), 413),
        (requests.post(url, data=b"x" * (2 * 1024 * 1024), headers={"Content-Type": "application/json"}, timeout=5), 413),
        (requests.post(url, json=consultation(mobile="110"), timeout=5), 422),
    ]
    for res, status in cases:
        assert res.status_code == status
        assert res.json()["error"]["message"]["zh"] and res.json()["error"]["message"]["en"]
    assert cases[-1][0].json()["errors"][0]["field"] == "mobile"
    assert _count_items(stack) == before_items
    assert len(outbox()) == before_sent


def test_the_openapi_document_and_outbox_page_are_served(stack):
    doc = requests.get(f"{stack.url}/api/openapi.json", timeout=5).json()
    assert doc["openapi"] == "3.1.0" and "/api/requests" in doc["paths"]
    page = requests.get(f"{stack.url}/_local/outbox", timeout=5)
    assert page.status_code == 200 and "Local outbox" in page.text


def _set_faults(stack, **modes):
    res = requests.post(f"{stack.url}/_local/faults", json=modes, timeout=5)
    assert res.status_code == 200, res.text
    return res.json()


def test_with_ses_and_sns_down_the_request_is_kept_and_sent_exactly_once_after_recovery(stack, outbox):
    try:
        assert _set_faults(stack, ses="throttle", sns="down") == {"ses": "throttle", "sns": "down"}
        res = requests.post(f"{stack.url}/api/requests", json=consultation(stage="archive-acceptance"), timeout=10)
        assert res.status_code == 201  # the applicant is answered at once: nothing waits for SES or SNS
        no = res.json()["tracking_no"]

        def failed_attempts():
            body = requests.get(f"{stack.url}/_local/outbox.json", timeout=5).json()
            return [m for m in body["failed_attempts"] if no in m["subject"] + m["body"]]
        attempts = wait_for(lambda: len(failed_attempts()) >= 3 and failed_attempts())
        assert {m["outcome"] for m in attempts} <= {"failed: Throttling", "failed: ServiceUnavailable"}
        assert not [m for m in outbox() if no in m["subject"] + m["body"]]
    finally:
        _set_faults(stack, ses="ok", sns="ok")
    mine = wait_for(lambda: (lambda got: got if len(got) == 3 else None)(
        [m for m in outbox() if no in m["subject"] + m["body"]]), timeout=30)
    assert sorted(m["channel"] for m in mine) == ["email", "sms", "sms"]
    time.sleep(3)  # several more dispatcher rounds: nothing goes out twice
    assert len([m for m in outbox() if no in m["subject"] + m["body"]]) == 3


def test_an_unknown_fault_mode_is_refused(stack):
    assert requests.post(f"{stack.url}/_local/faults", json={"ses": "explode"}, timeout=5).status_code == 400

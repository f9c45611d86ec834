"""The figures over HTTP on the local stack: a submission and a step reach the aggregates through
the dispatcher loop (the stream's stand-in), the dashboard's figures and the public JSON show them,
a head of another department gets the 404 of an unknown one, and the request list comes as CSV."""
import io
import csv
import time

import pytest

from tests.conftest import consultation
from tests.e2e.conftest import WAIT, staff_token


def _token(stack, http, username):
    return {"Authorization": f"Bearer {staff_token(stack, http, username)}"}


def _until(read, predicate):
    """`read()` again until `predicate` holds of it (each read is a round trip to the stack)."""
    deadline = time.monotonic() + WAIT
    while not predicate(value := read()):
        assert time.monotonic() < deadline, f"figures not updated in {WAIT:.0f} s: {value}"
    return value


@pytest.fixture(scope="module")
def accepted(stack):
    import requests

    no = requests.post(f"{stack.url}/api/requests", json=consultation(), timeout=30).json()["tracking_no"]
    token = staff_token(stack, requests, "officer.quality-station")
    done = requests.post(f"{stack.url}/api/staff/requests/{no}/actions", json={"action": "accept"}, timeout=30,
                         headers={"Authorization": f"Bearer {token}"})
    assert done.status_code == 200, done.text
    return no


def test_a_step_reaches_the_departments_figures_and_the_public_json(stack, http, accepted):
    head = _token(stack, http, "head.quality-station")
    figures = _until(lambda: http.get(f"{stack.url}/api/staff/figures?by=department", headers=head, timeout=30).json(),
                     lambda body: body["total"]["accepted"] >= 1)
    assert figures["total"]["received"] >= 1 and [r["key"] for r in figures["rows"]] == ["quality-station"]
    public = http.get(f"{stack.url}/api/figures/public", timeout=30)
    assert public.headers["Cache-Control"].startswith("public") and public.json()["months"][-1]["received"] >= 1
    assert "quality-station" not in public.text and "张工" not in public.text
    assert public.json()["sample"] is True and figures["sample"] is True, "the local stack's figures are sample"


def test_a_head_of_another_department_gets_the_404_of_an_unknown_one(stack, http, accepted):
    fire = _token(stack, http, "head.fire-design-division")
    for query in ("department=quality-station", "department=no-such-department"):
        answer = http.get(f"{stack.url}/api/staff/figures?{query}", headers=fire, timeout=30)
        assert answer.status_code == 404 and answer.json()["error"]["code"] == "not_found_staff"
    mine = http.get(f"{stack.url}/api/staff/figures", headers=fire, timeout=30).json()
    assert [d["id"] for d in mine["departments"]] == ["fire-design-division"]


def test_the_request_list_comes_as_csv_with_its_bom_and_the_own_departments_contact(stack, http, accepted):
    officer = _token(stack, http, "officer.quality-station")
    answer = http.get(f"{stack.url}/api/staff/figures/requests.csv", headers=officer, timeout=30)
    assert answer.status_code == 200 and answer.content.startswith("\ufeff".encode())
    rows = {r["受理编号"]: r for r in csv.DictReader(io.StringIO(answer.content.decode("utf-8-sig")))}
    assert rows[accepted]["联系人"] == "张工" and rows[accepted]["受理时间"]

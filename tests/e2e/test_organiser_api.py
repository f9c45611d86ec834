"""The organiser's side over HTTP on the local stack, with real ID tokens from its Cognito (moto):
an enterprise registers, the organising department's officer checks the participant in with the
code the participant's page shows, exports the attendance (read back with openpyxl) and reads the
rating the participant then gives; another department's officer gets the 404 of an unknown
session on every organiser route. The stack's clock is moved to the session's day through
/_local/clock (infra/local_clock.py) and back."""
import io

import pytest

from tests.e2e.test_staff_api import _auth, _sign_in
from tests.unit.test_registration_flow import _uscc
from tests.unit.test_trainings_api import SESSION, registration

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ON_THE_DAY = "2027-03-24T09:30:00+08:00"


@pytest.fixture
def on_the_day(stack, http):
    """The stack's clock on the session's day, back to the real time afterwards."""
    assert http.post(f"{stack.url}/_local/clock", json={"now": ON_THE_DAY}, timeout=30).status_code == 200
    yield
    http.post(f"{stack.url}/_local/clock", json={"now": None}, timeout=30)


@pytest.fixture(scope="module")
def participants(stack):
    """Two registrations made before the deadline (the real clock): (number, secret) each."""
    import requests

    out = []
    for i in (71, 72):
        body = registration(mobile=f"1390000{i:04d}", uscc=_uscc(i), email=None, participant_name=f"参加人{i}")
        answer = requests.post(f"{stack.url}/api/trainings/{SESSION}/registrations", json=body, timeout=30).json()
        out.append((answer["registration_no"], answer["access_token"]))
    return out


def test_another_departments_officer_gets_the_404_of_an_unknown_session(stack, http, participants):
    token = _sign_in(stack, http, "officer.quality-station")["token"]
    answers = [http.request(method, f"{stack.url}/api/staff/trainings/{session}{path}", json=body,
                            headers=_auth(token) | {"Accept": XLSX} if path.endswith("xlsx") else _auth(token), timeout=30)
               for session in (SESSION, "no-such-session")
               for method, path, body in (("GET", "", None), ("POST", "/check-ins", {"code": "X.Y"}),
                                          ("GET", "/attendance.xlsx", None))]
    assert {a.status_code for a in answers} == {404}
    assert {a.json()["error"]["code"] for a in answers} == {"not_found_staff"}
    mine = http.get(f"{stack.url}/api/staff/trainings", headers=_auth(token), timeout=30).json()["sessions"]
    assert SESSION not in {s["training"]["id"] for s in mine}


def test_check_in_export_and_the_participants_rating(stack, http, participants, on_the_day):
    from openpyxl import load_workbook

    token = _sign_in(stack, http, "officer.urban-construction-archives")["token"]
    (no, secret), (absent, _) = participants
    page = http.get(f"{stack.url}/api/trainings/registrations/{no}", headers=_auth(secret), timeout=30).json()
    code = page["check_in"]["code"]
    first = http.post(f"{stack.url}/api/staff/trainings/{SESSION}/check-ins", json={"code": code},
                      headers=_auth(token), timeout=30)
    assert first.status_code == 200 and first.json()["outcome"] == "checked_in"
    assert first.json()["message"]["en"].startswith("Checked in: 参加人71")
    again = http.post(f"{stack.url}/api/staff/trainings/{SESSION}/check-ins", json={"code": code},
                      headers=_auth(token), timeout=30).json()
    assert again["outcome"] == "already_checked_in" and "09:30" in again["message"]["zh"]
    forged = http.post(f"{stack.url}/api/staff/trainings/{SESSION}/check-ins", json={"code": code[:-1] + "A"},
                       headers=_auth(token), timeout=30)
    assert forged.status_code == 422 and forged.json()["error"]["code"] == "check_in_code_refused"
    sheet = http.get(f"{stack.url}/api/staff/trainings/{SESSION}/attendance.xlsx",
                     headers=_auth(token) | {"Accept": XLSX}, timeout=30)
    assert sheet.status_code == 200 and sheet.headers["Content-Type"] == XLSX
    rows = {r[1]: r for r in load_workbook(io.BytesIO(sheet.content)).active.iter_rows(min_row=4, values_only=True)}
    assert rows[no][6] == "是 Yes" and rows[no][7] == "2027-03-24 09:30" and rows[absent][6] == "否 No"
    rated = http.post(f"{stack.url}/api/trainings/registrations/{no}/actions", headers=_auth(secret), timeout=30,
                      json={"action": "rate", "level": 5, "comment": "现场讲解很实用"})
    assert rated.status_code == 200 and rated.json()["rating"]["level"] == 5
    summary = http.get(f"{stack.url}/api/staff/trainings/{SESSION}", headers=_auth(token), timeout=30).json()["summary"]
    assert summary["rated"] == 1 and summary["levels"][0] == {"level": 5, "label": {"zh": "非常满意", "en": "Very satisfied"},
                                                               "count": 1}
    assert summary["comments"] == [{"level": 5, "comment": "现场讲解很实用"}]

"""The organiser's routes over fakes (Chalice's test client, every JSON answer checked against the
OpenAPI document): the sessions of the officer's departments, a session's lists (another
department's officer gets the 404 of an unknown session), check-in at the door with each of its
answers, the attendance XLSX read back with openpyxl, and the participants' rating."""
import io
from datetime import datetime, timezone

import pytest

from chalicelib.domain.check_in import check_in_code
from tests.unit.test_app import client  # noqa: F401 - the checked client fixture
from tests.unit.test_trainings_api import SESSION, register, registration
from tests.unit.test_registration_flow import _uscc

ARCHIVES = "token-officer.urban-construction-archives"
QUALITY = "token-officer.quality-station"
SUPERVISOR = "token-supervisor"
ON_THE_DAY = datetime(2027, 3, 24, 1, 0, tzinfo=timezone.utc)  # 09:00 in Beijing, the session's start
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _people(client, n, seats=1, **changes):
    """Register `n` participants; their registration numbers and secrets."""
    out = []
    for i in range(n):
        body = {"mobile": f"1390000{i:04d}", "uscc": _uscc(i), "email": None, "seats": seats} | changes
        res = register(client, registration(**body))
        assert res.status_code == 201, res.json_body
        out.append((res.json_body["registration_no"], res.json_body["access_token"]))
    return out


def _check_in(client, code, token=ARCHIVES, session=SESSION):
    return client.request("POST", f"/api/staff/trainings/{session}/check-ins", {"code": code}, token=token)


def test_each_officer_sees_the_sessions_of_their_own_departments(client, deps):
    mine = client.request("GET", "/api/staff/trainings", token=ARCHIVES).json_body["sessions"]
    assert mine and {s["organiser"]["id"] for s in mine} == {"urban-construction-archives"}
    assert all(s["may_check_in"] for s in mine)
    everything = client.request("GET", "/api/staff/trainings", token=SUPERVISOR).json_body["sessions"]
    assert {s["training"]["id"] for s in everything} == {t.id for t in deps.trainings.with_registration()}
    assert not any(s["may_check_in"] for s in everything)
    assert client.request("GET", "/api/staff/trainings").status_code == 401


def test_the_lists_in_order_and_another_departments_officer_gets_the_404_of_an_unknown_session(client, deps):
    people = _people(client, 11, seats=3)  # 10 × 3 seats fill the 30-seat session; the 11th waits
    lists = client.request("GET", f"/api/staff/trainings/{SESSION}", token=ARCHIVES).json_body
    assert [p["registration_no"] for p in lists["confirmed"]] == [no for no, _ in people[:10]]
    assert [(p["registration_no"], p["position"]) for p in lists["waiting_list"]] == [(people[10][0], 1)]
    assert lists["taken"] == 30 and lists["capacity"] == 30 and lists["confirmed"][0]["checked_in_at"] is None
    assert client.request("GET", f"/api/staff/trainings/{SESSION}", token=SUPERVISOR).status_code == 200
    other = client.request("GET", f"/api/staff/trainings/{SESSION}", token=QUALITY)
    unknown = client.request("GET", "/api/staff/trainings/no-such-session", token=ARCHIVES)
    assert other.status_code == unknown.status_code == 404 and other.json_body == unknown.json_body
    assert other.json_body["error"]["code"] == "not_found_staff"
    for path in ("", "/attendance.xlsx"):
        assert client.request("GET", f"/api/staff/trainings/{SESSION}{path}", token=QUALITY).status_code == 404
    assert _check_in(client, "x", token=QUALITY).status_code == 404


def test_check_in_at_the_door_answers_who_when_and_why_not(client, deps, links):
    ((no, _),) = _people(client, 1)
    deps.clock.current = ON_THE_DAY
    code = check_in_code(links.key, SESSION, no)
    first = _check_in(client, f"  {code.lower()} ")  # typed at the door: case and spaces forgiven
    assert first.status_code == 200 and first.json_body["outcome"] == "checked_in"
    assert first.json_body["message"] == {"zh": "签到成功：张工（沈阳示例建设有限公司），1 人。",
                                          "en": "Checked in: 张工 (沈阳示例建设有限公司), 1 seat."}
    again = _check_in(client, code)
    assert again.json_body["outcome"] == "already_checked_in" and "09:00" in again.json_body["message"]["zh"]
    assert "Already checked in at 09:00" in again.json_body["message"]["en"]
    assert deps.registrations.get(no).checked_in_at == ON_THE_DAY
    refused = _check_in(client, check_in_code(links.key, "archive-training-2027-06", no))
    assert refused.status_code == 422 and refused.json_body["error"]["code"] == "check_in_code_refused"
    assert "另一场培训" in refused.json_body["error"]["message"]["zh"]
    assert _check_in(client, {"not": "a string"}).json_body["error"]["code"] == "check_in_code_refused"
    assert _check_in(client, code, token=SUPERVISOR).status_code == 404  # supervisors read, never check in
    deps.clock.current = datetime(2027, 3, 25, 1, 0, tzinfo=timezone.utc)
    late = _check_in(client, code)
    assert late.status_code == 409 and late.json_body["error"]["code"] == "check_in_not_today"


def test_a_waiting_or_cancelled_registrations_code_is_answered_as_such(client, deps, links):
    people = _people(client, 12, seats=3)
    waiting_no, still_waiting = people[10][0], people[11][0]
    cancelled_no, secret = people[0]
    assert client.request("POST", f"/api/trainings/registrations/{cancelled_no}/actions", {"action": "cancel"},
                          token=secret).status_code == 200
    deps.clock.current = ON_THE_DAY
    res = _check_in(client, check_in_code(links.key, SESSION, cancelled_no))
    assert res.status_code == 409 and res.json_body["error"]["code"] == "check_in_not_confirmed"
    assert "候补名单上或已取消" in res.json_body["error"]["message"]["zh"]
    promoted = _check_in(client, check_in_code(links.key, SESSION, waiting_no))  # the cancellation gave it a seat
    assert promoted.status_code == 200
    waits = _check_in(client, check_in_code(links.key, SESSION, still_waiting))
    assert waits.status_code == 409 and waits.json_body["error"]["code"] == "check_in_not_confirmed"


def test_the_attendance_export_reads_back_with_openpyxl(client, deps, links):
    from openpyxl import load_workbook

    people = _people(client, 2) + _people(client, 1, participant_name="=HYPERLINK(\"http://x\",\"y\")",
                                          mobile="13900009999", uscc=_uscc(99))
    deps.clock.current = ON_THE_DAY
    _check_in(client, check_in_code(links.key, SESSION, people[1][0]))
    res = client.request("GET", f"/api/staff/trainings/{SESSION}/attendance.xlsx", token=ARCHIVES,
                         headers={"Accept": XLSX})
    assert res.status_code == 200 and res.headers["Content-Type"] == XLSX and res.headers["Cache-Control"] == "no-store"
    assert res.headers["Content-Disposition"] == f'attachment; filename="attendance-{SESSION}.xlsx"'
    sheet = load_workbook(io.BytesIO(res.body)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[2] == ["序号 No.", "报名编号 Registration no.", "单位 Organisation", "统一社会信用代码 Unified social credit code",
                       "参加人 Participant", "人数 Seats", "已签到 Checked in", "签到时间（北京时间） Check-in time (Beijing)"]
    body = rows[3:6]
    assert [r[1] for r in body] == [no for no, _ in people]
    assert [r[6] for r in body] == ["否 No", "是 Yes", "否 No"] and body[1][7] == "2027-03-24 09:00"
    assert body[2][4] == "=HYPERLINK(\"http://x\",\"y\")" and sheet.cell(6, 5).data_type == "s"  # text, not a formula
    assert rows[6][0] == "合计 Total" and rows[6][4] == "1 / 3"
    assert client.request("GET", f"/api/staff/trainings/{SESSION}/attendance.xlsx", token=SUPERVISOR,
                          headers={"Accept": XLSX}).status_code == 200


def _rate(client, no, secret, body):
    return client.request("POST", f"/api/trainings/registrations/{no}/actions", body, token=secret)


def test_only_a_checked_in_participant_rates_once_after_the_start_and_the_organiser_sees_the_summary(client, deps, links):
    (no, secret), (absent, absent_secret), (third, third_secret) = _people(client, 3)
    assert _rate(client, no, secret, {"action": "rate", "level": 5}).json_body["error"]["code"] == "rating_not_allowed"
    deps.clock.current = ON_THE_DAY
    for n in (no, third):
        _check_in(client, check_in_code(links.key, SESSION, n))
    opened = client.request("GET", f"/api/trainings/registrations/{no}", token=secret).json_body
    assert [a["id"] for a in opened["actions"]] == ["rate"] and opened["rating"] is None
    bad = _rate(client, no, secret, {"action": "rate", "level": 6})
    assert bad.status_code == 422 and bad.json_body["errors"][0]["field"] == "level"
    done = _rate(client, no, secret, {"action": "rate", "level": 4, "comment": "  讲解清楚，希望多举实例。 "})
    assert done.status_code == 200 and done.json_body["rating"] == {"level": 4, "label": {"zh": "满意", "en": "Satisfied"}}
    assert done.json_body["actions"] == []
    twice = _rate(client, no, secret, {"action": "rate", "level": 1})
    assert twice.status_code == 409 and twice.json_body["error"]["code"] == "rating_not_allowed"
    assert deps.registrations.get(no).rating == 4
    assert _rate(client, absent, absent_secret, {"action": "rate", "level": 1}).status_code == 409  # never checked in
    assert _rate(client, third, "x" * 32, {"action": "rate", "level": 1}).status_code == 404
    deps.clock.current = datetime(2027, 3, 26, 1, 0, tzinfo=timezone.utc)  # two days later: still open
    assert _rate(client, third, third_secret, {"action": "rate", "level": 2}).status_code == 200
    summary = client.request("GET", f"/api/staff/trainings/{SESSION}", token=ARCHIVES).json_body["summary"]
    assert summary["checked_in"] == 2 and summary["rated"] == 2 and summary["average"] == 3.0
    assert [(x["level"], x["count"]) for x in summary["levels"]] == [(5, 0), (4, 1), (3, 0), (2, 1), (1, 0)]
    assert summary["levels"][1]["label"] == {"zh": "满意", "en": "Satisfied"}
    assert summary["comments"] == [{"level": 4, "comment": "讲解清楚，希望多举实例。"}]


@pytest.mark.parametrize("when,expected", [(datetime(2027, 3, 24, 0, 59, tzinfo=timezone.utc), False),
                                           (ON_THE_DAY, True),
                                           (datetime(2027, 4, 23, 3, 29, tzinfo=timezone.utc), True),
                                           (datetime(2027, 4, 23, 3, 30, tzinfo=timezone.utc), False)])
def test_rating_opens_at_the_start_and_closes_thirty_days_after_the_end(deps, when, expected):
    import dataclasses

    from chalicelib.domain.registration import Registration, RegistrationStatus
    from chalicelib.domain.training_rating import may_rate

    r = Registration("R1", SESSION, 1, 1, RegistrationStatus.CONFIRMED, "o", "u", "p", "+86", None, "zh", "h",
                     ON_THE_DAY, checked_in_at=ON_THE_DAY)
    training = deps.trainings.get(SESSION)  # 09:00–11:30 on 24 March 2027 (Beijing)
    assert may_rate(r, training, when) is expected
    assert not may_rate(dataclasses.replace(r, checked_in_at=None), training, ON_THE_DAY)
    assert not may_rate(dataclasses.replace(r, rating=3), training, ON_THE_DAY)

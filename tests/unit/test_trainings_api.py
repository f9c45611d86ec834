"""The training routes over fakes (Chalice's test client, every answer checked against the
OpenAPI document): seats left, registering, a second registration of a mobile refused in both
languages, bad input refused with nothing stored, the registration opened with its secret in
the Authorization header only, cancelling."""
import pytest

from chalicelib.domain.check_in import read_check_in_code
from tests.conftest import VALID_USCC
from tests.unit.test_app import JSON, client  # noqa: F401 - the checked client fixture

SESSION = "archive-training-2027-03"  # 30 seats, 3 per organisation (sample terms)


def registration(**changes):
    """A valid registration body; keyword arguments replace or (with None) drop fields."""
    body = {"organisation": "沈阳示例建设有限公司", "uscc": VALID_USCC, "participant_name": "张工",
            "mobile": "138 0013 8000", "email": "zhang@example.com", "seats": 1}
    body.update(changes)
    return {k: v for k, v in body.items() if v is not None}


def register(client, body=None, session=SESSION, query=""):
    return client.request("POST", f"/api/trainings/{session}/registrations{query}", body or registration())


def _seats(client):
    res = client.request("GET", "/api/trainings/seats")
    assert res.status_code == 200 and res.headers["Cache-Control"] == "no-store"
    return {s["training_id"]: s for s in res.json_body["sessions"]}


def test_seats_left_of_every_session_that_takes_registrations(client, deps):
    seats = _seats(client)
    assert set(seats) == {t.id for t in deps.trainings.with_registration()}
    assert seats[SESSION] == {"training_id": SESSION, "state": "open", "seats_left": 30, "waiting": 0}
    assert seats["quality-training-2027-05"]["state"] == "closed"  # registration not open (sample terms)
    register(client, registration(seats=2))
    assert _seats(client)[SESSION]["seats_left"] == 28


def test_register_then_open_the_registration_with_its_secret_in_the_header(client, registrations, links):
    res = register(client, query="?lang=en")
    assert res.status_code == 201, res.json_body
    out = res.json_body
    no, token = out["registration_no"], out["access_token"]
    assert out["status"]["id"] == "confirmed" and out["position"] == 0 and out["by_sms"] is True
    assert out["manage_url"].endswith(f"/en/trainings/registration/#no={no}&token={token}")
    assert registrations.get(no).mobile == "+8613800138000" and registrations.get(no).lang == "en"
    got = client.request("GET", f"/api/trainings/registrations/{no}", token=token)
    assert got.status_code == 200
    body = got.json_body
    assert body["status"]["label"] == {"zh": "已确认", "en": "Confirmed"} and body["training"]["id"] == SESSION
    assert read_check_in_code(links.key, SESSION, body["check_in"]["code"]) == no
    assert body["check_in"]["qr_svg"].startswith("data:image/svg+xml")
    assert [a["id"] for a in body["actions"]] == ["cancel"]
    for wrong in ({"token": "x" * 32}, {}, {"headers": JSON}):  # a wrong or a missing secret
        assert client.request("GET", f"/api/trainings/registrations/{no}", **wrong).status_code == 404
    refused = client.request("GET", f"/api/trainings/registrations/{no}?token={token}")
    assert refused.status_code == 404  # a secret in a query string opens nothing
    assert refused.json_body["error"]["code"] == "registration_not_found"


def test_the_same_mobile_twice_for_a_session_is_refused_in_both_languages_and_nothing_changes(client, store, registrations):
    assert register(client).status_code == 201
    before = (dict(registrations.heads), dict(store.messages), registrations.seat_count(SESSION))
    again = register(client, registration(mobile="+86 138-0013-8000", participant_name="李工"))
    assert again.status_code == 409
    error = again.json_body["error"]
    assert error["code"] == "already_registered"
    assert "已经报名" in error["message"]["zh"] and "already registered" in error["message"]["en"]
    assert (dict(registrations.heads), dict(store.messages), registrations.seat_count(SESSION)) == before
    assert register(client, registration(seats=None), session="archive-training-2027-06").status_code == 201


@pytest.mark.parametrize("change, field", [
    ({"uscc": "91210100MA0Y9KQX14"}, "uscc"), ({"mobile": "1234"}, "mobile"), ({"seats": 0}, "seats"),
    ({"seats": 4}, "seats"), ({"participant_name": ""}, "participant_name"), ({"website": "spam"}, "website"),
    ({"extra": 1}, "extra"), ({"email": "not an email"}, "email"),
])
def test_bad_input_is_a_bilingual_field_error_and_stores_nothing(client, store, registrations, change, field):
    res = register(client, registration(**change))
    assert res.status_code == 422, res.json_body
    errors = {e["field"]: e["message"] for e in res.json_body["errors"]}
    assert field in errors and errors[field]["zh"] and errors[field]["en"]
    assert not registrations.heads and not store.messages


def test_one_organisation_may_hold_only_so_many_seats(client, registrations):
    assert register(client, registration(seats=2)).status_code == 201
    res = register(client, registration(seats=2, mobile="13900139000"))
    assert res.status_code == 422 and res.json_body["errors"][0]["field"] == "seats"
    assert "at most 3 seats" in res.json_body["errors"][0]["message"]["en"]
    assert registrations.seat_count(SESSION).taken == 2
    assert register(client, registration(seats=2, mobile="13900139000", uscc="91110000600037341L")).status_code == 201


def test_unknown_closed_and_past_deadline_sessions(client, clock):
    missing = register(client, session="no-such-training")
    assert missing.status_code == 404 and missing.json_body["error"]["code"] == "training_not_found"
    closed = register(client, session="quality-training-2027-05")
    assert closed.status_code == 409 and closed.json_body["error"]["code"] == "registration_closed"
    clock.current = clock.current.replace(year=2027, month=3, day=22, hour=9, minute=0)  # 17:00 Beijing: the deadline
    late = register(client)
    assert late.status_code == 409 and "截止" in late.json_body["error"]["message"]["zh"]


def test_cancel_frees_the_seats_and_a_second_cancel_is_refused(client, registrations):
    out = register(client, registration(seats=3)).json_body
    no, token = out["registration_no"], out["access_token"]
    assert client.request("POST", f"/api/trainings/registrations/{no}/actions", {"action": "withdraw"},
                          token=token).status_code == 422
    done = client.request("POST", f"/api/trainings/registrations/{no}/actions", {"action": "cancel"}, token=token)
    assert done.status_code == 200 and done.json_body["status"]["id"] == "cancelled"
    assert done.json_body["actions"] == [] and done.json_body["check_in"] is None
    assert registrations.seat_count(SESSION).taken == 0
    again = client.request("POST", f"/api/trainings/registrations/{no}/actions", {"action": "cancel"}, token=token)
    assert again.status_code == 409 and again.json_body["error"]["code"] == "registration_not_allowed_now"
    assert register(client, registration(seats=3)).status_code == 201  # the mobile may register again

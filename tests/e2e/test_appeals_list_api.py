"""The supervisors' list of appeals awaiting a decision over HTTP on the local stack (issue 15
point 3): a department's appeal appears in `GET /api/staff/appeals` for the supervisor with its
service, department, rating and time, and leaves it with the decision; an officer and a head of
the very department get 404, as for the audit trail."""
import pytest

from tests.conftest import consultation
from tests.e2e.conftest import staff_token

OFFICER, COLLEAGUE, HEAD, SUPERVISOR = ("officer.quality-station", "officer2.quality-station",
                                        "head.quality-station", "supervisor")


@pytest.fixture
def tokens(stack, http):
    """A signed-in ID token for the department's officer, colleague and head, and the supervisor."""
    return {who: staff_token(stack, http, who) for who in (OFFICER, COLLEAGUE, HEAD, SUPERVISOR)}


def _staff(stack, http, token, no, body):
    answer = http.post(f"{stack.url}/api/staff/requests/{no}/actions", json=body, timeout=30,
                       headers={"Authorization": f"Bearer {token}"})
    assert answer.status_code == 200, answer.text


def _appeals(stack, http, token) -> list[dict]:
    """Every page of the list, following next_cursor (other tests' appeals may be in it too)."""
    items, cursor = [], None
    while True:
        answer = http.get(f"{stack.url}/api/staff/appeals", params={"limit": 2, **({"cursor": cursor} if cursor else {})},
                          headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert answer.status_code == 200, answer.text
        items += answer.json()["items"]
        if not (cursor := answer.json()["next_cursor"]):
            return items


def _appealed(stack, http, tokens) -> str:
    made = http.post(f"{stack.url}/api/requests", json=consultation(), timeout=30).json()
    no = made["tracking_no"]
    for who, body in ((OFFICER, {"action": "accept"}), (OFFICER, {"action": "assign", "assignee": COLLEAGUE}),
                      (COLLEAGUE, {"action": "start"}), (COLLEAGUE, {"action": "complete", "summary": "已现场解答全部问题。"})):
        _staff(stack, http, tokens[who], no, body)
    rated = http.post(f"{stack.url}/api/requests/{no}/actions", json={"action": "rate", "level": 2}, timeout=30,
                      headers={"Authorization": f"Bearer {made['access_token']}"})
    assert rated.status_code == 200, rated.text
    _staff(stack, http, tokens[OFFICER], no, {"action": "appeal_rating", "reason": "评价针对的是其他单位的事项。"})
    return no


def test_an_appeal_is_listed_for_the_supervisor_until_decided(stack, http, tokens):
    first, second = _appealed(stack, http, tokens), _appealed(stack, http, tokens)
    listed = _appeals(stack, http, tokens[SUPERVISOR])
    numbers = [i["tracking_no"] for i in listed]
    assert numbers.index(first) < numbers.index(second)  # oldest appeal first, across pages of two
    mine = next(i for i in listed if i["tracking_no"] == first)
    assert mine["department"]["id"] == "quality-station" and mine["service"]["id"] == "consultation"
    assert mine["rating"] == 2 and mine["rating_label"] == {"zh": "不满意", "en": "Dissatisfied"}
    assert mine["appealed_at"] >= mine["submitted_at"]
    _staff(stack, http, tokens[SUPERVISOR], first, {"action": "decide_appeal", "upheld": False, "reason": "评价属实。"})
    numbers = [i["tracking_no"] for i in _appeals(stack, http, tokens[SUPERVISOR])]
    assert first not in numbers and second in numbers


@pytest.mark.parametrize("who", [OFFICER, HEAD])
def test_officers_and_heads_get_not_found(stack, http, tokens, who):
    answer = http.get(f"{stack.url}/api/staff/appeals", headers={"Authorization": f"Bearer {tokens[who]}"}, timeout=30)
    assert answer.status_code == 404 and answer.json()["error"]["message"]["zh"]
    assert http.get(f"{stack.url}/api/staff/appeals", timeout=30).status_code == 401

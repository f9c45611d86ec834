"""The poor-rating loop over HTTP on the local stack (issue 15 point 3): a very dissatisfied rating
opens the department's task with its two deadlines in the poor-rating lane; the officer verifies,
rectifies and replies; the applicant reads the reply and rates it; the department appeals once and
the supervisor upholds it, so the rating is kept but excluded; the applicant never reads a name of
who reviewed it. Steps out of turn answer 409 and bad bodies 422, both languages, as other steps."""
import pytest

from tests.conftest import consultation
from tests.e2e.conftest import staff_token

OFFICER, COLLEAGUE, SUPERVISOR = "officer.quality-station", "officer2.quality-station", "supervisor"


@pytest.fixture
def tokens(stack, http):
    """A signed-in ID token for the department's officer, its colleague and the supervisor."""
    return {who: staff_token(stack, http, who) for who in (OFFICER, COLLEAGUE, SUPERVISOR)}


def _staff(stack, http, token, no, body):
    return http.post(f"{stack.url}/api/staff/requests/{no}/actions", json=body, timeout=30,
                     headers={"Authorization": f"Bearer {token}"})


def _applicant(stack, http, secret, no, body=None):
    headers = {"Authorization": f"Bearer {secret}"}
    if body is None:
        return http.get(f"{stack.url}/api/requests/{no}", headers=headers, timeout=30)
    return http.post(f"{stack.url}/api/requests/{no}/actions", json=body, headers=headers, timeout=30)


def test_the_whole_loop_over_http(stack, http, tokens, outbox):
    made = http.post(f"{stack.url}/api/requests", json=consultation(), timeout=30).json()
    no, secret = made["tracking_no"], made["access_token"]
    officer, colleague, supervisor = tokens[OFFICER], tokens[COLLEAGUE], tokens[SUPERVISOR]
    for body in ({"action": "accept"}, {"action": "assign", "assignee": COLLEAGUE}):
        assert _staff(stack, http, officer, no, body).status_code == 200
    for body in ({"action": "start"}, {"action": "complete", "summary": "已现场解答全部问题。"}):
        assert _staff(stack, http, colleague, no, body).status_code == 200
    assert _applicant(stack, http, secret, no, {"action": "rate", "level": 1}).status_code == 200

    seen = http.get(f"{stack.url}/api/staff/requests/{no}", headers={"Authorization": f"Bearer {officer}"},
                    timeout=30).json()
    review = seen["rating_review"]
    assert review["verify_by"] and review["rectify_by"] >= review["verify_by"] and seen["due"] == review["verify_by"]
    assert [a["id"] for a in seen["actions"]] == ["record", "verify_rating", "appeal_rating"]
    lane = http.get(f"{stack.url}/api/staff/queue?department=quality-station&lane=poor_rating",
                    headers={"Authorization": f"Bearer {officer}"}, timeout=30).json()
    assert {"tracking_no": no, "due": review["verify_by"]}.items() <= next(
        i for i in lane["items"] if i["tracking_no"] == no).items()

    early = _staff(stack, http, colleague, no, {"action": "report_rectification", "rectification": "整改", "reply": "感谢您的意见。"})
    assert early.status_code == 409 and early.json()["error"]["code"] == "not_allowed_now"
    bad = _staff(stack, http, colleague, no, {"action": "verify_rating", "verification": ""})
    assert bad.status_code == 422
    (error,) = bad.json()["errors"]
    assert error["field"] == "verification" and error["message"]["zh"] and error["message"]["en"]
    assert _staff(stack, http, colleague, no, {"action": "verify_rating", "verification": "已电话回访核实。"}).status_code == 200
    answer = _staff(stack, http, colleague, no, {"action": "report_rectification", "rectification": "已改进答复方式。",
                                                 "reply": "感谢您的意见，我们已补充书面答复。"})
    assert answer.status_code == 200 and answer.json()["due"] is None

    mine = _applicant(stack, http, secret, no).json()
    assert mine["rating_review"]["reply"] == "感谢您的意见，我们已补充书面答复。"
    assert [a["id"] for a in mine["actions"]] == ["rate_rectification"]
    assert _applicant(stack, http, secret, no, {"action": "rate_rectification", "level": "great"}).status_code == 422
    assert _applicant(stack, http, secret, no, {"action": "rate_rectification", "level": "not_satisfied"}).status_code == 200

    assert _staff(stack, http, officer, no, {"action": "appeal_rating", "reason": "评价针对的是其他单位的事项。"}).status_code == 200
    (asked,) = outbox.mine(no, channel="email", to="supervisor@staff.example.org")  # sent by the dispatcher
    assert "评价针对的是其他单位的事项。" in asked["body"]
    again = _staff(stack, http, officer, no, {"action": "appeal_rating", "reason": "再次申诉，理由同上。"})
    assert again.status_code == 409
    decided = _staff(stack, http, supervisor, no, {"action": "decide_appeal", "upheld": True, "reason": "经核实属实。"})
    assert decided.status_code == 200, decided.text
    assert decided.json()["rating"]["level"] == 1 and decided.json()["rating_review"]["rating_excluded"] is True

    mine = _applicant(stack, http, secret, no).json()
    assert mine["rating"]["level"] == 1 and mine["rating_review"]["decision"]["id"] == "upheld"
    text = _applicant(stack, http, secret, no).text
    for hidden in (SUPERVISOR, OFFICER, "已电话回访核实", "评价针对的是其他单位的事项", "经核实属实"):
        assert hidden not in text, hidden

"""The poor-rating loop in a real browser over the local stack: after a very dissatisfied rating
the officer sees the follow-up's two deadlines in the workbench and records the verification
and the rectification with its reply from the forms the table renders; the applicant, on a
phone, reads the reply and rates it; the department appeals, the supervisor decides it from the
one form a supervisor has, and the applicant's page tells the outcome with no name; a supervisor
signing in lands on the list of appeals to decide, opens one, decides it, and it leaves the list.
Every page axe-clean, fitting the phone's width."""
from __future__ import annotations

from urllib.parse import parse_qs

from infra.identity import SAMPLE_PASSWORD
from tests.e2e.browser import DESKTOP, PHONE, require_chromium, shot
from tests.e2e.test_rating_review_api import _applicant, _staff
from tests.e2e.test_workbench_browser import (COLLEAGUE, OFFICER, _act, _fits, _offered, _open, _request_view,
                                              _sign_in, _submit, axe_serious)

require_chromium()

REPLY = "感谢您的意见，我们已补充书面答复并改进答复方式。"


def _served_and_rated(stack, http, outbox) -> tuple[str, str, str]:
    """A consultation served to completion over the API and rated 非常不满意 by its applicant."""
    no, status_url, _ = _submit(stack, http, outbox)
    secret = parse_qs(status_url.split("#", 1)[1])["token"][0]
    signed = http.post(f"{stack.url}/api/staff/session", timeout=30,
                       json={"username": OFFICER, "password": SAMPLE_PASSWORD})
    token = signed.json()["token"]
    for body in ({"action": "accept"}, {"action": "assign", "assignee": COLLEAGUE}, {"action": "start"},
                 {"action": "complete", "summary": "已现场解答全部问题。"}):
        assert _staff(stack, http, token, no, body).status_code == 200, body
    assert _applicant(stack, http, secret, no, {"action": "rate", "level": 1}).status_code == 200
    return no, status_url, secret


def test_the_loop_from_the_workbench_to_the_applicants_phone_and_the_supervisors_decision(stack, http, new_page, outbox):
    no, status_url, secret = _served_and_rated(stack, http, outbox)
    review = _applicant(stack, http, secret, no).json()["rating_review"]
    page, watch = _open(new_page, stack, DESKTOP, f"/staff/#request={no}")
    assert _sign_in(page, OFFICER).status == 200
    _request_view(page, no)
    body = page.locator(".portal-wb-request-body")
    assert "差评整改" in body.inner_text() and review["verify_by"] in body.inner_text()
    assert review["rectify_by"] in body.inner_text()
    assert _offered(page) == ["record", "verify_rating", "appeal_rating"]
    page.fill("#w-verify_rating-verification", "电话回访：申请人反映首次答复不够具体。")
    _act(page, "verify_rating")
    assert _offered(page) == ["record", "report_rectification", "appeal_rating"]
    _act(page, "report_rectification", status=422)  # nothing filled: the API's words beside the fields
    assert page.locator("#w-report_rectification-reply-error").inner_text().strip()
    page.fill("#w-report_rectification-rectification", "已组织经办人员学习答复规范。")
    page.fill("#w-report_rectification-reply", REPLY)
    _act(page, "report_rectification")
    assert REPLY in body.inner_text()
    assert not axe_serious(page), axe_serious(page)
    shot(page, "workbench-zh-rating-review")

    for lang, url in (("en", status_url.replace("/status/", "/en/status/")), ("zh", status_url)):
        phone = new_page(viewport=PHONE)
        phone.goto(url)
        phone.wait_for_selector("form.portal-action[data-action=rate_rectification]:not([hidden])")
        words = phone.locator(".portal-status").inner_text()
        assert REPLY in words and {"zh": "评价回访与整改", "en": "Follow-up of your rating"}[lang] in words
        assert "电话回访" not in words and "学习答复规范" not in words, "the department's records are its own"
        assert not axe_serious(phone), axe_serious(phone)
        _fits(phone)
        shot(phone, f"status-{lang}-rate-rectification")
        if lang == "zh":
            phone.select_option("#a-rate_rectification-level", "basically_satisfied")
            with phone.expect_response(lambda r: r.url.endswith("/actions")) as rated:
                phone.click("form.portal-action[data-action=rate_rectification] button[type=submit]")
            assert rated.value.status == 200, rated.value.text()
            phone.wait_for_selector("form.portal-action[data-action=rate_rectification][hidden]", state="attached")
            assert "基本满意" in phone.locator(".portal-status").inner_text()
        else:
            phone.close()

    page.fill("#w-appeal_rating-reason", "申请人评价针对的是其他单位的事项。")
    _act(page, "appeal_rating", confirm=True)
    page.click(".portal-signout")
    _sign_in(page, "supervisor")
    _request_view(page, no)
    assert _offered(page) == ["decide_appeal"]
    page.check("#w-decide_appeal-upheld-0")  # yes: upheld
    page.fill("#w-decide_appeal-reason", "经核实，评价对象有误。")
    decided = _act(page, "decide_appeal", confirm=True)
    assert decided["rating_review"]["rating_excluded"] and _offered(page) == []
    assert not axe_serious(page), axe_serious(page)

    phone.reload()
    phone.wait_for_selector(".portal-status .portal-review")
    words = phone.locator(".portal-status").inner_text()
    assert "申诉成立" in words and "非常不满意" in words, "the rating stays, with the outcome beside it"
    for hidden in ("示例督查员", "supervisor", "其他单位的事项", "评价对象有误"):
        assert hidden not in words, hidden
    assert not axe_serious(phone), axe_serious(phone)
    assert not watch.foreign() and not watch.refused, (watch.foreign(), watch.refused)


def test_the_supervisor_finds_the_appeal_in_their_list_decides_it_and_it_leaves(stack, http, new_page, outbox):
    no, _, _ = _served_and_rated(stack, http, outbox)
    token = http.post(f"{stack.url}/api/staff/session", timeout=30,
                      json={"username": OFFICER, "password": SAMPLE_PASSWORD}).json()["token"]
    assert _staff(stack, http, token, no, {"action": "appeal_rating", "reason": "评价针对的是其他单位的事项。"}).status_code == 200
    page, watch = _open(new_page, stack, DESKTOP, "/en/staff/")
    assert _sign_in(page, "supervisor").status == 200
    page.wait_for_selector("#wb-lane-appeals[aria-selected=true]:has-text('Appeals to decide')")
    card = page.locator(".portal-wb-item", has=page.locator(f'a[href="#request={no}"]'))
    card.wait_for()
    words = card.inner_text()
    assert "Very dissatisfied" in words and "Appealed" in words and "Quality" in words, words
    assert page.locator(".portal-wb-filters").is_hidden(), "every department's list: no department to pick"
    assert not axe_serious(page), axe_serious(page)
    shot(page, "workbench-en-appeals")
    card.locator("a").first.click()
    _request_view(page, no)
    assert _offered(page) == ["decide_appeal"]
    page.check("#w-decide_appeal-upheld-1")  # no: the rating counts as given
    page.fill("#w-decide_appeal-reason", "The rating concerns this request.")
    assert not _act(page, "decide_appeal", confirm=True)["rating_review"]["rating_excluded"]
    page.click(".portal-wb-back")
    page.wait_for_selector(f'.portal-wb-items a[href="#request={no}"]', state="detached")  # the list reloaded
    assert page.locator("#wb-lane-appeals").get_attribute("aria-selected") == "true"
    with page.expect_response(lambda r: "/api/staff/queue" in r.url and "lane=poor_rating" in r.url):
        page.click("#wb-lane-poor_rating")  # the departments' lanes are still there, with their filters
    page.wait_for_selector(".portal-wb-filters:not([hidden])")
    assert not watch.foreign() and not watch.refused, (watch.foreign(), watch.refused)

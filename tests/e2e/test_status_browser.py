"""The status page in a real browser: the lead department's officer serves the request (signed
in, through the staff API), the applicant sees the officer's name, the visible service record
and the summary, and rates; another applicant withdraws; an old department link leads to the
workbench. The page offers exactly the actions the API lists, and sends secrets in a header."""
import re

from tests.conftest import consultation
from tests.e2e.browser import PHONE, axe_serious, require_chromium, shot

require_chromium()


def _submit(stack, http, outbox, **changes):
    out = http.post(f"{stack.url}/api/requests", json=consultation(**changes), timeout=30).json()
    no = out["tracking_no"]
    (email,) = outbox.mine(no, channel="email", to="quality-station@departments.example.org")
    staff_link = re.search(r"https?://\S+/staff/#request=\S+", email["body"]).group(0)
    return no, out["status_url"], staff_link


def _as_officer(stack, http, username="officer.quality-station"):
    from infra.identity import SAMPLE_PASSWORD

    answer = http.post(f"{stack.url}/api/staff/session", json={"username": username, "password": SAMPLE_PASSWORD},
                       timeout=30)
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


def _offered(page):
    return page.eval_on_selector_all("form.portal-action:not([hidden])", "fs => fs.map(f => f.dataset.action)")


def _act(page, action, status=200):
    """Take `action` and wait until its answer is on the page (the status box is no longer busy)."""
    with page.expect_response(lambda r: r.url.endswith("/actions")) as answer:
        page.locator(f"form.portal-action[data-action={action}] button[type=submit]").click()
    page.wait_for_selector(".portal-status:not([aria-busy])", state="attached")
    assert answer.value.status == status, answer.value.text()


def test_the_officer_serves_and_the_applicant_sees_it_and_rates(stack, http, new_page, outbox):
    no, status_url, staff_link = _submit(stack, http, outbox)
    assert staff_link.endswith(f"/staff/#request={no}")  # the email's link grants nothing by itself
    auth = _as_officer(stack, http)
    steps = [{"action": "accept"}, {"action": "assign", "assignee": "officer.quality-station"}, {"action": "start"},
             {"action": "record", "kind": "site-guidance", "date": "2026-11-30", "minutes": 90,
              "notes": "现场查看主体结构验收准备情况", "visible": True},
             {"action": "record", "kind": "phone-answer", "date": "2026-11-30", "minutes": 10,
              "notes": "内部备注：不对外", "visible": False},
             {"action": "complete", "summary": "已现场指导，验收资料清单已告知。"}]
    for body in steps:
        answer = http.post(f"{stack.url}/api/staff/requests/{no}/actions", json=body, headers=auth, timeout=30)
        assert answer.status_code == 200, answer.text
    page = new_page(viewport=PHONE)
    urls = []
    page.on("request", lambda r: urls.append(r.url))
    page.goto(status_url)
    page.wait_for_selector("form.portal-action[data-action=rate]:not([hidden])")
    assert _offered(page) == ["rate"]
    shown = page.locator(".portal-status").inner_text()
    assert "示例经办人甲" in shown and "已现场指导，验收资料清单已告知。" in shown
    assert "现场查看主体结构验收准备情况" in shown and "内部备注" not in shown and "电话解答" not in shown
    assert not axe_serious(page), axe_serious(page)
    page.get_by_label("不满意", exact=True).check()
    page.fill("#a-rate-comment", "回复不够及时")
    _act(page, "rate")
    assert "不满意" in page.locator(".portal-status").inner_text() and _offered(page) == []
    shot(page, "status-rated")
    page.close()
    token = status_url.split("token=")[1]
    assert not [u for u in urls if token in u]  # secrets stay in fragments and headers
    (follow_up,) = outbox.mine(no, channel="email", to="quality-station@departments.example.org",
                               subject=f"[{no}] 差评回访任务 / Follow-up of a poor rating")
    assert "回复不够及时" in follow_up["body"]


def test_a_department_link_of_before_the_workbench_leads_to_the_workbench(stack, http, new_page, outbox):
    no, _, _ = _submit(stack, http, outbox)
    page = new_page(viewport=PHONE)
    page.goto(f"{stack.url}/status/#no={no}&key=an-old-department-key")
    page.wait_for_url(f"**/staff/#request={no}")
    page.close()


def test_the_applicant_withdraws_from_the_status_page(stack, http, new_page, outbox):
    no, status_url, _ = _submit(stack, http, outbox)
    page = new_page(viewport=PHONE)
    page.goto(status_url.replace("/status/", "/en/status/"))
    page.wait_for_selector("form.portal-action[data-action=withdraw]:not([hidden])")
    assert _offered(page) == ["withdraw"]
    asked = []
    page.on("dialog", lambda d: (asked.append(d.message), d.accept()))
    _act(page, "withdraw")
    assert asked == ["Withdraw this request? The department will stop working on it."]
    assert "Withdrawn" in page.locator(".portal-status").inner_text()
    assert _offered(page) == [] and page.locator("section.portal-actions[data-party=applicant]").is_hidden()
    page.close()
    assert outbox.mine(no, subject=f"[{no}] 申请人已撤回 / Withdrawn by the applicant")


def test_a_refused_action_shows_its_error_beside_the_field(stack, http, new_page, outbox):
    no, status_url, _ = _submit(stack, http, outbox)
    auth = _as_officer(stack, http)
    answer = http.post(f"{stack.url}/api/staff/requests/{no}/actions", headers=auth, timeout=30,
                       json={"action": "ask_for_info", "items": "施工许可证复印件"})
    assert answer.status_code == 200, answer.text
    page = new_page(viewport=PHONE)
    page.goto(status_url)
    page.wait_for_selector("form.portal-action[data-action=answer]:not([hidden])")
    assert "施工许可证复印件" in page.locator(".portal-status").inner_text()
    _act(page, "answer", status=422)
    assert "此项为必填项" in page.locator("#a-answer-answer-error").inner_text()
    assert _offered(page) == ["answer"]  # nothing changed
    page.fill("#a-answer-answer", "已补充，见邮件附件")
    _act(page, "answer")
    assert "answer" not in _offered(page)
    page.close()
    (told,) = outbox.mine(no, channel="email", to="quality-station@departments.example.org",
                          subject=f"[{no}] 申请人已补正 / The applicant sent the information")
    assert "已补充，见邮件附件" in told["body"]

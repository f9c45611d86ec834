"""The staff workbench in a real browser over the local stack (`make run`'s sample officers):
an officer's day in both languages, from the department's email link to the applicant's status
page; another department sees nothing; the session (sign-in, 401, sign-out, idle timeout); the
confirmation dialog; keyboard use; the queue's lanes, filters and paging; a head's reassign and a
supervisor's audit export. Every page at 360 px or 1280 px, axe-clean, on one origin, under its
Content-Security-Policy; the token in sessionStorage only and never in a URL."""
from __future__ import annotations

import json
import re

import pytest
import requests

from infra.identity import SAMPLE_PASSWORD
from tests.conftest import consultation
from tests.e2e.browser import DESKTOP, PHONE, require_chromium, shot

require_chromium()

DEPT = "quality-station"  # a consultation about quality supervision goes to the quality station
OFFICER, COLLEAGUE, HEAD = f"officer.{DEPT}", f"officer2.{DEPT}", f"head.{DEPT}"
STRANGER = "officer.fire-design-division"
PREFIX = {"zh": "", "en": "/en"}


def axe_serious(page) -> list[str]:
    """axe-core run in the page. The page's policy refuses an injected <script>, so axe's source
    is evaluated by the browser's debugger protocol instead, which the policy does not govern."""
    from pathlib import Path

    import axe_playwright_python

    page.evaluate((Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8") + "\n;0")
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{v['id']}: {n['target']}" for v in result["violations"] if v["impact"] in ("serious", "critical")
            for n in v["nodes"]]


class Watch:
    """What a page did: every URL it asked for, every answer of the API, what the policy refused."""

    def __init__(self, page, origin: str):
        self.origin, self.urls, self.answers, self.refused = origin, [], [], []
        page.on("request", lambda r: self.urls.append(r.url))
        page.on("response", lambda r: self.answers.append((r.request.method, r.url, r.status))
                if "/api/" in r.url else None)
        page.on("console", lambda m: self.refused.append(m.text) if "Content Security Policy" in m.text
                and "frame-ancestors" not in m.text else None)  # a <meta> cannot carry frame-ancestors: the header does

    def foreign(self) -> list[str]:
        return [u for u in self.urls if not u.startswith(self.origin + "/") and not u.startswith(("data:", "blob:"))]

    def sent(self, method: str, path: str) -> list[int]:
        return [s for m, u, s in self.answers if m == method and u.split("?")[0].endswith(path)]


def _submit(stack, http, outbox, **changes):
    out = http.post(f"{stack.url}/api/requests", json=consultation(email="zhang@example.org", **changes),
                    timeout=30).json()
    no = out["tracking_no"]
    (email,) = outbox.mine(no, channel="email", to=f"{DEPT}@departments.example.org")
    link = re.search(r"https?://\S+/staff/#request=" + re.escape(no), email["body"])
    assert link, f"the department's email links to the workbench: {email['body']}"
    return no, out["status_url"], link.group(0)


def _open(new_page, stack, viewport, path):
    page = new_page(viewport=viewport)
    watch = Watch(page, stack.url)
    response = page.goto(stack.url + path)
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', response.text())[1]
    assert "script-src 'self';" in meta and "frame-ancestors 'none'" in meta
    assert response.headers.get("content-security-policy") == meta, "the local stack sends the page's policy too"
    return page, watch


def _sign_in(page, username, password=SAMPLE_PASSWORD):
    page.wait_for_selector(".portal-signin:not([hidden])")
    page.fill("#wb-username", username)
    page.fill("#wb-password", password)
    with page.expect_response(lambda r: r.url.endswith("/api/staff/session")) as answer:
        page.click(".portal-signin button[type=submit]")
    if answer.value.status == 200:  # signed in once the department's officers are in the filter
        page.wait_for_selector("#wb-assignee option:nth-child(2)", state="attached")
    return answer.value


def _offered(page) -> list[str]:
    return page.eval_on_selector_all(".portal-wb-actions form.portal-action:not([hidden])",
                                     "fs => fs.map(f => f.dataset.action)")


def _request_view(page, no):
    page.wait_for_selector(f"#wb-request-title:has-text('{no}')")
    page.wait_for_selector(".portal-wb-request .portal-wb-facts")


def _act(page, action, confirm=False, status=200):
    """Take `action` from its form; answer the dialog when its step asks; wait for the answer."""
    form = page.locator(f".portal-wb-actions form.portal-action[data-action={action}]")
    with page.expect_response(lambda r: r.url.endswith("/actions") and r.request.method == "POST") as answer:
        form.locator("button[type=submit]").click()
        if confirm:
            page.wait_for_selector("dialog.portal-wb-confirm[open]")
            page.click("dialog.portal-wb-confirm button[value=ok]")
    page.wait_for_selector(".portal-wb-actions:not([aria-busy])")
    assert answer.value.status == status, answer.value.text()
    return answer.value.json()


def _fits(page) -> None:
    width = page.evaluate("() => document.documentElement.scrollWidth")
    viewport = page.viewport_size["width"]
    assert width <= viewport, f"the page scrolls sideways ({width} px in {viewport} px)"


@pytest.mark.parametrize("lang, viewport", [("zh", DESKTOP), ("en", PHONE)])
def test_an_officers_day_from_the_email_link_to_the_applicants_status_page(stack, http, new_page, outbox,
                                                                           lang, viewport):
    no, status_url, link = _submit(stack, http, outbox)
    # The email's link (the Chinese site) opened in the officer's language: sign-in first, then the request.
    page, watch = _open(new_page, stack, viewport, PREFIX[lang] + "/staff/" + link.split("/staff/", 1)[1])
    assert not axe_serious(page), axe_serious(page)
    signed = _sign_in(page, OFFICER)
    assert signed.status == 200
    token = signed.json()["token"]
    _request_view(page, no)
    assert page.evaluate("() => location.hash") == f"#request={no}", "back where the link led"
    body = page.locator(".portal-wb-request-body")
    assert page.locator('a[href="tel:+8613800138000"]').count() == 1, "tap to call"
    assert page.locator('a[href="mailto:zhang@example.org"]').count() == 1
    assert "91210100MA0Y9KQX13" in body.inner_text() and "沈阳示例建设有限公司" in body.inner_text()
    question = {"zh": "您的问题", "en": "Your question"}[lang]
    assert question in body.inner_text() and "主体结构验收前需要准备哪些资料？" in body.inner_text()
    offered = _offered(page)
    assert "accept" in offered and "assign" not in offered
    assert not axe_serious(page), axe_serious(page)
    _fits(page)
    shot(page, f"workbench-{lang}-request-new")

    # The queue: the new request is in the "new" lane; back to it and in again, as from the list.
    page.click(".portal-wb-back")
    page.wait_for_selector(f'.portal-wb-items a[href="#request={no}"]')
    assert page.locator("[role=tab][aria-selected=true]").get_attribute("data-lane") == "new"
    assert not axe_serious(page), axe_serious(page)
    _fits(page)
    shot(page, f"workbench-{lang}-queue")
    page.click(f'.portal-wb-items a[href="#request={no}"]')
    _request_view(page, no)

    after = _act(page, "accept")
    assert [a["id"] for a in after["actions"]] == _offered(page)
    page.wait_for_selector(f"#w-assign-assignee option[value='{OFFICER}']", state="attached")
    page.select_option("#w-assign-assignee", OFFICER)
    _act(page, "assign")
    page.fill("#w-ask_for_info-items", "施工图纸\n监理单位资质证明")
    _act(page, "ask_for_info")
    assert "ask_for_info" not in _offered(page)

    # The applicant answers on the public status page (its form comes from the lifecycle's table).
    applicant = new_page(viewport=PHONE)
    applicant.goto(status_url if lang == "zh" else status_url.replace("/status/", "/en/status/"))
    applicant.wait_for_selector("form.portal-action[data-action=answer]:not([hidden])")
    assert "施工图纸" in applicant.locator(".portal-status").inner_text()
    assert not axe_serious(applicant), axe_serious(applicant)
    _fits(applicant)
    shot(applicant, f"status-{lang}-answer-form")
    applicant.fill("#a-answer-answer", "图纸已通过邮件发送，资质证明见附件。")
    with applicant.expect_response(lambda r: r.url.endswith("/actions")) as answered:
        applicant.click("form.portal-action[data-action=answer] button[type=submit]")
    assert answered.value.status == 200, answered.value.text()

    page.reload()  # the officer opens it again: the answer has arrived
    _request_view(page, no)
    assert "图纸已通过邮件发送" in page.locator(".portal-wb-request-body").inner_text()
    if "start" in _offered(page):
        _act(page, "start")
    page.select_option("#w-record-kind", index=1)
    page.fill("#w-record-date", page.evaluate("() => new Date().toLocaleDateString('sv', {timeZone: 'Asia/Shanghai'})"))
    page.fill("#w-record-minutes", "90")
    page.fill("#w-record-notes", "到现场查看主体结构，讲解验收资料清单。")
    page.check("#w-record-visible")
    _act(page, "record")
    assert "到现场查看主体结构" in page.locator(".portal-wb-request-body").inner_text()
    page.fill("#w-complete-summary", "已现场指导并答复资料清单，问题已解决。")
    done = _act(page, "complete", confirm=True)
    assert done["status"]["id"] == "completed" and _offered(page) == [a["id"] for a in done["actions"]]
    shot(page, f"workbench-{lang}-completed")

    applicant.reload()
    applicant.wait_for_selector(".portal-status .portal-status-facts")
    seen = applicant.locator(".portal-status").inner_text()
    assert "示例经办人甲" in seen, "the applicant sees the officer's name"
    assert "到现场查看主体结构" in seen and "已现场指导并答复资料清单" in seen
    assert not axe_serious(applicant), axe_serious(applicant)

    # Another department's officer, with the same link, sees nothing of it.
    page.click(".portal-signout")
    page.wait_for_selector(".portal-signin:not([hidden])")
    _sign_in(page, STRANGER)
    page.wait_for_selector(".portal-wb-request-body:has-text('" + {"zh": "未找到", "en": "No such request"}[lang] + "')")
    assert watch.sent("GET", f"/api/staff/requests/{no}")[-1] == 404
    assert "沈阳示例建设有限公司" not in page.locator(".portal-wb").inner_text()

    assert watch.foreign() == [] and watch.refused == []
    assert not [u for u in watch.urls if token in u], "the token never travels in a URL"
    assert page.evaluate("() => localStorage.length") == 0


def test_a_refused_sign_in_says_why_and_stores_nothing(stack, new_page):
    page, _ = _open(new_page, stack, PHONE, "/en/staff/")
    assert _sign_in(page, OFFICER, "not-the-password").status == 401
    page.wait_for_selector("#wb-signin-error:not([hidden])")
    assert page.locator("#wb-signin-error").inner_text().strip()
    assert page.evaluate("() => sessionStorage.length + localStorage.length") == 0
    assert page.locator(".portal-wb").is_hidden()


def test_a_401_returns_to_sign_in_keeping_the_fragment_and_sign_out_ends_the_session(stack, http, new_page, outbox):
    no, _, _ = _submit(stack, http, outbox)
    page, watch = _open(new_page, stack, DESKTOP, "/staff/")
    token = _sign_in(page, OFFICER).json()["token"]
    page.wait_for_selector(".portal-wb-items")
    assert json.loads(page.evaluate("() => sessionStorage.getItem('portal.staff.session')"))["token"] == token
    # The session ends elsewhere (signed out in another tab, say): the next call is refused.
    assert requests.delete(f"{stack.url}/api/staff/session", headers={"Authorization": f"Bearer {token}"},
                           timeout=30).status_code == 204
    page.evaluate(f"() => {{ location.hash = 'request={no}'; }}")
    page.wait_for_selector(".portal-signin:not([hidden])")
    assert page.evaluate("() => location.hash") == f"#request={no}"
    assert page.locator(".portal-wb-message").inner_text().strip()
    assert page.evaluate("() => sessionStorage.length") == 0
    _sign_in(page, OFFICER)
    _request_view(page, no)

    token = json.loads(page.evaluate("() => sessionStorage.getItem('portal.staff.session')"))["token"]
    with page.expect_response(lambda r: r.url.endswith("/api/staff/session") and r.request.method == "DELETE") as out:
        page.click(".portal-signout")
    assert out.value.status == 204
    page.wait_for_selector(".portal-signin:not([hidden])")
    assert page.evaluate("() => sessionStorage.length") == 0
    assert requests.get(f"{stack.url}/api/staff/me", headers={"Authorization": f"Bearer {token}"},
                        timeout=30).status_code == 401, "signed out means the token is no good any more"
    assert not page.locator(".portal-wb-request-body").inner_text().strip(), "nothing of the request stays on screen"


def test_an_idle_session_ends_with_a_message(stack, new_page):
    page = new_page(viewport=PHONE)
    page.clock.install()
    page.goto(stack.url + "/staff/")
    signed = _sign_in(page, OFFICER).json()
    page.wait_for_selector(".portal-wb:not([hidden])")
    with page.expect_response(lambda r: r.url.endswith("/api/staff/session") and r.request.method == "DELETE"):
        page.clock.fast_forward(signed["idle_minutes"] * 60_000 + 5_000)  # milliseconds
    page.wait_for_selector(".portal-signin:not([hidden])")
    assert "较长时间未操作" in page.locator(".portal-wb-message").inner_text()
    assert page.evaluate("() => sessionStorage.length") == 0


def test_activity_keeps_the_session_and_a_destructive_step_is_asked_first(stack, http, new_page, outbox):
    no, _, _ = _submit(stack, http, outbox)
    page = new_page(viewport=DESKTOP)
    page.clock.install()
    watch = Watch(page, stack.url)
    page.goto(f"{stack.url}/en/staff/#request={no}")
    idle = _sign_in(page, OFFICER).json()["idle_minutes"]
    _request_view(page, no)
    page.clock.fast_forward(idle * 60_000 - 30_000)
    page.keyboard.press("Shift")  # the officer is there
    page.clock.fast_forward(45_000)
    assert page.locator(".portal-wb").is_visible(), "activity restarts the idle time"

    page.select_option("#w-reject-reason_code", index=1)
    reject = page.locator("form.portal-action[data-action=reject] button[type=submit]")
    reject.click()
    dialog = page.locator("dialog.portal-wb-confirm")
    dialog.wait_for()
    assert page.evaluate("() => document.activeElement.value") == "cancel", "the safe choice has the focus"
    assert "Reject this request?" in dialog.inner_text()
    assert not axe_serious(page), axe_serious(page)
    page.keyboard.press("Escape")
    page.wait_for_selector("dialog.portal-wb-confirm:not([open])", state="attached")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == reject.inner_text().strip()
    assert watch.sent("POST", "/actions") == [], "nothing was sent"
    reject.click()
    dialog.wait_for()
    page.keyboard.press("Tab")
    with page.expect_response(lambda r: r.url.endswith("/actions")) as answer:
        page.keyboard.press("Enter")
    assert answer.value.status == 200 and answer.value.json()["status"]["id"] == "rejected"


def test_the_queue_by_keyboard_lanes_filters_and_more(stack, http, new_page, outbox):
    numbers = [_submit(stack, http, outbox)[0] for _ in range(3)]
    page = new_page(viewport=PHONE)
    # Pages of two, so that three requests need "more" (the page asks for the API's own page size).
    page.route(re.compile(r"/api/staff/queue\?"), lambda route: route.fallback(url=route.request.url + "&limit=2"))
    watch = Watch(page, stack.url)
    page.goto(f"{stack.url}/staff/")
    _sign_in(page, OFFICER)
    page.wait_for_selector(".portal-wb-more:not([hidden])")
    items = page.locator(".portal-wb-items > li")
    assert items.count() == 2
    while page.locator(".portal-wb-more").is_visible():
        before = items.count()
        page.click(".portal-wb-more")
        items.nth(before).wait_for()
        assert page.evaluate("() => document.activeElement.getAttribute('href')") == \
            items.nth(before).locator("a").get_attribute("href"), "focus goes to the first of the new ones"
    shown = page.eval_on_selector_all(".portal-wb-items a", "as => as.map(a => a.textContent)")
    assert set(numbers) <= set(shown) and len(shown) == len(set(shown)), "each page follows the last, none twice"
    page.unroute(re.compile(r"/api/staff/queue\?"))
    lanes = page.eval_on_selector_all("[role=tab]", "ts => ts.map(t => t.dataset.lane)")
    assert lanes[0] == "new" and len(lanes) == 8
    page.focus("[role=tab][aria-selected=true]")
    page.keyboard.press("ArrowRight")
    page.wait_for_selector(f"[role=tab][data-lane={lanes[1]}][aria-selected=true]")
    assert page.evaluate("() => document.activeElement.dataset.lane") == lanes[1]
    page.keyboard.press("Home")
    page.wait_for_selector(f'.portal-wb-items a[href="#request={numbers[0]}"]')
    assert watch.sent("GET", "/api/staff/queue")[-1] == 200
    with page.expect_response(lambda r: "service=consultation" in r.url):
        page.select_option("#wb-service", "consultation")
    page.wait_for_selector(f'.portal-wb-items a[href="#request={numbers[0]}"]')
    with page.expect_response(lambda r: "/api/staff/queue?" in r.url) as filtered:
        page.select_option("#wb-district", "faku")  # none of these requests is in Faku
    assert filtered.value.status == 200 and "district=faku" in filtered.value.url
    assert "service=" not in filtered.value.url and page.input_value("#wb-service") == "", "one filter at a time"
    page.wait_for_selector(".portal-wb-empty:not([hidden])")
    page.select_option("#wb-district", "")
    page.wait_for_selector(f'.portal-wb-items a[href="#request={numbers[0]}"]')
    # A busy panel is dimmed (workbench.css), and a link under the sticky header takes the
    # header's colour for axe: it reads the contrast once no query is in flight, from the top.
    page.wait_for_selector("#wb-panel:not([aria-busy])")
    page.evaluate("window.scrollTo(0, 0)")
    assert not axe_serious(page), axe_serious(page)
    _fits(page)


def test_a_head_reassigns_with_a_reason_and_a_supervisor_reads_and_exports_the_audit(stack, http, new_page, outbox):
    no, _, _ = _submit(stack, http, outbox)
    page, _ = _open(new_page, stack, DESKTOP, f"/staff/#request={no}")
    _sign_in(page, HEAD)
    _request_view(page, no)
    _act(page, "accept")
    page.wait_for_selector(f"#w-assign-assignee option[value='{OFFICER}']", state="attached")
    page.select_option("#w-assign-assignee", OFFICER)
    _act(page, "assign")
    assert "reassign" in _offered(page)
    page.wait_for_selector(f"#w-reassign-assignee option[value='{COLLEAGUE}']", state="attached")
    assert page.locator(f"#w-reassign-assignee option[value='{OFFICER}']").count() == 0, "not to whom has it"
    page.select_option("#w-reassign-assignee", COLLEAGUE)
    _act(page, "reassign", status=422)  # no reason: the API's words beside the field
    assert page.locator("#w-reassign-reason-error").inner_text().strip()
    assert page.evaluate("() => document.activeElement.id") == "w-reassign-reason"
    page.select_option("#w-reassign-assignee", COLLEAGUE)
    page.fill("#w-reassign-reason", "原服务人员外出培训")
    _act(page, "reassign")
    assert "示例经办人乙" in page.locator(".portal-wb-request-body").inner_text()

    page.click(".portal-signout")
    _sign_in(page, "supervisor")
    _request_view(page, no)
    assert _offered(page) == [] and page.locator(".portal-wb-no-actions").is_visible()
    assert page.locator(".portal-wb-audit tbody tr").count() >= 3
    with page.expect_download() as download:
        page.click("text=" + "导出审计日志（CSV）")
    csv = open(download.value.path(), encoding="utf-8-sig").read()
    assert "原服务人员外出培训" in csv
    assert not axe_serious(page), axe_serious(page)



def _transfer_filled(new_page, stack, http, outbox):
    no, _, _ = _submit(stack, http, outbox)
    page, watch = _open(new_page, stack, PHONE, f"/en/staff/#request={no}")
    _sign_in(page, OFFICER)
    _request_view(page, no)
    assert page.locator(f"#w-transfer-department option[value='{DEPT}']").is_disabled(), "not where it already is"
    page.select_option("#w-transfer-department", "fire-design-division")
    page.fill("#w-transfer-reason", "属于消防设计审查阶段的问题")
    return no, page, watch


def test_a_transfer_is_asked_first_and_cancelling_sends_nothing(stack, http, new_page, outbox):
    no, page, watch = _transfer_filled(new_page, stack, http, outbox)
    page.click("form.portal-action[data-action=transfer] button[type=submit]")
    page.wait_for_selector("dialog.portal-wb-confirm[open]")
    assert "Transfer this request?" in page.locator("#wb-confirm-text").inner_text()
    page.click("dialog.portal-wb-confirm button[value=cancel]")
    page.wait_for_selector("dialog.portal-wb-confirm:not([open])", state="attached")
    assert watch.sent("POST", "/actions") == [] and "transfer" in _offered(page)
    _fits(page)


def test_a_transfer_hands_the_request_to_the_other_department(stack, http, new_page, outbox):
    no, page, _ = _transfer_filled(new_page, stack, http, outbox)
    answer = _act(page, "transfer", confirm=True)
    assert [d["id"] for d in answer["transferred_to"]] == ["fire-design-division"]
    assert page.locator(".portal-wb-done").inner_text() == answer["message"]["en"]
    assert _offered(page) == [] and not page.locator(".portal-wb-request-body").inner_text().strip()
    with page.expect_response(lambda r: "/api/staff/queue?" in r.url):  # the queue, read again
        page.click(".portal-wb-back")
    page.wait_for_selector(".portal-wb-panel:not([aria-busy])")  # busy from before that request went out
    assert page.locator(f'.portal-wb-items a[href="#request={no}"]').count() == 0
    assert outbox.mine(no, channel="email", to="fire-design-division@departments.example.org")

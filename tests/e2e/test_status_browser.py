"""The status page in a real browser: the lead department acts through the link in its email,
the applicant sees the assignee, rates the completed service; another applicant withdraws."""
import re

import pytest
import requests

from tests.conftest import consultation
from tests.e2e.browser import PHONE, axe_serious, require_chromium, shot
from tests.e2e.conftest import wait_for

require_chromium()


def _submit(stack, outbox, **changes):
    out = requests.post(f"{stack.url}/api/requests", json=consultation(**changes), timeout=10).json()
    no = out["tracking_no"]
    (email,) = wait_for(lambda: [m for m in outbox() if m["channel"] == "email" and no in m["subject"]
                                 and m["to"].startswith("quality-station")])
    staff_link = re.search(r"https?://\S+&key=\S+", email["body"]).group(0)
    return no, out["status_url"], staff_link


def test_department_acts_through_its_link_and_the_applicant_rates(stack, browser, outbox):
    no, status_url, staff_link = _submit(stack, outbox)
    page = browser.new_page(viewport=PHONE)
    page.goto(staff_link)
    page.wait_for_selector(".portal-dept:not([hidden])")
    assert page.locator(".portal-withdraw").is_hidden() and page.locator(".portal-rating").is_hidden()
    for action in ("accept", "assign", "start", "complete"):
        if action == "assign":
            page.fill("#d-assignee", "李工")
        with page.expect_response(lambda r: "/actions" in r.url) as answer:
            page.locator(f"button[data-action={action}]").click()
        assert answer.value.status == 200
    assert "已办结" in page.locator(".portal-status").inner_text()
    shot(page, "status-department-completed")

    page.goto(status_url)
    page.wait_for_selector(".portal-rating:not([hidden])")
    assert "李工" in page.locator(".portal-status").inner_text()
    assert not axe_serious(page), axe_serious(page)
    page.locator("label[for=r-level-2]").click()
    page.fill("#r-comment", "回复不够及时")
    with page.expect_response(lambda r: "/rating" in r.url):
        page.locator(".portal-rating button[type=submit]").click()
    assert "不满意" in page.locator(".portal-status").inner_text()
    shot(page, "status-rated")
    page.close()
    follow_up = wait_for(lambda: [m for m in outbox() if no in m["subject"] and "差评回访" in m["subject"]])
    assert "回复不够及时" in follow_up[0]["body"]


def test_the_applicant_withdraws_from_the_status_page(stack, browser, outbox):
    no, status_url, _ = _submit(stack, outbox)
    page = browser.new_page(viewport=PHONE)
    page.goto(status_url.replace("/status/", "/en/status/"))
    page.wait_for_selector(".portal-withdraw:not([hidden])")
    page.on("dialog", lambda d: d.accept())
    with page.expect_response(lambda r: "/withdraw" in r.url) as answer:
        page.locator(".portal-withdraw").click()
    assert answer.value.status == 200
    assert "Withdrawn" in page.locator(".portal-status").inner_text()
    assert page.locator(".portal-withdraw").is_hidden()
    page.close()
    assert wait_for(lambda: [m for m in outbox() if no in m["subject"] and "Withdrawn" in m["subject"]])

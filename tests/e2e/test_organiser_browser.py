"""The organiser's page in a real browser on a phone-sized screen (360 px) over the local stack,
in both languages: the organising department's officer signs in, opens the session, types the
participant's code at the door (the camera's fallback, always there), reads who was checked in,
and downloads the attendance XLSX (fetched with the token and saved as a Blob: the token is in
no URL), which openpyxl reads back. The page keeps to its Content-Security-Policy (jsQR, when the
camera is used, comes from this origin) and asks nothing of another origin."""
from __future__ import annotations

import pytest
import requests

from tests.e2e.browser import PHONE, require_chromium, shot
from tests.e2e.test_organiser_api import ON_THE_DAY, XLSX
from tests.e2e.test_workbench_browser import PREFIX, Watch, _open, axe_serious
from tests.unit.test_registration_flow import _uscc
from tests.unit.test_trainings_api import SESSION, registration

require_chromium()

ORGANISER = "officer.urban-construction-archives"
WORDS = {"zh": {"checked": "签到成功：", "export": "导出签到表（XLSX）", "again": "已签到过："},
         "en": {"checked": "Checked in: ", "export": "Export the attendance (XLSX)", "again": "Already checked in at"}}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_organiser_types_a_code_at_the_door_and_downloads_the_attendance(stack, new_page, lang):
    from openpyxl import load_workbook

    from infra.identity import SAMPLE_PASSWORD

    i = 81 if lang == "zh" else 82
    body = registration(mobile=f"1390000{i:04d}", uscc=_uscc(i), email=None, participant_name=f"门口{i}")
    made = requests.post(f"{stack.url}/api/trainings/{SESSION}/registrations", json=body, timeout=30).json()
    no, secret = made["registration_no"], made["access_token"]
    code = requests.get(f"{stack.url}/api/trainings/registrations/{no}", timeout=30,
                        headers={"Authorization": f"Bearer {secret}"}).json()["check_in"]["code"]
    requests.post(f"{stack.url}/_local/clock", json={"now": ON_THE_DAY}, timeout=30)
    try:
        page, watch = _open(new_page, stack, PHONE,
                            f"{PREFIX[lang]}/staff/trainings/#session={SESSION}")
        page.wait_for_selector(".portal-signin:not([hidden])")
        page.fill("#wb-username", ORGANISER)
        page.fill("#wb-password", SAMPLE_PASSWORD)
        page.click(".portal-signin button[type=submit]")
        page.wait_for_selector(f".portal-og-confirmed tr[data-registration='{no}']")
        assert page.locator(".portal-og-check-in").is_visible() and page.locator("#og-code").is_visible()
        page.fill("#og-code", code.lower())  # typed on a phone: lower case is forgiven
        page.click(".portal-og-check-in button[type=submit]")
        answer = page.wait_for_selector(".portal-og-answer[data-outcome=checked_in]")
        assert answer.text_content().startswith(WORDS[lang]["checked"] + f"门口{i}")
        page.wait_for_selector(f".portal-og-confirmed tr[data-registration='{no}'] td:last-child:has-text('09:30')")
        assert page.input_value("#og-code") == ""
        page.fill("#og-code", code)
        page.click(".portal-og-check-in button[type=submit]")
        again = page.wait_for_selector(".portal-og-answer[data-outcome=already_checked_in]")
        assert WORDS[lang]["again"] in again.text_content()
        shot(page, f"organiser-check-in-{lang}")
        with page.expect_download() as download:
            page.click("text=" + WORDS[lang]["export"])
        assert download.value.suggested_filename == f"attendance-{SESSION}.xlsx"
        rows = {r[1]: r for r in load_workbook(open(download.value.path(), "rb")).active.iter_rows(min_row=4, values_only=True)}
        assert rows[no][4] == f"门口{i}" and rows[no][6] == "是 Yes"
        assert [s for m, u, s in watch.answers if u.endswith("/attendance.xlsx")] == [200]
        assert not [u for u in watch.urls if secret in u or "token" in u.split("?")[-1]]
        token = page.evaluate("() => JSON.parse(sessionStorage.getItem('portal.staff.session')).token")
        assert not [u for u in watch.urls if token in u], "the token travels in a header, never a URL"
        assert not watch.refused and not watch.foreign(), (watch.refused, watch.foreign())
        assert not axe_serious(page), axe_serious(page)
    finally:
        requests.post(f"{stack.url}/_local/clock", json={"now": None}, timeout=30)


def test_a_checked_in_participant_rates_the_session_and_the_organiser_reads_the_summary(stack, new_page):
    """The participant (Chinese, from the manage link) rates once; the organiser (English) reads
    the count, the level's words and the comment on the session's page."""
    from infra.identity import SAMPLE_PASSWORD

    body = registration(mobile="13900000083", uscc=_uscc(83), email=None, participant_name="评价人")
    made = requests.post(f"{stack.url}/api/trainings/{SESSION}/registrations", json=body, timeout=30).json()
    no, secret, link = made["registration_no"], made["access_token"], made["manage_url"]
    code = requests.get(f"{stack.url}/api/trainings/registrations/{no}", timeout=30,
                        headers={"Authorization": f"Bearer {secret}"}).json()["check_in"]["code"]
    requests.post(f"{stack.url}/_local/clock", json={"now": ON_THE_DAY}, timeout=30)
    try:
        officer = requests.post(f"{stack.url}/api/staff/session", timeout=30, json={
            "username": ORGANISER, "password": SAMPLE_PASSWORD}).json()["token"]
        assert requests.post(f"{stack.url}/api/staff/trainings/{SESSION}/check-ins", json={"code": code}, timeout=30,
                             headers={"Authorization": f"Bearer {officer}"}).status_code == 200
        page = new_page(viewport=PHONE)
        page.goto(stack.url + link[link.index("/trainings/"):])
        rating = page.wait_for_selector("form.portal-rating:not([hidden])")
        page.click("form.portal-rating button[type=submit]")  # no level chosen: the API says so, in Chinese
        page.wait_for_selector("#r-rate-level-error:not([hidden])")
        page.check("input[name=level][value='4']")
        page.fill("#r-rate-comment", "案例很实用，希望下次多讲归档细节。")
        with page.expect_response(lambda r: r.url.endswith("/actions")) as answer:
            page.click("form.portal-rating button[type=submit]")
        assert answer.value.status == 200
        page.wait_for_selector(".portal-rated:has-text('感谢您的评价')")
        assert rating.is_hidden() and page.locator(".portal-status-facts dd:has-text('满意')").count() == 1
        staff, _ = _open(new_page, stack, PHONE, f"/en/staff/trainings/#session={SESSION}")
        staff.fill("#wb-username", ORGANISER)
        staff.fill("#wb-password", SAMPLE_PASSWORD)
        staff.click(".portal-signin button[type=submit]")
        summary = staff.wait_for_selector(".portal-og-summary .portal-og-rated")
        assert summary.text_content().startswith("1 rated")
        assert staff.locator(".portal-og-comments li").text_content() == "Satisfied: 案例很实用，希望下次多讲归档细节。"
        shot(staff, "organiser-summary-en")
    finally:
        requests.post(f"{stack.url}/_local/clock", json={"now": None}, timeout=30)

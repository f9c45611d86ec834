"""The dashboard of the workbench and the public figures page in a real browser over the local
stack: a supervisor reads every department, a department head only their own (what the page
shows is what the API answered, table by table); the filters and the period go to the API, a
wrong period is refused in the page; an export downloads; the charts are drawn; every page at
360 px or 1280 px, in both languages, axe-clean, on one origin, under its policy."""
from __future__ import annotations

import io
import time

import pytest
from openpyxl import load_workbook

from chalicelib.catalog import load_catalog
from infra.identity import SAMPLE_PASSWORD
from tests.conftest import consultation
from tests.e2e.browser import DESKTOP, PHONE, require_chromium, shot
from tests.e2e.conftest import WAIT
from tests.e2e.test_workbench_browser import Watch, _fits, axe_serious

require_chromium()

PREFIX = {"zh": "", "en": "/en"}
HEAD, DEPT = "head.quality-station", "quality-station"


def _open(new_page, stack, lang, viewport, path="/staff/dashboard/"):
    page = new_page(viewport=viewport)
    watch = Watch(page, stack.url)
    page.goto(stack.url + PREFIX[lang] + path)
    return page, watch


def _sign_in(page, username):
    page.wait_for_selector(".portal-signin:not([hidden])")
    page.fill("#wb-username", username)
    page.fill("#wb-password", SAMPLE_PASSWORD)
    with page.expect_response(lambda r: r.url.endswith("/api/staff/session")) as answer:
        page.click(".portal-signin button[type=submit]")
    token = answer.value.json()["token"]
    _shown(page)
    return token


def _shown(page):
    page.wait_for_selector("[data-chart=volumes] tbody tr")
    page.wait_for_selector(".portal-db:not([aria-busy])")


def _column(page, chart: str, n: int) -> list[str]:
    return page.eval_on_selector_all(f"[data-chart={chart}] tbody tr",
                                     f"rows => rows.map(r => r.children[{n}].textContent)")


def _reload(page) -> tuple[dict, dict]:
    """Show the figures again; the two answers the page got (by month, by department)."""
    with page.expect_response(lambda r: "/api/staff/figures?" in r.url and "by=month" in r.url) as months, \
            page.expect_response(lambda r: "/api/staff/figures?" in r.url and "by=department" in r.url) as departments:
        page.click(".portal-db-filters button[type=submit]")
    _shown(page)
    return months.value.json(), departments.value.json()


def _until_counted(page, outbox, no: str) -> tuple[dict, dict]:
    """The page's answers once the request `no` is counted: the department's email tells that the
    loop took the request; its recount follows in the same loop, so a few reloads at most."""
    outbox.mine(no, channel="email")
    deadline = time.monotonic() + WAIT
    while (answers := _reload(page))[0]["total"]["received"] < 1:
        assert time.monotonic() < deadline, f"{no} is not counted after {WAIT:.0f} s"
    return answers


def _clean(page, watch):
    assert not axe_serious(page), axe_serious(page)
    assert not watch.foreign(), watch.foreign()
    assert not watch.refused, watch.refused
    _fits(page)


@pytest.mark.parametrize("lang, viewport", [("zh", DESKTOP), ("en", PHONE)])
def test_a_supervisor_reads_every_departments_figures(stack, http, new_page, outbox, lang, viewport):
    no = http.post(f"{stack.url}/api/requests", json=consultation(), timeout=30).json()["tracking_no"]
    page, watch = _open(new_page, stack, lang, viewport)
    _clean(page, watch)
    _sign_in(page, "supervisor")
    months, departments = _until_counted(page, outbox, no)
    whose = page.locator(".portal-db-whose").inner_text()
    assert whose == {"zh": "全部部门的数据", "en": "Figures of every department"}[lang]
    # Each table says what the API said: the months and their counts, every department ranked.
    assert _column(page, "volumes", 0) == [row["label"][lang] for row in months["rows"]]
    assert _column(page, "volumes", 1) == [f"{row['figures']['received']:,}" for row in months["rows"]]
    assert len(departments["rows"]) == len(load_catalog().departments)
    ranked = _column(page, "ranking", 0)
    assert sorted(ranked) == sorted(d.name[lang] for d in load_catalog().departments)
    assert len(_column(page, "ratings", 0)) == 5
    assert page.locator(".portal-figures-sample").is_visible(), "the local stack's figures are said to be sample"
    for chart in ("volumes", "on_time", "ratings", "ranking"):  # each chart is drawn, in its box
        box = page.locator(f"[data-chart={chart}] canvas").bounding_box()
        assert box["width"] > 200 and box["height"] > 150, (chart, box)
    _clean(page, watch)
    shot(page, f"dashboard-{lang}-supervisor")
    # Turned to the other size (a phone to a desk, or back), the charts redraw in their new box.
    before = page.locator("[data-chart=volumes] canvas").bounding_box()["width"]
    page.set_viewport_size(PHONE if viewport == DESKTOP else DESKTOP)
    page.wait_for_function(f"() => Math.abs(document.querySelector('[data-chart=volumes] canvas')"
                           f".getBoundingClientRect().width - {before}) > 100")
    _fits(page)


@pytest.mark.parametrize("lang, viewport", [("zh", PHONE), ("en", DESKTOP)])
def test_a_head_reads_only_their_own_department(stack, new_page, lang, viewport):
    page, watch = _open(new_page, stack, lang, viewport)
    _sign_in(page, HEAD)
    months, departments = _reload(page)
    assert [d["id"] for d in months["departments"]] == [DEPT] == [r["key"] for r in departments["rows"]]
    name = load_catalog().department(DEPT).name[lang]
    assert page.locator(".portal-db-whose").inner_text() == {"zh": f"{name}的数据", "en": f"Figures of {name}"}[lang]
    assert _column(page, "ranking", 0) == [name], "a head's ranking has their department alone"
    assert page.locator("#db-department").is_hidden(), "one department: nothing to choose"
    totals = page.eval_on_selector_all(".portal-db-totals td[data-path=received]", "c => c.map(x => x.textContent)")
    assert totals == [f"{months['total']['received']:,}"]
    _clean(page, watch)
    shot(page, f"dashboard-{lang}-head")


def test_the_period_and_one_filter_go_to_the_api_and_a_wrong_period_is_refused(stack, new_page):
    page, watch = _open(new_page, stack, "zh", DESKTOP)
    _sign_in(page, "supervisor")
    stage = load_catalog().stages[0].id
    with page.expect_request(lambda r: "/api/staff/figures?" in r.url and "stage=" in r.url) as asked:
        page.select_option("#db-stage", stage)
    assert f"stage={stage}" in asked.value.url and "service=" not in asked.value.url
    _shown(page)
    with page.expect_request(lambda r: "/api/staff/figures?" in r.url and "service=" in r.url) as asked:
        page.select_option("#db-service", index=1)
    assert "stage=" not in asked.value.url, "one filter at a time: choosing one clears the others"
    _shown(page)
    before = len(watch.sent("GET", "/api/staff/figures"))
    page.fill("#db-from", "2026-06-01")
    page.fill("#db-to", "2026-05-01")
    page.click(".portal-db-filters button[type=submit]")
    page.wait_for_selector("#db-range-error:not([hidden])")
    assert len(watch.sent("GET", "/api/staff/figures")) == before, "a wrong period is not sent"
    page.fill("#db-to", "2026-07-31")
    with page.expect_request(lambda r: "from=2026-06-01" in r.url and "to=2026-07-31" in r.url):
        page.click(".portal-db-filters button[type=submit]")
    _shown(page)
    assert page.locator("#db-range-error").is_hidden()
    assert _column(page, "volumes", 0) == ["2026年6月", "2026年7月"]
    # A supervisor may narrow the figures to one department; the filter set stays as it was.
    with page.expect_request(lambda r: f"department={DEPT}" in r.url and "service=" in r.url):
        page.select_option("#db-department", DEPT)
    _shown(page)
    name = load_catalog().department(DEPT).name["zh"]
    assert page.locator(".portal-db-whose").inner_text() == f"{name}的数据"
    assert _column(page, "ranking", 0) == [name]
    _clean(page, watch)


def test_an_export_downloads_with_the_token_never_in_a_link(stack, new_page):
    page, watch = _open(new_page, stack, "en", DESKTOP)
    _sign_in(page, "supervisor")
    with page.expect_download() as download:
        page.click(".portal-db-export[data-path='/api/staff/figures.xlsx']")
    assert download.value.suggested_filename == "figures.xlsx"
    assert watch.sent("GET", "/api/staff/figures.xlsx") == [200]
    # The English page's file is in English: the one table's words.
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes()))["Figures"]
    assert [sheet.cell(1, c).value for c in (1, 2)] == ["Month", "Requests received"]
    assert not [u for u in watch.urls if "token" in u.lower()], "the token never travels in a URL"
    # The list of requests is one department's: the page asks for one first, then downloads it.
    page.click(".portal-db-export[data-path='/api/staff/figures/requests.csv']")
    assert "choose a department" in page.locator(".portal-db-exported").inner_text()
    assert watch.sent("GET", "/api/staff/figures/requests.csv") == []
    page.select_option("#db-department", DEPT)
    _shown(page)
    with page.expect_download() as download:
        page.click(".portal-db-export[data-path='/api/staff/figures/requests.csv']")
    assert download.value.suggested_filename == "requests.csv"
    assert watch.sent("GET", "/api/staff/figures/requests.csv") == [200]


@pytest.mark.parametrize("lang, viewport", [("zh", PHONE), ("en", DESKTOP)])
def test_the_public_page_shows_the_bureaus_monthly_figures(stack, http, new_page, lang, viewport):
    page, watch = _open(new_page, stack, lang, viewport, "/figures/")
    page.wait_for_selector(".portal-figures tbody tr")
    months = http.get(f"{stack.url}/api/figures/public", timeout=30).json()["months"]
    assert page.eval_on_selector_all(".portal-figures tbody th", "hs => hs.map(h => h.textContent)") == \
        [m["month"] for m in months]
    received = page.eval_on_selector_all(".portal-figures tbody tr", "rs => rs.map(r => r.children[1].textContent)")
    assert received == [f"{m['received']:,}" for m in months], "the table says what the public JSON says"
    assert page.locator(".portal-figures-sample").is_visible()
    assert not [u for u in watch.urls if "chart-" in u], "no charting library on the public page"
    assert not axe_serious(page), axe_serious(page)
    assert not watch.foreign(), watch.foreign()
    _fits(page)
    shot(page, f"figures-{lang}")

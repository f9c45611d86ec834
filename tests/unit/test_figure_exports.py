"""The figures' exports over the app (Chalice's test client): the XLSX opened back with openpyxl
(Chinese headers, dates as dates, rates as percentages), the CSV's byte-order mark, names and
mobiles only in the request list of the officer's own department, and every export audited."""
import csv
import io
from collections import Counter
from datetime import datetime

from openpyxl import load_workbook

from chalicelib.api.figure_files import FIGURE_COLUMNS
from chalicelib.domain.figure_labels import FIGURES, leaf_paths
from chalicelib.domain.figure_sets import figure_set
from chalicelib.service_layer.figure_updates import refresh
from tests.conftest import consultation
from tests.unit.test_app import client, post  # noqa: F401 - the checked client fixture

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
OFFICER, SUPERVISOR = "token-officer.quality-station", "token-supervisor"
FIRE = "token-officer.fire-design-division"


def _accepted(client, deps, assign=False):
    no = post(client, consultation(contact_name="=HYPERLINK(\"x\")")).json_body["tracking_no"]
    steps = [{"action": "accept"}] + ([{"action": "assign", "assignee": "officer.quality-station"}] if assign else [])
    for body in steps:
        res = client.request("POST", f"/api/staff/requests/{no}/actions", body, token=OFFICER)
        assert res.status_code == 200, res.json_body
    refresh(no, deps)
    return no


def _sheet(res, name=None):
    assert res.status_code == 200 and res.headers["Content-Type"] == XLSX, res.body[:200]
    book = load_workbook(io.BytesIO(res.body))
    return book[name] if name else book.active


def test_the_figures_xlsx_has_chinese_headers_the_total_and_percent_cells(client, deps):
    _accepted(client, deps, assign=True)
    sheet = _sheet(client.request("GET", "/api/staff/figures.xlsx?by=department", token=OFFICER, headers={"Accept": XLSX}))
    header = [c.value for c in sheet[1]]
    labels = {f.path: f.label.zh for f in FIGURES}  # the one table's words are the headers
    assert header[:4] == ["部门", labels["received"], labels["accepted"], labels["rejected"]]
    assert header[:4] == ["部门", "收到申请", "受理", "不予受理"] and labels["acceptance.first_time_pass_rate"] in header
    assert "评价等级：非常不满意" in header and "评价等级：非常满意" in header, "a column per rating level"
    rows = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert rows[0][0] == "质量站" and rows[-1][0] == "合计" and rows[-1][1:3] == [1, 1]
    rate = header.index("按时首次联系率")
    assert sheet.cell(2, rate + 1).value == 1.0 and sheet.cell(2, rate + 1).number_format == "0.0%"
    about = _sheet(client.request("GET", "/api/staff/figures.xlsx", token=OFFICER, headers={"Accept": XLSX}), "说明")
    assert about.cell(1, 1).value.startswith("统计期间：")
    assert any("示例数据" in (c.value or "") for c in about["A"])  # the sample pass rate says so


def test_the_figures_xlsx_is_in_english_for_an_officer_who_reads_english(client, deps):
    _accepted(client, deps, assign=True)
    book = load_workbook(io.BytesIO(client.request("GET", "/api/staff/figures.xlsx?by=department&lang=en", token=OFFICER,
                                                   headers={"Accept": XLSX}).body))
    sheet = book["Figures"]
    header = [c.value for c in sheet[1]]
    assert header == ["Department", *(c[0].en for c in FIGURE_COLUMNS)] and header[1] == "Requests received"
    assert "Ratings by level: Very dissatisfied" in header
    assert sheet.cell(sheet.max_row, 1).value == "Total" and book["Notes"].cell(1, 1).value.startswith("Period: ")
    res = client.request("GET", "/api/staff/figures.csv?lang=en", token=OFFICER)
    assert res.body[3:].decode("utf-8").startswith("Month,Requests received,Accepted")


def test_every_figure_of_a_set_is_a_column_of_the_export():
    s = figure_set(Counter(), 0)
    paths = leaf_paths(s)
    assert len(FIGURE_COLUMNS) == len(paths) - 1 + 5, "each figure once, the five rating levels one column each"
    assert [c[1](s) for c in FIGURE_COLUMNS].count(None) == sum(1 for f in FIGURES if f.kind in ("rate", "days", "ratio"))


def test_the_figures_csv_starts_with_the_byte_order_mark(client, deps):
    _accepted(client, deps)
    res = client.request("GET", "/api/staff/figures.csv", token=OFFICER)
    assert res.status_code == 200 and res.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert res.body.startswith("\ufeff".encode()) and res.body[3:].decode("utf-8").startswith("月份,收到申请,受理")


def test_the_request_list_has_dates_as_dates_and_personal_data_only_for_the_own_department(client, deps, staff_store):
    no = _accepted(client, deps)
    own = _sheet(client.request("GET", "/api/staff/figures/requests.xlsx", token=OFFICER, headers={"Accept": XLSX}))
    header = [c.value for c in own[1]]
    line = {h: c.value for h, c in zip(header, own[2])}
    assert line["受理编号"] == no and line["联系人"] == "=HYPERLINK(\"x\")" and line["手机号码"] == "+8613800138000"
    assert own.cell(2, header.index("联系人") + 1).data_type == "s"  # text, never a formula
    assert isinstance(line["提交时间"], datetime) and isinstance(line["受理时间"], datetime)
    assert line["首次联系时间"] is None and own.cell(2, header.index("提交时间") + 1).number_format == "yyyy-mm-dd hh:mm"
    theirs = client.request("GET", "/api/staff/figures/requests.csv?department=quality-station", token=SUPERVISOR)
    assert theirs.body.startswith("\ufeff".encode())
    (row,) = list(csv.DictReader(io.StringIO(theirs.body.decode("utf-8-sig"))))
    assert row["受理编号"] == no and row["联系人"] == "" and row["手机号码"] == ""  # a supervisor gets no names
    assert row["企业名称"] == "沈阳示例建设有限公司"
    kinds = [(e.tracking_no, e.officer, e.details["personal_data"]) for e in staff_store.export_entries]
    assert kinds == [("requests", "officer.quality-station", True), ("requests", "supervisor", False)]
    assert [(e.action, e.officer) for e in staff_store.audit(no)] == [("export", "officer.quality-station")]


def test_a_list_is_of_one_department_the_officer_reads(client, deps):
    _accepted(client, deps)
    assert client.request("GET", "/api/staff/figures/requests.csv", token=SUPERVISOR).status_code == 404
    other = client.request("GET", "/api/staff/figures/requests.csv?department=quality-station", token=FIRE)
    assert other.status_code == 404 and other.json_body["error"]["code"] == "not_found_staff"
    assert client.request("GET", "/api/staff/figures.csv?department=quality-station", token=FIRE).status_code == 404

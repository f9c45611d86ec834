"""The figures' aggregates on the table in moto: a request's counters and its marker move in
one transaction, replays and stale consumers write nothing, and a dashboard read costs months + 1
items per department whatever the number of requests."""
from datetime import date

import pytest

from chalicelib.adapters.dynamodb import keys
from chalicelib.adapters.dynamodb.figure_store import DynamoFigureStore
from chalicelib.domain.figure_query import FigureQuery
from chalicelib.domain.figure_sets import figure_set
from chalicelib.service_layer.figure_ports import Marker
from chalicelib.service_layer.figure_updates import refresh
from chalicelib.service_layer.figures import compute
from chalicelib.service_layer.ports import Conflict
from tests.figure_events import MARKET, OFFICER, QUALITY, history


@pytest.fixture
def stored(moto_deps):
    for r in history():
        moto_deps.store.add(r, [])
        assert refresh(r.tracking_no, moto_deps) is True
    return moto_deps


def _march(d, department=QUALITY, **query):
    q = FigureQuery(date(2026, 3, 1), date(2026, 3, 31), **query)
    return compute(q, (department,), date(2026, 3, 20), d)


def test_the_stored_aggregates_give_the_figures_worked_out_by_hand(stored):
    total = figure_set(_march(stored).total.counts, _march(stored).total.overdue)
    assert (total["received"], total["completed"], total["overdue_now"]) == (4, 2, 1)
    assert total["ratings"]["levels"] == [0, 1, 0, 0, 0] and total["ratings"]["excluded"] == 1
    assert total["completion"]["p90_working_days"] == 4 and total["acceptance"]["first_attempt"] == 1
    assert figure_set(_march(stored, MARKET).total.counts, 0)["transferred"] == 1
    by_officer = _march(stored, by="officer")
    assert [r.key for r in by_officer.rows] == [OFFICER] and by_officer.rows[0].counts["completed"] == 2


def test_a_replay_writes_nothing_and_a_stale_marker_is_refused(stored, ddb, table):
    before = ddb.scan(TableName=table)["Items"]
    assert not any(refresh(r.tracking_no, stored) for r in history())
    assert sorted(map(str, ddb.scan(TableName=table)["Items"])) == sorted(map(str, before))
    figures = stored.figures
    with pytest.raises(Conflict):  # another consumer moved the marker: this one's delta must not land
        figures.apply("A", None, Marker(99, {}), {(QUALITY, "all", "2026-03", "received@02"): 1})
    item = ddb.get_item(TableName=table, Key=keys.figures(QUALITY, "all", "2026-03"))["Item"]
    assert item["received@02"]["N"] == "2"  # C and D, not the refused delta


def test_a_years_read_costs_months_plus_one_items_per_slice(stored, table):
    reader = DynamoFigureStore(table)
    d = __import__("dataclasses").replace(stored, figures=reader)
    compute(FigureQuery(date(2026, 1, 1), date(2026, 12, 31)), (QUALITY, MARKET), date(2026, 3, 20), d)
    assert reader.read == 2 + 1 + 1  # quality: Feb, Mar and open; market: Mar (no open item)


def test_exports_are_audited_by_month_and_a_departments_list_reads_its_queue_index(moto_deps, table):
    from datetime import datetime, timezone

    from chalicelib.adapters.dynamodb.staff_store import DynamoStaffStore
    from chalicelib.service_layer.public import submit
    from chalicelib.service_layer.staff_ports import AuditEntry
    from tests.conftest import consultation

    staff = DynamoStaffStore(table)
    at = datetime(2026, 3, 2, 2, 0, tzinfo=timezone.utc)
    staff.add_export(AuditEntry("requests", at, "officer.quality-station", "甲", "export_requests", "xlsx",
                                {"rows": 3, "personal_data": True}))
    (entry,) = staff.exports("2026-03")
    assert (entry.tracking_no, entry.officer, entry.reason, entry.details["personal_data"]) == (
        "requests", "officer.quality-station", "xlsx", True)
    assert staff.exports("2026-04") == []
    nos = {submit(consultation(), moto_deps).request.tracking_no for _ in range(2)}
    assert {e.tracking_no for e in staff.department_entries("quality-station")} == nos
    assert staff.department_entries("market-division") == []

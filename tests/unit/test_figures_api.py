"""The figures' routes over fakes (Chalice's test client, every JSON answer checked against the
OpenAPI document): who reads which department's figures, the query's refusals, the public JSON."""
import dataclasses

from tests.unit.test_app import client  # noqa: F401 - the checked client fixture

SUPERVISOR = "token-supervisor"
HEAD = "token-head.quality-station"
OFFICER = "token-officer.quality-station"


def test_a_supervisor_reads_every_department_and_the_body_has_the_documented_shape(client, deps):
    res = client.request("GET", "/api/staff/figures?from=2026-01-01&to=2026-03-31", token=SUPERVISOR)
    assert res.status_code == 200, res.json_body
    body = res.json_body
    assert [d["id"] for d in body["departments"]] == [d.id for d in deps.catalog.departments]
    assert [r["key"] for r in body["rows"]] == ["2026-01", "2026-02", "2026-03"]
    assert body["total"]["received"] == 0 and body["total"]["first_contact"]["on_time_rate"] is None
    assert body["rows"][0]["label"] == {"zh": "2026年1月", "en": "January 2026"}
    assert all(r["sample"] for r in body["acceptance_reference"]) and body["acceptance_reference"]


def test_a_head_reads_only_their_own_department_and_another_answers_like_an_unknown_one(client):
    mine = client.request("GET", "/api/staff/figures", token=HEAD)
    assert mine.status_code == 200 and [d["id"] for d in mine.json_body["departments"]] == ["quality-station"]
    other = client.request("GET", "/api/staff/figures?department=market-division", token=HEAD)
    unknown = client.request("GET", "/api/staff/figures?department=no-such-department", token=HEAD)
    assert other.status_code == unknown.status_code == 404 and other.json_body == unknown.json_body
    assert other.json_body["error"]["code"] == "not_found_staff"
    assert client.request("GET", "/api/staff/figures").status_code == 401


def test_officers_read_their_departments_figures_but_not_the_rows_by_officer(client):
    assert client.request("GET", "/api/staff/figures?by=department", token=OFFICER).status_code == 200
    assert client.request("GET", "/api/staff/figures?by=officer", token=OFFICER).status_code == 404
    assert client.request("GET", "/api/staff/figures?by=officer", token=HEAD).status_code == 200


def test_a_wrong_query_is_refused_in_both_languages_naming_each_field(client):
    res = client.request("GET", "/api/staff/figures?from=2026-13-01&by=week&service=consultation&district=hunnan",
                         token=SUPERVISOR)
    assert res.status_code == 422
    fields = {e["field"]: e["message"] for e in res.json_body["errors"]}
    assert set(fields) == {"from", "by", "filter"} and all(m["zh"] and m["en"] for m in fields.values())
    late = client.request("GET", "/api/staff/figures?from=2026-03-01&to=2026-02-01", token=SUPERVISOR)
    assert late.status_code == 422 and late.json_body["errors"][0]["field"] == "from"
    both = client.request("GET", "/api/staff/figures?by=service&district=hunnan", token=SUPERVISOR)
    assert both.status_code == 422 and both.json_body["errors"][0]["field"] == "by"
    unknown = client.request("GET", "/api/staff/figures?service=no-such", token=SUPERVISOR)
    assert unknown.status_code == 422 and unknown.json_body["errors"][0]["field"] == "service"


def test_the_public_figures_are_twelve_months_cached_without_anyone_named(client):
    res = client.request("GET", "/api/figures/public")
    assert res.status_code == 200 and len(res.json_body["months"]) == 12
    assert res.headers["Cache-Control"].startswith("public, max-age=")
    assert set(res.json_body["months"][0]) == {"month", "received", "completed", "on_time_rate",
                                               "first_contact_on_time_rate", "satisfaction_rate",
                                               "first_time_pass_rate"}


def test_the_public_figures_are_read_once_per_window_and_show_the_bureaus_month(client, deps, figures):
    from chalicelib.domain.figures import BUREAU

    month = deps.clock.now().strftime("%Y-%m")
    figures.items[(BUREAU, "all", month)] = {"received@02": 3, "ct@05": 2, "ct_on@05": 1, "lv5@06": 1, "lv1@06": 1}
    first = client.request("GET", "/api/figures/public").json_body["months"][-1]
    assert (first["month"], first["received"], first["on_time_rate"], first["satisfaction_rate"]) == (month, 3, 0.5, 0.5)
    read = figures.read
    figures.items[(BUREAU, "all", month)]["received@03"] = 1
    assert client.request("GET", "/api/figures/public").json_body["months"][-1]["received"] == 3  # the cached body
    assert figures.read == read
    deps.clock.advance(minutes=15)
    assert client.request("GET", "/api/figures/public").json_body["months"][-1]["received"] == 4


def test_the_answers_say_whether_their_figures_are_sample_from_the_configuration(deps):
    """SAMPLE_FIGURES (the local stack, a trial stage) → `sample: true` in both answers; unset, false."""
    from chalice.test import Client

    import app as api
    from chalicelib import bootstrap
    from tests.unit.test_app import CheckedClient

    for sample in (False, True):
        bootstrap.install(dataclasses.replace(deps, sample_figures=sample))
        try:
            with Client(api.app) as c:
                client = CheckedClient(c)
                assert client.request("GET", "/api/figures/public").json_body["sample"] is sample
                assert client.request("GET", "/api/staff/figures", token=SUPERVISOR).json_body["sample"] is sample
        finally:
            bootstrap.install(None)


def test_the_setting_is_true_only_when_it_says_true(deps):
    from chalicelib.bootstrap import bootstrap
    from chalicelib.config import Config

    parts = {f.name: getattr(deps, f.name) for f in dataclasses.fields(deps) if f.name != "sample_figures"}

    def sample(value: str) -> bool:
        config = Config.from_env({"TABLE_NAME": "t", "SENDER_EMAIL": "s@example.org", "SAMPLE_FIGURES": value})
        return bootstrap(config, **parts).sample_figures

    assert sample("true") and sample("TRUE") and not sample("false") and not sample("") and not sample("yes")

"""Every service's model: its example is valid, and the plan's eligibility rules refuse clearly."""
from datetime import date, timedelta

import pytest

from chalicelib.domain.errors import InvalidRequest
from chalicelib.domain.forms import FORMS
from chalicelib.service_layer.public import validate

TODAY = date(2026, 11, 30)  # a Monday


def example(service_id, **changes):
    body = FORMS[service_id].example(TODAY) | changes
    return {k: v for k, v in body.items() if v is not None}


def refusal(body):
    with pytest.raises(InvalidRequest) as info:
        validate(body, TODAY)
    return {e.field: e.message for e in info.value.errors}


def test_there_is_one_model_for_each_of_the_twelve_services(catalog):
    assert set(FORMS) == {s.id for s in catalog.services}


@pytest.mark.parametrize("service_id", sorted(FORMS))
def test_each_example_is_accepted(service_id):
    form = validate(example(service_id), TODAY)
    assert form.service == service_id and form.mobile == "+8613800138000"


@pytest.mark.parametrize("service_id, changes, field, words", [
    ("city-technical-support", {"district_key_project": False}, "district_key_project", "key projects"),
    ("city-technical-support", {"district_unresolved": False}, "district_unresolved", "district construction authority first"),
    ("commitment-parallel-review", {"fitout_changes_fire_compartments": True}, "fitout_changes_fire_compartments", "fire compartments"),
    ("commitment-parallel-review", {"commitment": False}, "commitment", "commitment"),
    ("commitment-parallel-review", {"building_use": "residential"}, "building_use", "listed options"),
    ("staged-technical-guidance", {"project_kind": "new"}, "project_kind", "listed options"),
    ("liaison-assistance", {"has_construction_permit": False}, "has_construction_permit", "construction permit"),
    ("pre-acceptance", {"preferred_dates": ["2026-11-29"]}, "preferred_dates", "after today"),
    ("pre-acceptance", {"preferred_dates": ["2026-12-05"]}, "preferred_dates", "not a working day"),
    ("pre-acceptance", {"buildings": None}, "buildings", "Name the buildings"),
    ("fire-acceptance-service", {"modes": []}, "modes", "at least"),
    ("archive-pre-acceptance", {"planned_completion_acceptance": "2027-02-15"}, "planned_completion_acceptance", "apply from 2026-12-15"),
    ("archive-pre-acceptance", {"planned_completion_acceptance": "2026-11-30"}, "planned_completion_acceptance", "after today"),
    ("archive-pre-acceptance", {"under_construction": False}, "under_construction", "under construction"),
    ("training-request", {"stage": "construction-permit"}, "stage", "listed options"),
    ("project-steward", {"uscc": "91210100ma0y9kqx14"}, "uscc", "check character"),
    ("project-steward", {"project_code": "??"}, "project_code", "format"),
    ("project-steward", {"website": "http://spam.example"}, "website", "left empty"),
])
def test_eligibility_rules_refuse_with_a_reason_in_both_languages(service_id, changes, field, words):
    errors = refusal(example(service_id, **changes))
    assert field in errors, errors
    assert words in errors[field].en and errors[field].zh


def test_the_archive_window_is_two_calendar_months():
    ok = example("archive-pre-acceptance", planned_completion_acceptance="2027-01-31")
    assert validate(ok, TODAY).planned_completion_acceptance == date(2027, 1, 31)
    assert "planned_completion_acceptance" in refusal(
        example("archive-pre-acceptance", planned_completion_acceptance="2027-02-01"))


def test_the_commercial_complex_threshold_includes_100000_and_other_projects_need_no_size():
    assert validate(example("fire-acceptance-service", floor_area=100_000), TODAY).floor_area_note is None
    assert validate(example("fire-acceptance-service", category="other", floor_area=None), TODAY).floor_area_note is None


@pytest.mark.parametrize("category, area, shown", [
    ("large-public-building", 80_000, "80,000"), ("large-public-building", None, "未填写"),
    ("commercial-complex", 99_999, "99,999"),
])
def test_the_floor_area_alone_never_refuses_a_fire_acceptance_request_it_warns_the_division(category, area, shown):
    """Plan 3(5) writes 大体建筑面积 (and 建设规模): the Fire Acceptance Division interprets them, and
    the plan also serves "other projects that need it". A figure below the plan's is noted, not refused."""
    form = validate(example("fire-acceptance-service", category=category, floor_area=area), TODAY)
    note = form.floor_area_note
    assert note and shown in note["zh"] and "消防验收处" in note["zh"] and "Fire Acceptance Division" in note["en"]
    assert form.model_dump(mode="json")["floor_area_note"] == note  # stored with the request, for the messages
    big = validate(example("fire-acceptance-service", category="large-public-building", floor_area=80_001), TODAY)
    assert big.floor_area_note is None


def test_lowercase_uscc_is_accepted_and_normalised():
    assert validate(example("consultation", uscc="91210100ma0y9kqx13"), TODAY).uscc == "91210100MA0Y9KQX13"


def test_single_building_acceptance_sorts_and_deduplicates_dates():
    day = TODAY + timedelta(days=8)  # Tuesday 8 December
    errors = refusal(example("pre-acceptance", preferred_dates=[day.isoformat(), day.isoformat()]))
    assert "different dates" in errors["preferred_dates"].en

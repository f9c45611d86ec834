"""Where a deadline is shown (the status page, the workbench), it says beside it when it was
counted Monday to Friday because the holidays of its year are not announced yet, besides the
note of the sample time limits; a deadline on the official calendar says the latter only."""
from __future__ import annotations

from datetime import date, datetime, timezone

from chalicelib.api import presenters, staff_presenters
from chalicelib.domain.notifications import NOT_OFFICIAL, deadline_note
from chalicelib.domain.request import Viewer
from chalicelib.service_layer import public, staff
from tests.conftest import consultation, officer


def _at(deps, day: str) -> None:
    deps.clock.current = datetime.fromisoformat(f"{day}T10:00:00+08:00").astimezone(timezone.utc)


def test_a_deadline_in_a_year_not_yet_announced_says_so_on_the_status_page_and_the_workbench(deps):
    _at(deps, "2026-12-31")  # a Thursday: first contact due in January 2027, not announced yet
    request = public.submit(consultation(), deps).request
    assert request.respond_by.startswith("2027-")
    shown = presenters.status(request, Viewer.applicant(request.tracking_no), deps.catalog)
    sample = deps.catalog.standards.sample_note
    assert shown["respond_by_note"] == {"zh": f"{sample.zh}；{NOT_OFFICIAL[0]}", "en": f"{sample.en}; {NOT_OFFICIAL[1]}"}
    who = officer(deps, "officer.quality-station")
    seen = staff_presenters.request(staff.open_request(who, request.tracking_no, deps), who, deps.catalog)
    assert seen["due"] == request.respond_by and NOT_OFFICIAL[0] in seen["due_note"]["zh"]


def test_a_deadline_on_the_official_calendar_carries_the_sample_note_alone(deps):
    _at(deps, "2026-09-30")
    request = public.submit(consultation(), deps).request
    assert request.respond_by == "2026-10-08"  # across National Day
    shown = presenters.status(request, Viewer.applicant(request.tracking_no), deps.catalog)
    assert shown["respond_by_note"] == deps.catalog.standards.sample_note.model_dump()
    real = deps.catalog.model_copy(update={"standards": deps.catalog.standards.model_copy(update={"sample": False})})
    assert deadline_note(real, date(2026, 9, 30), "2026-10-08") is None
    assert deadline_note(real, date(2026, 12, 31), "2027-01-04").zh == NOT_OFFICIAL[0]
    assert deadline_note(deps.catalog, date(2026, 9, 30), None) is None

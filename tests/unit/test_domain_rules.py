"""Rules of the domain, each pinned where a mutation run found it undefended: secrets and links,
tracking numbers, who a viewer is to a request, what a step records, the department email's
details, calendar coverage, and the refusals of a bad address book."""
from datetime import date, datetime, timezone

import pytest

from chalicelib.domain import window_links
from chalicelib.domain.actions import RateIn
from chalicelib.domain.staff_actions import AcceptIn, RejectIn
from chalicelib.domain.addresses import AddressBookError, parse_address_book
from chalicelib.domain.calendar import beijing_date, officially_known
from chalicelib.domain.errors import NotAllowedNow, NotFound
from chalicelib.domain.forms import describe
from chalicelib.domain.lifecycle import STEPS, Party, Status, steps_by
from chalicelib.domain.request import Viewer
from chalicelib.domain.tokens import Links, hash_token, plausible_tracking_no, token_matches
from chalicelib.service_layer.public import submit
from tests.conftest import TEST_TOKEN_KEY, consultation

LINKS = Links("https://portal.example.test/", TEST_TOKEN_KEY)


def test_each_secret_is_derived_for_its_purpose_and_number_and_is_32_url_safe_characters():
    token = LINKS.access_token("SY261130-AAAAAAAAAA")
    assert len(token) == 32
    assert token != LINKS.access_token("SY261130-AAAAAAAAAB")
    assert token == Links("https://other.example", TEST_TOKEN_KEY).access_token("SY261130-AAAAAAAAAA")
    assert token != Links(LINKS.base_url, b"another-key-of-32-characters-xx").access_token("SY261130-AAAAAAAAAA")
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def test_links_carry_the_number_and_secret_in_the_fragment_in_the_request_language():
    no = "SY261130-AAAAAAAAAA"
    assert LINKS.status_url(no, "zh") == f"https://portal.example.test/status/#no={no}&token={LINKS.access_token(no)}"
    assert LINKS.status_url(no, "en") == f"https://portal.example.test/en/status/#no={no}&token={LINKS.access_token(no)}"
    # The workbench link carries no secret at all: following it asks for sign-in.
    assert LINKS.workbench_url(no) == f"https://portal.example.test/staff/#request={no}"
    assert LINKS.workbench_url(no, "en") == f"https://portal.example.test/en/staff/#request={no}"


@pytest.mark.parametrize("key", [b"", b"x" * 15])
def test_a_short_token_key_is_refused(key):
    with pytest.raises(ValueError, match="^ACCESS_TOKEN_KEY must be at least 16 characters$"):
        Links("https://p.example", key)
    assert Links("https://p.example", b"x" * 16).key == b"x" * 16


def test_a_token_matches_only_its_own_hash():
    assert token_matches("secret", hash_token("secret"))
    assert hash_token("secret") == "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b"
    for token, stored in ((None, hash_token("secret")), ("", hash_token("")), ("secret", ""), ("other", hash_token("secret"))):
        assert not token_matches(token, stored)


@pytest.mark.parametrize("text, plausible", [
    ("SY261130-ABCDEFGHJK", True), ("ABCDEFGH", True), ("A" * 40, True), ("ABCDEFG", False), ("A" * 41, False),
    ("SY261130 ABCDEFGHJK", False), ("SY261130/../x", False), ("-" * 8, False),
])
def test_only_plausible_tracking_numbers_reach_the_store(text, plausible):
    assert plausible_tracking_no(text) is plausible


def test_a_viewer_is_the_applicant_of_one_request_an_officer_of_its_departments_or_a_supervisor(deps):
    request = submit(consultation(), deps).request  # lead quality-station, copied district-authority-hunnan
    assert request.party(Viewer.applicant(request.tracking_no)) is Party.APPLICANT
    assert request.party(Viewer.applicant("SY261130-OTHEROTHER")) is None
    assert request.party(Viewer.officer({"quality-station"}, name="李工")) is Party.LEAD
    assert request.party(Viewer.officer({"district-authority-hunnan"})) is Party.COPIED
    assert request.party(Viewer.officer({"fire-design-division"})) is None
    assert request.party(Viewer.officer(set())) is None
    assert request.party(Viewer.supervisor("王督查")) is Party.SUPERVISOR
    assert Viewer.officer({"quality-station"}, name="李工") == Viewer("officer", frozenset({"quality-station"}), name="李工")
    assert Viewer.supervisor("王督查") == Viewer("supervisor", name="王督查")
    assert request.allowed_steps(Viewer.supervisor()) == () and request.allowed_steps(Viewer.officer({"district-authority-hunnan"})) == ()


def test_a_step_records_who_took_it_and_its_note_and_changes_nothing_else(deps, clock):
    request = submit(consultation(), deps).request
    at = datetime(2026, 11, 30, 3, 0, tzinfo=timezone.utc)
    officer = Viewer.officer({"quality-station"}, name="李工", username="officer.quality-station")
    change = request.perform(RejectIn(action="reject", reason_code="other", reason="不属于服务范围"), officer, at)
    event = change.event
    assert (event.seq, event.at, event.status, event.action, event.actor) == (2, at, Status.REJECTED, "reject", "lead")
    assert (event.note_zh, event.note_en) == ("其他原因（请说明）：不属于服务范围", "Another reason (explain below): 不属于服务范围")
    assert (event.by, event.by_name, event.department) == ("officer.quality-station", "李工", "quality-station")
    assert event.details == {"reason_code": "other", "reason": "不属于服务范围"}
    assert change.after.timeline == request.timeline + (event,) and change.after.version == 2
    assert change.after.form == request.form and change.fields == {} and change.before is request
    accept = request.perform(AcceptIn(action="accept"), Viewer.officer({"quality-station"}), at).event
    assert (accept.note_zh, accept.note_en) == ("", "")


def test_a_step_the_viewer_may_not_see_or_take_is_refused_as_such(deps, clock):
    request = submit(consultation(), deps).request
    with pytest.raises(NotFound):
        request.perform(AcceptIn(action="accept"), Viewer.officer({"fire-design-division"}), clock.now())
    with pytest.raises(NotAllowedNow):
        request.perform(AcceptIn(action="accept"), Viewer.officer({"district-authority-hunnan"}), clock.now())
    with pytest.raises(NotAllowedNow):
        request.perform(RateIn(action="rate", level=5), Viewer.applicant(request.tracking_no), clock.now())


def test_the_site_renders_each_partys_steps_in_table_order():
    assert [s.action for s in steps_by(Party.APPLICANT)] == ["answer", "withdraw", "rate"]
    assert [s.action for s in steps_by(Party.LEAD)] == ["accept", "reject", "transfer", "ask_for_info", "assign",
                                                        "start", "record", "issue_notice", "complete",
                                                        "record_acceptance_outcome"]
    assert [s.action for s in steps_by(Party.HEAD)] == ["accept", "reject", "transfer", "ask_for_info", "assign",
                                                        "reassign", "start", "record", "issue_notice", "complete",
                                                        "record_acceptance_outcome"]
    assert steps_by(Party.SUPERVISOR) == () and steps_by(Party.COPIED) == ()
    assert {s.action for s in STEPS} == {s.action for p in Party for s in steps_by(p)}


def test_details_for_the_department_in_each_language():
    form = {"service": "pre-acceptance", "organisation": "X", "uscc": "Y", "contact_name": "Z", "mobile": "+86",
            "project_name": "示例项目", "district": "hunnan", "building_use": "school", "floor_area": 52000.0,
            "has_construction_permit": True, "preferred_dates": ["2026-12-03", "2026-12-04"], "single_building": False,
            "buildings": None, "project_code": ""}
    zh, en = dict(describe("pre-acceptance", form, "zh")), dict(describe("pre-acceptance", form, "en"))
    assert zh["项目名称"] == "示例项目" and zh["建筑用途（选填）"] == "学校" and zh["本项目已取得施工许可证"] == "是"
    assert zh["希望的预验收日期（填1至3个）"] == "2026-12-03、2026-12-04" and zh["希望了解按子单位工程开展单体验收"] == "否"
    assert en["Building use (optional)"] == "School" and en["The project holds a construction permit"] == "Yes"
    assert en["Preferred dates for the pre-acceptance (give 1 to 3)"] == "2026-12-03, 2026-12-04"
    assert en["We would like to know about accepting single buildings as sub-unit works"] == "No"
    assert en["Floor area (m², optional)"] == "52000.0"
    # The applicant's own fields, the district (in the header) and empty values are not repeated.
    assert not {"单位名称", "项目所在区县", "投资项目代码（选填）"} & set(zh) and len(zh) == len(en) == 6


def test_calendar_coverage_is_known_only_while_every_day_is_announced():
    assert officially_known(date(2026, 11, 30), "2026-12-02") and officially_known(date(2026, 11, 30), date(2026, 11, 30))
    assert not officially_known(date(2026, 12, 30), date(2099, 1, 1))
    assert not officially_known(date(2098, 12, 30), "2099-01-01")
    assert beijing_date(datetime(2026, 11, 30, 16, 30, tzinfo=timezone.utc)) == date(2026, 12, 1)  # 00:30 in Shenyang


def test_a_window_link_is_the_window_path_with_its_signature():
    link = window_links.short_link("https://portal.example.test/", b"k", "permit-window", "construction-permit")
    assert link == f"https://portal.example.test/w/permit-window/?k={window_links.sign(b'k', 'permit-window', 'construction-permit')}"
    assert window_links.verify(b"k", "permit-window", "construction-permit", link.split("k=")[1].upper())
    assert not window_links.verify(b"k", "permit-window", "fire-design-review", link.split("k=")[1])


def _addresses(catalog, **changes):
    book = {d.id: {"email": f"{d.id}@example.test", "mobile": "13900000000"} for d in catalog.departments}
    return book | changes


def test_a_bad_address_book_is_refused_naming_what_is_wrong(catalog):
    book = _addresses(catalog)
    del book["quality-station"], book["market-division"]
    with pytest.raises(AddressBookError, match="no entry for market-division, quality-station$"):
        parse_address_book(book, catalog)
    with pytest.raises(AddressBookError, match="quality-station.mobile is not a mainland mobile"):
        parse_address_book(_addresses(catalog, **{"quality-station": {"email": "q@example.test", "mobile": "024-1234"}}), catalog)
    with pytest.raises(AddressBookError, match="(?s)department addresses: .*quality-station.email"):
        parse_address_book(_addresses(catalog, **{"quality-station": {"email": "no at sign", "mobile": "13900000000"}}), catalog)
    assert parse_address_book(_addresses(catalog), catalog).of("quality-station").mobile == "+8613900000000"


def test_derived_secrets_never_change_across_releases():
    """Every status link already sent holds a token derived this way: a change to the derivation
    (its purposes, its encoding) would silently break them all."""
    links = Links("https://p.example", b"known-answer-key-0123456789abcdef")
    assert links.access_token("SY261130-ABCDEFGHJK") == "_6kzUBwMIf-6Wrn-rZf7fsInhHWpHLXK"


def test_tracking_numbers_are_sy_the_beijing_date_and_ten_unambiguous_characters():
    import re

    from chalicelib.domain.tokens import new_tracking_no

    numbers = {new_tracking_no(datetime(2026, 11, 30, 2, 0, tzinfo=timezone.utc)) for _ in range(50)}
    assert len(numbers) == 50
    assert all(re.fullmatch(r"SY261130-[0-9ABCDEFGHJKMNPQRSTVWXYZ]{10}", n) for n in numbers)


def test_the_last_day_of_a_known_year_is_known_though_the_next_year_is_not():
    from chalicelib.domain.calendar import is_working_day

    year = 2026
    while is_working_day(date(year + 1, 1, 4))[1]:  # the first year not yet announced
        year += 1
    assert not officially_known(date(year, 12, 31), date(year + 1, 1, 4))
    assert officially_known(date(year, 12, 30), date(year, 12, 31))

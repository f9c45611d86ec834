"""Submitting a consultation over fakes: validation, routing, the outbox, nothing stored on refusal."""
import pytest

from chalicelib.api import presenters
from chalicelib.domain.errors import InvalidRequest, NotFound
from chalicelib.domain.outbox import Channel
from chalicelib.domain.tokens import token_matches
from chalicelib.service_layer import staff
from chalicelib.service_layer.public import open_as_applicant, submit
from tests.conftest import consultation, officer


def answer(body, deps, **kwargs):
    """The 201 body of a submission, as the API sends it."""
    return presenters.submitted(submit(body, deps, **kwargs), deps.catalog, deps.links)


def status_view(tracking_no, token, deps):
    return presenters.status(*open_as_applicant(tracking_no, token, deps), deps.catalog)


def _outbox(store):
    return {(m.audience, m.channel): m for m in store.messages.values()}


def test_a_valid_consultation_is_stored_with_its_whole_outbox(deps, store):
    done = answer(consultation(), deps)
    request = store.get(done["tracking_no"])
    assert request.status.value == "submitted" and request.lead_departments == ("quality-station",)
    assert token_matches(done["access_token"], request.token_hash)
    assert done["access_token"] not in str(request)  # only its hash is stored
    assert all(done["access_token"] not in str(v) for v in vars(request).values() if v is not request.form)
    out = _outbox(store)
    assert set(out) == {("quality-station", Channel.EMAIL), ("quality-station", Channel.SMS),
                        ("district-authority-hunnan", Channel.EMAIL), ("applicant", Channel.SMS)}
    assert out[("quality-station", Channel.EMAIL)].recipient == "quality-station@example.test"
    assert "主体结构验收前需要准备哪些资料" in out[("quality-station", Channel.EMAIL)].body
    ack = out[("applicant", Channel.SMS)]
    assert ack.recipient == "+8613800138000" and done["tracking_no"] in ack.body
    assert done["status_url"] in ack.body and "#no=" in done["status_url"]


def test_the_construction_permit_stage_notifies_both_lead_divisions(deps, store):
    done = answer(consultation(stage="construction-permit"), deps)
    assert [d["id"] for d in done["lead_departments"]] == ["market-division", "approval-division"]
    audiences = {m.audience for m in store.messages.values()}
    assert {"market-division", "approval-division"} <= audiences
    assert "district-authority-hunnan" not in audiences  # no city-district linkage at this stage


def test_an_applicant_email_gets_an_acknowledgement_in_the_chosen_language(deps, store):
    submit(consultation(email="zhang@example.com"), deps, lang="en")
    ack = _outbox(store)[("applicant", Channel.EMAIL)]
    assert ack.recipient == "zhang@example.com" and ack.subject.startswith("Your proactive-service request")
    assert "/en/status/" in ack.body


@pytest.mark.parametrize("change, field", [
    ({"uscc": "91210100MA0Y9KQX14"}, "uscc"), ({"mobile": "12345"}, "mobile"),
    ({"stage": "demolition"}, "stage"), ({"question": "hi"}, "question"),
    ({"organisation": None}, "organisation"), ({"colour": "red"}, "colour"),
    ({"email": "not-an-email"}, "email"), ({"district": "beijing"}, "district"),
])
def test_invalid_fields_are_refused_in_both_languages_and_nothing_is_stored(deps, store, change, field):
    with pytest.raises(InvalidRequest) as info:
        submit(consultation(**change), deps)
    errors = {e.field: e.message for e in info.value.errors}
    assert field in errors and errors[field].zh and errors[field].en
    assert store.requests == {} and store.messages == {}


@pytest.mark.parametrize("body", [[], "text", None, {"service": "demolition"}, {"service": 3}])
def test_bodies_that_are_not_a_known_service_are_refused(deps, store, body):
    with pytest.raises(InvalidRequest) as info:
        submit(body, deps)
    assert info.value.errors[0].field in {"body", "service"}
    assert store.requests == {}


def test_status_needs_the_token_and_says_nothing_of_other_requests(deps, store):
    done = answer(consultation(), deps)
    view = status_view(done["tracking_no"], done["access_token"], deps)
    assert view["status"]["id"] == "submitted" and view["timeline"][0]["label"]["zh"] == "已提交"
    assert "mobile" not in str(view) and "13800138000" not in str(view)
    for token in (None, "", "wrong", done["access_token"] + "x"):
        with pytest.raises(NotFound):
            status_view(done["tracking_no"], token, deps)
    with pytest.raises(NotFound):
        status_view("SY000000-0000000000", done["access_token"], deps)


def test_a_tracking_number_is_found_however_it_is_typed(deps):
    """Lowercase, full-width, with spaces, or with O and I for 0 and 1: it is the same request,
    and the lead department's link works the same way."""
    done = answer(consultation(), deps)
    no = done["tracking_no"]
    head, tail = no.split("-")
    misread = tail.replace("0", "o").replace("1", "I")
    for typed in (no.lower(), f"  {no} ", f"{head}- {tail[:5]} {tail[5:]}", no.translate(str.maketrans(
            "0123456789ABCDEFGHJKMNPQRSTVWXYZ-", "０１２３４５６７８９ＡＢＣＤＥＦＧＨＪＫＭＮＰＱＲＳＴＶＷＸＹＺ－")),
                  f"{head}-{misread}".lower()):
        assert status_view(typed, done["access_token"], deps)["tracking_no"] == no, typed
    assert staff.open_request(officer(deps, "officer.quality-station"), no.lower(), deps).tracking_no == no


def test_a_store_outage_fails_the_submission_with_nothing_half_written(deps, store):
    store.fail_writes = True
    with pytest.raises(ConnectionError):
        submit(consultation(), deps)
    assert store.requests == {} and store.messages == {}


def test_a_signed_window_link_attributes_the_request_and_a_forged_one_does_not(deps, store, caplog):
    import dataclasses

    from chalicelib.domain import window_links

    deps = dataclasses.replace(deps, window_link_key=b"test-key")
    good = window_links.sign(b"test-key", "permit-window", "construction-permit")
    ok = submit(consultation(window="permit-window", window_key=good), deps).request
    assert store.get(ok.tracking_no).window == "permit-window"
    email = store.messages[(ok.tracking_no, "001-submitted.quality-station.email")]
    assert "施工许可审批窗口" in email.body
    for forged in ({"window": "permit-window", "window_key": "a" * 16},
                   {"window": "fire-design-window", "window_key": good}, {"window": "permit-window"}):
        out = submit(consultation(**forged), deps).request
        assert store.get(out.tracking_no).window is None  # the request itself still goes through
    assert sum("window link not trusted" in r.getMessage() for r in caplog.records) == 3


def test_department_sms_fit_one_segment_for_every_service(deps, store):
    from datetime import date

    from chalicelib.domain.forms import FORMS

    for model in FORMS.values():
        submit(model.example(date(2026, 11, 30)), deps)
    texts = [m.body for m in store.messages.values() if m.channel is Channel.SMS and m.audience != "applicant"]
    assert len(texts) >= 12
    too_long = [t for t in texts if len(t) > 70]  # 70 UCS-2 characters: one SMS segment
    assert not too_long, too_long
    assert all("13800138000" not in t and "张工" not in t for t in texts)  # no applicant data


def test_rules_are_judged_on_the_date_of_the_clock_in_beijing(deps, store, clock):
    """A pre-acceptance date 3 days after the clock's today is fine, whatever the host's date."""
    from datetime import datetime, timedelta, timezone

    from chalicelib.domain.forms import FORMS

    clock.current = datetime(2030, 1, 6, 17, 0, tzinfo=timezone.utc)  # Monday 7 January 2030, 01:00 in Shenyang
    body = FORMS["pre-acceptance"].example(clock.current.date() + timedelta(days=1))
    body["preferred_dates"] = ["2030-01-10"]
    request = submit(body, deps).request
    assert request.respond_by == "2030-01-10"  # 3 working days from Monday 7 January (Beijing), not from the 6th


def test_a_body_that_is_not_an_object_or_names_no_service_gets_its_own_words(deps):
    with pytest.raises(InvalidRequest) as info:
        submit([], deps)
    assert info.value.errors[0].message.model_dump() == {"zh": "请求内容应为 JSON 对象。", "en": "The request body must be a JSON object."}
    with pytest.raises(InvalidRequest) as info:
        submit({"service": 7}, deps)
    message = info.value.errors[0].message
    assert message.zh == "请选择可在线申请的服务事项：" + "、".join(FORMS_IDS)
    assert message.en == "Choose a service that can be requested online: " + ", ".join(FORMS_IDS)


def test_an_implausible_number_is_not_even_looked_up(deps, store):
    looked = []
    store.token_hash = store.get = lambda no: looked.append(no)
    for text in ("short", "x" * 41, "SY../../etc"):
        with pytest.raises(NotFound):
            open_as_applicant(text, "token", deps)
    assert looked == []


def test_the_idempotency_record_expires_a_day_after_the_first_submission(deps, store, clock):
    from datetime import timedelta

    submit(consultation(), deps, idempotency_key="expiring-key-1")
    (record,) = store.idempotency.values()
    assert record.expires_at == clock.now() + timedelta(hours=24)


def test_the_same_body_in_another_key_order_is_the_same_submission(deps, store):
    body = consultation()
    first = submit(body, deps, idempotency_key="order-key-0001").request
    again = submit(dict(reversed(list(body.items()))), deps, idempotency_key="order-key-0001")
    assert again.replayed and again.request.tracking_no == first.tracking_no


def test_a_contended_key_backs_off_longer_each_time(deps, store, monkeypatch):
    from chalicelib.service_layer import public
    from chalicelib.service_layer.ports import Contention

    waits = []
    monkeypatch.setattr(public.time, "sleep", waits.append)
    monkeypatch.setattr(store, "add", lambda *a, **k: (_ for _ in ()).throw(Contention("busy")))
    with pytest.raises(Contention):
        submit(consultation(), deps, idempotency_key="contended-key")
    assert len(waits) == public.CONTENTION_ATTEMPTS
    for attempt, wait in enumerate(waits, start=1):
        assert 0.02 * attempt <= wait <= 0.1 * attempt


def test_a_new_request_keeps_what_the_form_asked_and_where_it_goes(deps, store):
    from chalicelib.domain.forms import FORMS

    request = submit(consultation(), deps).request
    assert (request.district, request.lead_departments, request.cc_departments) == (
        "hunnan", ("quality-station",), ("district-authority-hunnan",))
    assert request.stages == ("quality-supervision",) and [e.seq for e in request.timeline] == [1]
    assert "website" not in request.form and "window" not in request.form and request.form["mobile"] == "+8613800138000"
    archive = FORMS["archive-pre-acceptance"].example(deps.clock.now().date())
    stored = submit(archive, deps).request
    assert stored.stages == ("archive-acceptance",)  # a service bound to one stage
    assert stored.form["planned_completion_acceptance"] == archive["planned_completion_acceptance"]  # JSON, not a date


FORMS_IDS = ["project-steward", "city-technical-support", "commitment-parallel-review", "staged-technical-guidance",
             "consultation", "permit-pre-consultation", "liaison-assistance", "training-request", "pre-acceptance",
             "fire-acceptance-service", "archive-guidance", "archive-pre-acceptance"]


def test_a_floor_area_below_the_plans_figure_reaches_the_division_as_a_note_not_a_refusal(deps, store):
    from datetime import date

    from chalicelib.domain.forms import FORMS

    body = FORMS["fire-acceptance-service"].example(date(2026, 11, 30)) | {
        "category": "large-public-building", "floor_area": 62000, "email": "zhang@example.com"}
    done = submit(body, deps, lang="en").request
    out = _outbox(store)
    division = out[("fire-acceptance-division", Channel.EMAIL)].body
    assert "62,000" in division and "大体建筑面积" in division and "approximate floor area" in division
    assert "approximate floor area" in out[("applicant", Channel.EMAIL)].body
    assert store.get(done.tracking_no).status.value == "submitted"

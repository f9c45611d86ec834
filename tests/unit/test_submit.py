"""Submitting a consultation over fakes: validation, routing, the outbox, nothing stored on refusal."""
import pytest

from chalicelib.api import presenters
from chalicelib.domain.errors import InvalidRequest, NotFound
from chalicelib.domain.outbox import Channel
from chalicelib.domain.tokens import token_matches
from chalicelib.service_layer.public import open_as_applicant, submit
from tests.conftest import consultation


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

"""/api/openapi.json: valid OpenAPI 3.1, generated from the models, covering every route."""
from datetime import date

from openapi_spec_validator import validate

import app as api
from chalicelib.api.openapi import openapi_document
from chalicelib.domain.forms import FORMS


def test_the_document_is_valid_openapi_3_1():
    doc = openapi_document()
    assert doc["openapi"].startswith("3.1")
    validate(doc)


def test_every_route_of_the_app_is_described_with_its_methods():
    doc = openapi_document()
    for path, methods in api.app.routes.items():
        assert path in doc["paths"], path
        assert {m.lower() for m in methods} == set(doc["paths"][path])


def test_each_service_has_an_example_its_own_model_accepts():
    body = openapi_document()["paths"]["/api/requests"]["post"]["requestBody"]["content"]["application/json"]
    assert set(body["examples"]) == set(FORMS)
    for service_id, example in body["examples"].items():
        FORMS[service_id].model_validate(example["value"], context={"today": date.today()})


def test_every_error_status_the_api_can_answer_is_documented():
    post = openapi_document()["paths"]["/api/requests"]["post"]["responses"]
    assert {"201", "400", "409", "413", "415", "422", "503"} <= set(post)
    get = openapi_document()["paths"]["/api/requests/{tracking_no}"]["get"]["responses"]
    assert {"200", "404"} <= set(get)


def test_form_fields_carry_bilingual_labels_for_the_site():
    schemas = openapi_document()["components"]["schemas"]
    for model in FORMS.values():
        for name, prop in schemas[model.__name__]["properties"].items():
            if name != "service" and not prop.get("x-honeypot") and not prop.get("x-hidden"):
                assert prop["x-label"]["zh"] and prop["x-label"]["en"], (model.__name__, name)
                # a section of its own (a responsible party's) names its legend in both languages
                assert prop["x-group"] in {"request", "project", "applicant"} or (
                    prop["x-group-label"]["zh"] and prop["x-group-label"]["en"]), (model.__name__, name)

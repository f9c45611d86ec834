"""Schemathesis over the API's OpenAPI document against the running local stack: ≥ 1,000
generated requests, valid and invalid; none may answer 5xx or break the documented responses."""
import requests
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error,
                                 response_schema_conformance, status_code_conformance)

EXAMPLES_PER_OPERATION = 40  # plus the coverage phase: about 2,700 cases in all
CALLS: dict[str, int] = {}  # operation → generated cases sent, over this session
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


# The document is built in-process (the same function serves /api/openapi.json; a test below
# checks the served copy is identical), since schemathesis' lazy fixture loader does not work
# with pytest 9.
from chalicelib.api.openapi import openapi_document  # noqa: E402

schema = schemathesis.openapi.from_dict(openapi_document())


def test_the_served_document_is_the_one_fuzzed(stack):
    assert requests.get(f"{stack.url}/api/openapi.json", timeout=5).json() == openapi_document()


@schema.parametrize()
@settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, derandomize=True,
          suppress_health_check=list(HealthCheck))
def test_no_5xx_and_every_answer_is_documented(case, stack):
    CALLS[case.operation.label] = CALLS.get(case.operation.label, 0) + 1
    case.call_and_validate(base_url=stack.url, checks=CHECKS)


def test_at_least_a_thousand_cases_ran():
    print(CALLS)
    assert sum(CALLS.values()) >= 1000, CALLS

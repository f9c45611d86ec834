"""An Idempotency-Key makes a repeated submit create one request, also under concurrency."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib.service_layer.submit import IdempotencyMismatch, submit
from tests.conftest import consultation


def test_a_repeated_key_answers_the_same_and_creates_nothing(deps, store):
    first = submit(consultation(), deps, idempotency_key="key-0001-abcdef")
    again = submit(consultation(), deps, idempotency_key="key-0001-abcdef")
    assert again == first
    assert len(store.requests) == 1 and len(store.messages) == 4


def test_the_same_key_with_another_body_is_refused(deps, store):
    submit(consultation(), deps, idempotency_key="key-0002-abcdef")
    with pytest.raises(IdempotencyMismatch):
        submit(consultation(question="另一个不同的问题：地基验收？"), deps, idempotency_key="key-0002-abcdef")
    assert len(store.requests) == 1


def test_without_a_key_each_submit_is_a_new_request(deps, store):
    submit(consultation(), deps)
    submit(consultation(), deps)
    assert len(store.requests) == 2


def test_twenty_concurrent_identical_submits_create_one_request(deps, store):
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: submit(consultation(), deps, idempotency_key="double-click-key"),
                                range(20)))
    assert len({a["tracking_no"] for a in answers}) == 1
    assert len(store.requests) == 1 and store.writes == 1

"""An Idempotency-Key makes a repeated submit create one request, also under concurrency."""
from concurrent.futures import ThreadPoolExecutor

import pytest

from chalicelib.api import presenters
from chalicelib.service_layer.public import IdempotencyMismatch, submit
from tests.conftest import consultation


def answer(deps, key, **changes):
    return presenters.submitted(submit(consultation(**changes), deps, idempotency_key=key), deps.catalog, deps.links)


def test_a_repeated_key_answers_the_same_and_creates_nothing(deps, store):
    first = answer(deps, "key-0001-abcdef")
    again = answer(deps, "key-0001-abcdef")
    assert again == first  # the same number, and a status link that works
    assert len(store.requests) == 1 and len(store.messages) == 4


def test_the_idempotency_record_keeps_no_secret(deps, store):
    first = answer(deps, "key-0003-abcdef")
    (record,) = store.idempotency.values()
    assert first["access_token"] not in repr(record) and "token" not in repr(vars(record)).lower()


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
    assert len({a.request.tracking_no for a in answers}) == 1
    assert sum(not a.replayed for a in answers) == 1
    assert len(store.requests) == 1 and store.writes == 1


def test_a_contended_key_is_tried_again_until_the_write_lands(deps, store, monkeypatch):
    """A concurrent twin holding the key's item makes DynamoDB cancel with a collision: the
    submission waits a moment and writes again, and the applicant gets their 201."""
    from chalicelib.service_layer import public
    from chalicelib.service_layer.ports import Contention

    real_add, tries = store.add, []

    def collides_twice(*args, **kwargs):
        tries.append(1)
        if len(tries) <= 2:
            raise Contention("TransactionConflict")
        return real_add(*args, **kwargs)
    monkeypatch.setattr(store, "add", collides_twice)
    monkeypatch.setattr(public.time, "sleep", lambda s: None)
    out = public.submit(consultation(), deps, idempotency_key="contended-key")
    assert len(tries) == 3 and out.request.tracking_no in store.requests


def test_a_key_that_stays_contended_gives_up_with_nothing_stored(deps, store, monkeypatch):
    from chalicelib.service_layer import public
    from chalicelib.service_layer.ports import Contention

    def always(*args, **kwargs):
        raise Contention("TransactionConflict")
    monkeypatch.setattr(store, "add", always)
    monkeypatch.setattr(public.time, "sleep", lambda s: None)
    with pytest.raises(Contention):
        public.submit(consultation(), deps, idempotency_key="contended-key")
    assert store.requests == {}

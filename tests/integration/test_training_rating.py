"""The participants' rating against moto, with the real DynamoDB adapter: stored once on the
registration (read back with its words and time), a stale second write refused by DynamoDB's
condition, and the organiser's summary read from the session's index."""
from __future__ import annotations

import dataclasses

import pytest

from chalicelib.domain.check_in import check_in_code
from chalicelib.domain.training_rating import RatingNotAllowed
from chalicelib.service_layer import organiser, trainings
from chalicelib.service_layer.ports import Conflict
from chalicelib.service_layer.training_rating import rate_session
from tests.integration.test_training_registrations import ON_THE_DAY, ORGANISER, SESSION, body


def _checked_in(deps, i):
    done = trainings.register(SESSION, body(i), deps)
    no = done.registration.registration_no
    return no, deps.links.registration_token(no)


def test_a_rating_is_stored_once_and_summarised_for_the_organiser(moto_deps):
    people = [_checked_in(moto_deps, i) for i in range(3)]
    moto_deps.clock.current = ON_THE_DAY
    for no, _ in people[:2]:
        organiser.check_in_participant(SESSION, check_in_code(moto_deps.links.key, SESSION, no), ORGANISER, moto_deps)
    (no, secret), (other, other_secret), (absent, absent_secret) = people
    rate_session(no, secret, {"action": "rate", "level": 5, "comment": "很有帮助"}, moto_deps)
    rate_session(other, other_secret, {"action": "rate", "level": 3}, moto_deps)
    stored = moto_deps.registrations.get(no)
    assert (stored.rating, stored.rating_comment, stored.rated_at) == (5, "很有帮助", ON_THE_DAY)
    assert moto_deps.registrations.get(other).rating_comment is None
    with pytest.raises(RatingNotAllowed):
        rate_session(no, secret, {"action": "rate", "level": 1}, moto_deps)
    with pytest.raises(RatingNotAllowed):  # never checked in
        rate_session(absent, absent_secret, {"action": "rate", "level": 1}, moto_deps)
    stale = dataclasses.replace(stored, version=stored.version - 1)
    with pytest.raises(Conflict):  # judged on an old version: the table refuses it
        moto_deps.registrations.record_rating(stale, dataclasses.replace(stored, rating=1, version=stored.version))
    summary = organiser.session_lists(SESSION, ORGANISER, moto_deps).summary
    assert (summary.checked_in, summary.rated, summary.average) == (2, 2, 4.0)
    assert summary.distribution == {5: 1, 4: 0, 3: 1, 2: 0, 1: 0} and summary.comments == [(5, "很有帮助")]

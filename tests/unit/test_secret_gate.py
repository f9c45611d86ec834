"""The one gate in front of guessable secrets (service_layer/secret_gate.py): what counts as a
wrong try, what does not, and that a spent budget refuses before the block runs."""
import pytest

from chalicelib.domain.errors import NotFound
from chalicelib.domain.limits import Count, Limited
from chalicelib.service_layer.secret_gate import guessing

CLIENT = "198.51.100.7"


def _count(deps, purpose="secret"):
    return Count(deps.limits.secret, deps.links.pseudonym(purpose, CLIENT), deps.clock.now())


def test_a_wrong_try_counts_once_and_is_raised_again(deps):
    with pytest.raises(NotFound):
        with guessing(deps, "secret", CLIENT):
            raise NotFound()
    assert deps.store.counted(_count(deps)) == 1


def test_a_right_try_and_an_unrelated_error_count_nothing(deps):
    with guessing(deps, "secret", CLIENT):
        pass
    with pytest.raises(ValueError):
        with guessing(deps, "secret", CLIENT):
            raise ValueError("our own bug, not a guess")
    assert deps.store.counted(_count(deps)) == 0


def test_the_portals_own_calls_have_no_client_and_are_never_counted(deps):
    for _ in range(deps.limits.secret.most + 1):
        with pytest.raises(NotFound):
            with guessing(deps, "secret", None):
                raise NotFound()
    assert deps.store.counted(_count(deps)) == 0


def test_a_spent_budget_refuses_before_the_block_runs(deps):
    for _ in range(deps.limits.secret.most):
        deps.store.count(_count(deps))
    ran = []
    with pytest.raises(Limited) as info:
        with guessing(deps, "secret", CLIENT):
            ran.append(True)
    assert ran == [] and info.value.limit is deps.limits.secret
    assert info.value.retry_after == deps.limits.secret.retry_after(deps.clock.now())


def test_only_the_named_errors_are_wrong_tries_and_each_purpose_has_its_own_count(deps):
    with pytest.raises(KeyError):
        with guessing(deps, "sign-in", CLIENT, wrong=(KeyError,)):
            raise KeyError("wrong password")
    assert deps.store.counted(_count(deps, "sign-in")) == 1 and deps.store.counted(_count(deps)) == 0

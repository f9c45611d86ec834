"""The organiser's use cases (check-in at the door, the session's lists) over the fakes: the
same scenarios as against moto (tests/integration/test_training_registrations.py), run here so
that the unit suite defends these rules too (make mutation runs the unit suite only)."""
from tests.integration import test_training_registrations as against_moto


def test_check_in_takes_only_the_sessions_own_genuine_codes(deps):
    against_moto.test_check_in_takes_only_the_sessions_own_genuine_codes(deps)


def test_the_organisers_lists_and_a_waiting_registrations_code(deps):
    against_moto.test_the_organisers_lists_and_a_waiting_registrations_code(deps)


def test_a_rating_is_stored_once_and_summarised_for_the_organiser(deps):
    from tests.integration import test_training_rating

    test_training_rating.test_a_rating_is_stored_once_and_summarised_for_the_organiser(deps)

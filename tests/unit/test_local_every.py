"""The local dispatcher loop's reminder sweep runs at its first call, then at most once per
interval (infra/local_dispatch.Every): moto pays a pass over the table for each index read."""
from infra.local_dispatch import Every


def test_the_first_call_runs_and_the_next_waits_for_the_interval():
    calls = []
    every = Every(3600, lambda: calls.append(1))
    every()
    every()
    assert calls == [1]
    now = Every(0, lambda: calls.append(2))
    now()
    now()
    assert calls == [1, 2, 2]

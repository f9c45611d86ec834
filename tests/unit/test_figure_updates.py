"""The aggregates follow the stored events idempotently: each refresh recounts the request from
its events and adds only the difference, so duplicates and late (out-of-order) wake-ups change
nothing and the sums always equal a recount from scratch."""
import dataclasses
import random

from chalicelib.domain.figures import contribution
from chalicelib.service_layer.figure_ports import Marker
from chalicelib.service_layer.figure_updates import limits_of, refresh
from tests.fakes_figures import FakeFigureStore
from tests.figure_events import history


def _prefix(request, n):
    """The request as it was stored after its first `n` events."""
    return dataclasses.replace(request, timeline=request.timeline[:n], version=n)


def _recount(requests, deps):
    fresh = FakeFigureStore()
    for r in requests:
        fresh.apply(r.tracking_no, None, Marker(r.version, {}), contribution(r, limits_of(r, deps)))
    return fresh.counters()


def test_every_step_then_replays_and_late_records_leave_the_sums_of_a_recount(deps, store, figures):
    requests, rng = history(), random.Random(16)
    for r in requests:
        for n in range(1, len(r.timeline) + 1):
            store.requests[r.tracking_no] = _prefix(r, n)
            assert refresh(r.tracking_no, deps) is True
            assert refresh(r.tracking_no, deps) is False  # the same record again: nothing to do
    wakeups = [r.tracking_no for r in requests for _ in range(3)]
    rng.shuffle(wakeups)
    written = figures.applied
    assert not any(refresh(no, deps) for no in wakeups) and figures.applied == written
    assert figures.counters() == _recount(requests, deps)


def test_a_request_changed_since_its_last_count_is_counted_once_whatever_record_wakes_it(deps, store, figures):
    a = history()[0]
    store.requests["A"] = _prefix(a, 3)
    refresh("A", deps)
    store.requests["A"] = a  # ten more events landed; their records arrive late and out of order
    assert refresh("A", deps) is True and refresh("A", deps) is False
    assert figures.markers["A"].version == a.version and figures.counters() == _recount([a], deps)


def test_a_consumer_that_lost_the_race_judges_again(deps, store, figures, monkeypatch):
    a = history()[0]
    store.requests["A"] = a
    real, calls = figures.marker, []

    def stale(no):  # the first read sees no marker, but another consumer writes one meanwhile
        calls.append(no)
        if len(calls) == 1:
            figures.markers[no] = Marker(a.version - 1, contribution(_prefix(a, a.version - 1), limits_of(a, deps)))
            for key, n in figures.markers[no].counts.items():
                figures.items[key[:3]][key[3]] = figures.items[key[:3]].get(key[3], 0) + n
            return None
        return real(no)

    monkeypatch.setattr(figures, "marker", stale)
    assert refresh("A", deps) is True and len(calls) == 2
    assert figures.counters() == _recount([a], deps)


def test_an_update_too_big_for_one_transaction_is_split_and_a_crash_between_parts_counts_nothing_twice():
    from chalicelib.domain.figures import difference
    from chalicelib.service_layer.figure_updates import _apply

    class Crashing(FakeFigureStore):
        """Fails the second transaction once, as a Lambda timing out between two would."""

        def __init__(self):
            super().__init__()
            self.sizes, self.crashed = [], False

        def apply(self, no, before, after, delta):
            self.sizes.append(len({key[:3] for key in delta}))
            if len(self.sizes) == 2 and not self.crashed:
                self.crashed = True
                raise TimeoutError("the function timed out")
            super().apply(no, before, after, delta)

    counts = {("quality-station", f"stage=s{i}", "2026-03", "received@02"): 1 for i in range(250)}
    store = Crashing()
    try:
        _apply(store, "A", None, Marker(7, counts), counts)
    except TimeoutError:
        pass
    partial = store.marker("A")
    assert partial.version == 0 and len(partial.counts) == 99  # the first part, recorded as such
    _apply(store, "A", partial, Marker(7, counts), difference(dict(partial.counts), counts))
    assert store.marker("A").version == 7 and store.marker("A").counts == counts
    assert {key: attrs for key, attrs in store.counters().items()} == {key[:3]: {key[3]: 1} for key in counts}
    assert max(store.sizes) <= 99

"""Two writers at once, against moto: a withdrawal and an accept sent together. Whichever lands
first, the timeline lists the events in the order their writes took effect (ascending versions,
the status of the last one is the request's), and a write that lost leaves no event."""
import threading

from chalicelib.domain.errors import NotAllowedNow
from chalicelib.domain.officers import Officer, Role
from chalicelib.service_layer import public, staff
from tests.conftest import consultation


def _race(deps):
    request = public.submit(consultation(), deps).request
    no = request.tracking_no
    token, officer = deps.links.access_token(no), Officer("officer.quality-station", "李工", Role.OFFICER, ("quality-station",))
    start, outcomes = threading.Barrier(2), {}

    def run(name, act):
        start.wait()
        try:
            act()
            outcomes[name] = "done"
        except NotAllowedNow:
            outcomes[name] = "refused"
    threads = [threading.Thread(target=run, args=("withdraw", lambda: public.act_as_applicant(no, token, {"action": "withdraw"}, deps))),
               threading.Thread(target=run, args=("accept", lambda: staff.act(officer, no, {"action": "accept"}, deps)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return deps.store.get(no), outcomes


def test_concurrent_withdraw_and_accept_leave_a_timeline_in_write_order(moto_deps):
    for _ in range(12):
        stored, outcomes = _race(moto_deps)
        timeline = stored.timeline
        assert [e.seq for e in timeline] == list(range(1, len(timeline) + 1)) == list(range(1, stored.version + 1))
        assert timeline[-1].status is stored.status
        # Withdrawal stays allowed after an accept, so both may land (accepted, then withdrawn);
        # an accept after a withdrawal is refused and leaves nothing.
        actions = [e.action for e in timeline]
        assert actions in (["submit", "withdraw"], ["submit", "accept", "withdraw"]), actions
        assert (outcomes["accept"] == "done") == ("accept" in actions)
        assert outcomes["withdraw"] == "done"

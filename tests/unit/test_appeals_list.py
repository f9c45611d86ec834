"""The supervisors' list of appeals awaiting a decision (issue 15 point 3): the rule that puts a
request in it (domain/queue.py `appeal_awaiting`), the queue entry the step's write carries
(adapters/dynamodb/queue_items.py, pure), and the use case over the fakes: every department's
appeals, oldest first, paged, for supervisors only."""
from __future__ import annotations

import pytest

from chalicelib.adapters.dynamodb import keys as k
from chalicelib.adapters.dynamodb.items import iso
from chalicelib.adapters.dynamodb.queue_items import queue_items
from chalicelib.domain.errors import InvalidRequest, NotFound
from chalicelib.domain.queue import Lane, appeal_awaiting, lane_of
from chalicelib.service_layer import staff
from chalicelib.service_layer import public
from tests.conftest import consultation, officer
from tests.unit.test_rating_review import REPORTED, VERIFIED, act, rated_poorly
from tests.unit.test_reminders import beijing

APPEAL = {"action": "appeal_rating", "reason": "评价针对的是其他单位的事项。"}
REJECTED = {"action": "decide_appeal", "upheld": False, "reason": "评价属实。"}
BUREAU_PK = k.s("DEPT#bureau#appeal=pending")


def _bureau(r) -> list[dict]:
    return [i for i in queue_items(r, 5) if i["gsi1pk"] == BUREAU_PK]


def _rated_in(deps, clock, department: str, stage: str) -> str:
    """A consultation of `stage` served by `department` and rated 非常不满意 (Friday 13 February)."""
    clock.current = beijing("2026-02-09")
    no = public.submit(consultation(stage=stage), deps).request.tracking_no
    for body in ({"action": "accept"}, {"action": "assign", "assignee": f"officer2.{department}"},
                 {"action": "start"}, {"action": "complete", "summary": "已现场解答全部问题。"}):
        act(deps, f"officer.{department}", no, body)
    clock.current = beijing("2026-02-13", 8)
    public.act_as_applicant(no, deps.links.access_token(no), {"action": "rate", "level": 1}, deps)
    return no


def _listed(deps, who="supervisor", **kw) -> list[str]:
    return [e.tracking_no for e in staff.appeals(officer(deps, who), None, deps, **kw).entries]


def test_a_request_is_in_the_list_from_the_appeal_until_the_decision(deps, clock, store):
    no = rated_poorly(deps, clock)
    assert appeal_awaiting(store.get(no)) is None and _bureau(store.get(no)) == []
    act(deps, "officer.quality-station", no, VERIFIED)
    act(deps, "officer.quality-station", no, REPORTED)  # the follow-up done: the appeal alone keeps the lane
    clock.current = beijing("2026-02-13", 9)
    act(deps, "officer.quality-station", no, APPEAL)
    r = store.get(no)
    assert appeal_awaiting(r).at == clock.current and lane_of(r) is Lane.POOR_RATING
    [entry] = _bureau(r)
    assert entry["sk"] == k.s("QUEUE#bureau#appeal=pending") and entry["department"] == k.s("quality-station")
    assert entry["gsi1sk"]["S"].startswith(f"poor_rating#{iso(clock.current)}#") and "gsi2pk" not in entry
    act(deps, "supervisor", no, REJECTED)
    r = store.get(no)
    assert appeal_awaiting(r) is None and _bureau(r) == [] and lane_of(r) is Lane.CLOSED


def test_a_good_rating_or_no_rating_is_never_in_the_list(deps, clock, store):
    assert appeal_awaiting(store.get(rated_poorly(deps, clock, level=4))) is None


def test_supervisors_read_every_departments_appeals_oldest_first_paged(deps, clock, store):
    quality = _rated_in(deps, clock, "quality-station", "quality-supervision")
    archives = _rated_in(deps, clock, "urban-construction-archives", "archive-acceptance")
    assert store.get(archives).lead_departments == ("urban-construction-archives",)
    clock.current = beijing("2026-02-13", 9)
    act(deps, "officer.urban-construction-archives", archives, APPEAL)
    clock.current = beijing("2026-02-13", 11)
    act(deps, "officer.quality-station", quality, APPEAL)
    first = staff.appeals(officer(deps, "supervisor"), None, deps, limit=1)
    assert [(e.tracking_no, e.department, e.rating) for e in first.entries] == [
        (archives, "urban-construction-archives", 1)]
    second = staff.appeals(officer(deps, "supervisor"), first.cursor, deps, limit=1)
    assert [e.tracking_no for e in second.entries] == [quality] and second.cursor is None
    act(deps, "supervisor", archives, REJECTED)
    assert _listed(deps) == [quality]
    with pytest.raises(InvalidRequest):
        staff.appeals(officer(deps, "supervisor"), "x", deps)


@pytest.mark.parametrize("who", ["officer.quality-station", "head.quality-station"])
def test_officers_and_heads_are_refused_as_for_the_audit_trail(deps, clock, who):
    no = rated_poorly(deps, clock)
    act(deps, "officer.quality-station", no, APPEAL)
    with pytest.raises(NotFound):
        staff.appeals(officer(deps, who), None, deps)

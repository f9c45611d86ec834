"""A request's entries in its departments' queues (layout: keys.py; lanes and facets:
domain/queue.py): what each queue page shows is in the entry itself, so a page reads only the
entries it lists and never a request's head."""
from __future__ import annotations

from typing import Any

from ...domain.queue import APPEALS, BUREAU, Facet, Lane, appeal_awaiting, facets, lane_of, position
from ...domain.request import ServiceRequest
from . import keys as k
from .items import attr, iso


def queue_items(r: ServiceRequest, follow_up_after: int) -> list[dict[str, Any]]:
    """Every entry of `r`: one per department that sees it and per facet of it."""
    summary = _summary(r)
    lane, at, created = lane_of(r).value, position(r, follow_up_after), iso(r.created_at)
    roles = [("lead", d) for d in r.lead_departments] + [("cc", d) for d in r.cc_departments]
    items = []
    for role, department in roles:
        for facet in facets(r):
            items.append(_entry(r, department, role, facet, lane, at, created) | summary)
    appeal = appeal_awaiting(r)
    if appeal is not None:  # the supervisors' list: the decision's write deletes it
        items.append(_appeal_entry(r, appeal.department or r.lead_departments[0], iso(appeal.at), created) | summary)
    return items


def _appeal_entry(r: ServiceRequest, department: str, appealed: str, created: str) -> dict[str, Any]:
    """The request in the bureau's appeals list (BUREAU, APPEALS): ordered by when the lead
    department appealed, and naming that department; no deadline index (no running deadline)."""
    return {"pk": k.request_pk(r.tracking_no), "sk": k.queue_sk(BUREAU, APPEALS.key), "role": k.s("lead"),
            "department": k.s(department), "appealed_at": k.s(appealed),
            "gsi1pk": k.queue_pk(BUREAU, APPEALS.key),
            "gsi1sk": k.queue_sort(Lane.POOR_RATING.value, appealed, created, r.tracking_no)}


def _entry(r: ServiceRequest, department: str, role: str, facet: Facet, lane: str, at: str,
           created: str) -> dict[str, Any]:
    part = k.queue_pk(department, facet.key)
    item = {"pk": k.request_pk(r.tracking_no), "sk": k.queue_sk(department, facet.key), "role": k.s(role),
            "department": k.s(department), "gsi1pk": part, "gsi1sk": k.queue_sort(lane, at, created, r.tracking_no)}
    if r.due:
        item |= {"gsi2pk": part, "gsi2sk": k.deadline_sort(r.due, r.tracking_no)}
    return item


def _summary(r: ServiceRequest) -> dict[str, Any]:
    return {"tracking_no": k.s(r.tracking_no), "service": k.s(r.service), "stages": attr(r.stages),
            "district": attr(r.district), "status": k.s(r.status.value), "created_at": k.s(iso(r.created_at)),
            "due": attr(r.due), "assignee": attr(r.assignee), "assignee_name": attr(r.assignee_name),
            "organisation": attr(r.form.get("organisation")), "project": attr(r.form.get("project_name")),
            "rating": attr(r.rating)}


def entry_keys(items: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(i["pk"]["S"], i["sk"]["S"]) for i in items}

"""The request lifecycle, modelled on the 12345-hotline work order that users know."""
from __future__ import annotations

from enum import Enum

from ..i18n import Text


class Status(str, Enum):
    SUBMITTED = "submitted"
    ACCEPTED = "accepted"
    ASSIGNED = "assigned"
    IN_SERVICE = "in_service"
    COMPLETED = "completed"
    RATED = "rated"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> Text:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, Text] = {
    Status.SUBMITTED: Text(zh="已提交", en="Submitted"),
    Status.ACCEPTED: Text(zh="已受理", en="Accepted"),
    Status.ASSIGNED: Text(zh="已派单", en="Assigned"),
    Status.IN_SERVICE: Text(zh="服务中", en="In service"),
    Status.COMPLETED: Text(zh="已办结", en="Completed"),
    Status.RATED: Text(zh="已评价", en="Rated"),
    Status.REJECTED: Text(zh="不予受理", en="Rejected"),
    Status.WITHDRAWN: Text(zh="已撤回", en="Withdrawn"),
}

# Which status may follow which; side exits (rejected, withdrawn) only before service starts.
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.SUBMITTED: frozenset({Status.ACCEPTED, Status.REJECTED, Status.WITHDRAWN}),
    Status.ACCEPTED: frozenset({Status.ASSIGNED, Status.WITHDRAWN}),
    Status.ASSIGNED: frozenset({Status.IN_SERVICE}),
    Status.IN_SERVICE: frozenset({Status.COMPLETED}),
    Status.COMPLETED: frozenset({Status.RATED}),
    Status.RATED: frozenset(),
    Status.REJECTED: frozenset(),
    Status.WITHDRAWN: frozenset(),
}


def can_move(current: Status, target: Status) -> bool:
    return target in TRANSITIONS[current]

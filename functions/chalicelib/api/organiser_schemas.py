"""Response bodies of the organiser's routes (api/organiser.py): a session's lists, check-in at
the door, the participants' ratings. The page's words come from the build; these carry values
and the few answers the organiser reads aloud at the door (in both languages)."""
from __future__ import annotations

from typing import Literal

from ..i18n import Text
from .schemas import Named, StatusLabel, _Out
from .training_schemas import SessionOut


class OrganisedSessionOut(_Out):
    training: SessionOut
    organiser: Named
    capacity: int
    taken: int    # confirmed seats
    waiting: int  # registrations on the waiting list
    may_check_in: bool  # False for a supervisor, who reads only


class OrganisedSessionsOut(_Out):
    sessions: list[OrganisedSessionOut]


class ParticipantOut(_Out):
    registration_no: str
    arrival: int  # the order the registrations arrived in
    organisation: str
    uscc: str
    participant_name: str
    mobile: str
    seats: int
    status: StatusLabel
    checked_in_at: str | None
    position: int  # on the waiting list (1: next to get a seat); 0 when confirmed


class LevelCountOut(_Out):
    level: int
    label: Text
    count: int


class CommentOut(_Out):
    level: int
    comment: str


class RatingSummaryOut(_Out):
    """The training summary (培训总结): what the checked-in participants said."""

    checked_in: int
    rated: int
    average: float | None
    levels: list[LevelCountOut]  # every level, 5 (very satisfied) first
    comments: list[CommentOut]


class SessionListsOut(OrganisedSessionOut):
    confirmed: list[ParticipantOut]  # in arrival order, checked-in ones included
    waiting_list: list[ParticipantOut]  # in order: the first is promoted first
    summary: RatingSummaryOut


class CheckInOut(_Out):
    outcome: Literal["checked_in", "already_checked_in"]
    message: Text  # what the organiser reads on the phone: who, and (when already) since when
    participant: ParticipantOut

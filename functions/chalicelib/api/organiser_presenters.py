"""HTTP bodies of the organiser's routes, from the use cases' results (organiser_schemas.py)."""
from __future__ import annotations

from typing import Any

from ..catalog import Catalog
from ..catalog.trainings import Training
from ..domain.calendar import BEIJING
from ..domain.registration import Registration, SeatCount
from ..domain.request import Viewer
from ..i18n import Text
from ..service_layer.organiser import CheckIn, SessionLists
from .presenters import _named, rating_out
from .organiser_schemas import (CheckInOut, CommentOut, LevelCountOut, OrganisedSessionOut, OrganisedSessionsOut,
                                ParticipantOut, RatingSummaryOut, SessionListsOut)
from .schemas import StatusLabel
from .training_presenters import session as session_out


def _head(t: Training, viewer: Viewer, catalog: Catalog, taken: int, waiting: int) -> dict[str, Any]:
    return {"training": session_out(t), "organiser": _named(catalog.department(t.organiser)),
            "capacity": t.registration.capacity if t.registration else 0, "taken": taken, "waiting": waiting,
            "may_check_in": viewer.kind == "officer"}


def sessions(found: list[tuple[Training, SeatCount]], viewer: Viewer, catalog: Catalog) -> dict[str, Any]:
    """`found`: each session with its seat count."""
    return OrganisedSessionsOut(sessions=[OrganisedSessionOut(**_head(t, viewer, catalog, c.taken, c.waiting))
                                          for t, c in found]).model_dump()


def participant(r: Registration, position: int = 0) -> ParticipantOut:
    return ParticipantOut(registration_no=r.registration_no, arrival=r.arrival, organisation=r.organisation,
                          uscc=r.uscc, participant_name=r.participant_name, mobile=r.mobile, seats=r.seats,
                          status=StatusLabel(id=r.status.value, label=r.status.label),
                          checked_in_at=r.checked_in_at.isoformat() if r.checked_in_at else None, position=position)


def lists(found: SessionLists, viewer: Viewer, catalog: Catalog) -> dict[str, Any]:
    s = found.summary
    summary = RatingSummaryOut(
        checked_in=s.checked_in, rated=s.rated, average=s.average,
        levels=[LevelCountOut(level=level, label=rating_out(level).label, count=n)
                for level, n in s.distribution.items()],
        comments=[CommentOut(level=level, comment=c) for level, c in s.comments])
    taken = sum(r.seats for r in found.confirmed)
    return SessionListsOut(**_head(found.training, viewer, catalog, taken, len(found.waiting)),
                           confirmed=[participant(r) for r in found.confirmed],
                           waiting_list=[participant(r, i) for i, r in enumerate(found.waiting, 1)],
                           summary=summary).model_dump()


def _clock(r: Registration) -> str:
    at = r.checked_in_at.astimezone(BEIJING) if r.checked_in_at else None
    return f"{at:%H:%M}" if at else ""


def checked_in(done: CheckIn) -> dict[str, Any]:
    r = done.registration
    who_zh = f"{r.participant_name}（{r.organisation}），{r.seats} 人"
    who_en = f"{r.participant_name} ({r.organisation}), {r.seats} seat{'s' if r.seats != 1 else ''}"
    if done.first:
        message = Text(zh=f"签到成功：{who_zh}。", en=f"Checked in: {who_en}.")
    else:
        message = Text(zh=f"已签到过：{who_zh}，签到时间 {_clock(r)}。",
                       en=f"Already checked in at {_clock(r)}: {who_en}.")
    return CheckInOut(outcome="checked_in" if done.first else "already_checked_in", message=message,
                      participant=participant(r)).model_dump()

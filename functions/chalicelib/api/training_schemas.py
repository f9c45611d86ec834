"""Response bodies of the training routes (api/trainings.py), so /api/openapi.json describes
exactly what they answer. The site's words (seats left, full) come from the build; these carry
the values."""
from __future__ import annotations

from typing import Literal

from ..i18n import Text
from .schemas import ActionOut, RatingOut, StatusLabel, _Out


class SessionSeatsOut(_Out):
    training_id: str
    state: Literal["open", "full", "closed"]  # full: a registration joins the waiting list
    seats_left: int
    waiting: int


class SeatsOut(_Out):
    sessions: list[SessionSeatsOut]


class SessionOut(_Out):
    id: str
    title: Text
    when: Text
    place: Text
    sample: bool  # the date and place are sample values


class RegisteredOut(_Out):
    registration_no: str
    access_token: str  # the secret of the manage link; send it as `Authorization: Bearer …`
    status: StatusLabel
    position: int  # on the waiting list (1: next to get a seat); 0 when confirmed
    seats: int
    manage_url: str
    by_sms: bool  # False: this mobile had its confirmation SMS for this hour, so none was sent
    training: SessionOut


class CheckInCodeOut(_Out):
    code: str    # what the organiser's scanner reads, or types
    qr_svg: str  # the code as a QR image (an SVG data: URI)


class RegistrationOut(_Out):
    registration_no: str
    status: StatusLabel
    position: int
    seats: int
    organisation: str
    participant_name: str
    training: SessionOut
    check_in: CheckInCodeOut | None  # only while confirmed
    checked_in_at: str | None
    actions: list[ActionOut]  # cancel (until the session starts), rate (once checked in, after its start)
    rating: RatingOut | None = None  # the participant's rating of the session, once given

"""HTTP bodies of the training routes, made from the use cases' results (training_schemas.py)."""
from __future__ import annotations

from typing import Any

from ..catalog.trainings import Training, when
from ..domain.check_in import check_in_code
from ..domain.invitation import location
from ..domain.registration import CANCEL, CANCEL_CONFIRM, CANCEL_LABEL, Registration, RegistrationStatus
from ..domain.training_rating import RATE, RATE_LABEL, may_rate
from ..i18n import Text
from ..service_layer.deps import Deps
from ..service_layer.seats_left import SessionSeats
from ..service_layer.trainings import Registered, may_cancel, position
from .presenters import rating_out
from .schemas import ActionOut, StatusLabel
from .training_schemas import (CheckInCodeOut, RegisteredOut, RegistrationOut, SeatsOut, SessionOut,
                               SessionSeatsOut)


def session(t: Training) -> SessionOut:
    return SessionOut(id=t.id, title=t.title, when=Text(zh=when(t, "zh"), en=when(t, "en")),
                      place=Text(zh=location(t, "zh"), en=location(t, "en")), sample=t.sample)


def _status(r: Registration) -> StatusLabel:
    return StatusLabel(id=r.status.value, label=r.status.label)


def seats(sessions: list[SessionSeats]) -> dict[str, Any]:
    return SeatsOut(sessions=[SessionSeatsOut(training_id=s.training.id, state=s.state, seats_left=s.left,
                                              waiting=s.waiting) for s in sessions]).model_dump()


def registered(done: Registered, deps: Deps) -> dict[str, Any]:
    """The 201 body: the number, the secret and the manage link that carries it."""
    r = done.registration
    return RegisteredOut(
        registration_no=r.registration_no, access_token=deps.links.registration_token(r.registration_no),
        status=_status(r), position=done.position, seats=r.seats,
        manage_url=deps.links.registration_url(r.registration_no, r.lang), by_sms=done.by_sms,
        training=session(deps.trainings.get(r.training_id))).model_dump()


def registration(r: Registration, deps: Deps) -> dict[str, Any]:
    """The registration as its participant sees it, with the check-in code while confirmed."""
    t = deps.trainings.get(r.training_id)
    code = None
    if r.status is RegistrationStatus.CONFIRMED:
        text = check_in_code(deps.links.key, t.id, r.registration_no)
        code = CheckInCodeOut(code=text, qr_svg=qr_svg(text))
    now = deps.clock.now()
    actions = [ActionOut(id=CANCEL, label=CANCEL_LABEL, confirm=CANCEL_CONFIRM)] if may_cancel(r, t, now) else []
    actions += [ActionOut(id=RATE, label=RATE_LABEL)] if may_rate(r, t, now) else []
    rating = None if r.rating is None else rating_out(r.rating)
    return RegistrationOut(
        registration_no=r.registration_no, status=_status(r), position=position(r, deps), seats=r.seats,
        organisation=r.organisation, participant_name=r.participant_name, training=session(t), check_in=code,
        checked_in_at=r.checked_in_at.isoformat() if r.checked_in_at else None, actions=actions,
        rating=rating).model_dump()


def qr_svg(text: str) -> str:
    """The code as a QR image; segno is imported here, not at cold start."""
    import segno

    return segno.make(text, error="m").svg_data_uri(scale=6, border=2)

"""Routes for training registration: seats left for the calendar, register, and the
participant's own registration (opened with the secret of its manage link, in the
Authorization header), which it cancels or, after the session, rates. The organiser's routes
are api/organiser.py, on the staff blueprint. Imports on a route's first call."""
from __future__ import annotations

from chalice import Response

from ..bootstrap import deps
from .errors import json_response
from .routes import Audience

blueprint = Audience(__name__)


@blueprint.route("/api/trainings/seats", methods=["GET"])
def seats() -> Response:
    from ..service_layer import seats_left
    from . import training_presenters

    # Not cached (CloudFront passes /api/* through): one small read of a few items, and a
    # participant who has just registered sees the seat they took.
    return json_response(200, training_presenters.seats(seats_left.seats(deps())))


@blueprint.route("/api/trainings/{training_id}/registrations", methods=["POST"])
def register(training_id: str) -> Response:
    from ..service_layer import trainings
    from . import training_presenters

    d = deps()
    done = trainings.register(training_id, blueprint.json_body(), d, lang=blueprint.lang(), client=blueprint.client())
    return json_response(201, training_presenters.registered(done, d))


@blueprint.route("/api/trainings/registrations/{registration_no}", methods=["GET"])
def get_registration(registration_no: str) -> Response:
    from ..service_layer import trainings
    from . import training_presenters

    d = deps()
    registration = trainings.open_registration(registration_no, blueprint.bearer(), d, blueprint.client())
    return json_response(200, training_presenters.registration(registration, d))


@blueprint.route("/api/trainings/registrations/{registration_no}/actions", methods=["POST"])
def registration_action(registration_no: str) -> Response:
    from ..service_layer import trainings
    from . import training_presenters

    from ..service_layer import training_rating

    d, body = deps(), blueprint.json_body()
    act = training_rating.rate_session if isinstance(body, dict) and body.get("action") == "rate" \
        else trainings.cancel_registration  # cancel, and the refusal of anything else
    registration = act(registration_no, blueprint.bearer(), body, d, blueprint.client())
    return json_response(200, training_presenters.registration(registration, d))

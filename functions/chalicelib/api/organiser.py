"""The organiser's routes, on the staff blueprint (the same sign-in and token check): the
sessions the officer's departments organise, a session's lists and ratings, check-in at the
door, the attendance export. A session of another department answers 404, like one that does
not exist. The use cases are service_layer/organiser.py; imports on a route's first call."""
from __future__ import annotations

from chalice import Response

from ..bootstrap import deps
from .errors import json_response
from .staff import _officer, blueprint

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"  # app.py lists it as binary


@blueprint.route("/api/staff/trainings", methods=["GET"])
def organised() -> Response:
    from ..service_layer import organiser
    from . import organiser_presenters as present

    viewer, d = _officer().viewer(), deps()
    return json_response(200, present.sessions(organiser.organised_sessions(viewer, d), viewer, d.catalog))


@blueprint.route("/api/staff/trainings/{training_id}", methods=["GET"])
def session_lists(training_id: str) -> Response:
    from ..service_layer import organiser
    from . import organiser_presenters as present

    viewer, d = _officer().viewer(), deps()
    return json_response(200, present.lists(organiser.session_lists(training_id, viewer, d), viewer, d.catalog))


@blueprint.route("/api/staff/trainings/{training_id}/check-ins", methods=["POST"])
def check_in(training_id: str) -> Response:
    from ..service_layer import organiser
    from . import organiser_presenters as present

    viewer, body = _officer().viewer(), blueprint.json_body()
    code = body.get("code") if isinstance(body, dict) else None
    done = organiser.check_in_participant(training_id, code if isinstance(code, str) else None, viewer, deps())
    return json_response(200, present.checked_in(done))


@blueprint.route("/api/staff/trainings/{training_id}/attendance.xlsx", methods=["GET"])
def attendance(training_id: str) -> Response:
    from ..service_layer import organiser
    from .attendance import attendance_xlsx, filename

    found = organiser.session_lists(training_id, _officer().viewer(), deps())
    return Response(body=attendance_xlsx(found), status_code=200, headers={
        "Content-Type": XLSX, "Cache-Control": "no-store",
        "Content-Disposition": f'attachment; filename="{filename(found.training.id)}"'})

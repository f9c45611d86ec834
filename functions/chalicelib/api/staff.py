"""Routes for the departments. For now a lead department opens a request with the key of the
link in its email; signed-in officers replace it (the workbench). Imports on first call."""
from __future__ import annotations

from chalice import Response

from ..bootstrap import deps
from .errors import json_response
from .routes import Audience

blueprint = Audience(__name__)


@blueprint.route("/api/staff/requests/{tracking_no}", methods=["GET"])
def get_request(tracking_no: str) -> Response:
    from ..service_layer import staff
    from . import presenters

    d = deps()
    request, viewer = staff.open_as_department(tracking_no, blueprint.bearer(), d, blueprint.client())
    return json_response(200, presenters.status(request, viewer, d.catalog))


@blueprint.route("/api/staff/requests/{tracking_no}/actions", methods=["POST"])
def department_action(tracking_no: str) -> Response:
    from ..service_layer import staff
    from . import presenters

    d = deps()
    request, viewer = staff.act_as_department(tracking_no, blueprint.bearer(), blueprint.json_body(), d,
                                              blueprint.client())
    return json_response(200, presenters.status(request, viewer, d.catalog))

"""Routes for enterprises: submit a request, follow it, withdraw or rate it. The use cases and
presenters are imported on a route's first call, so a cold start pays only for Chalice."""
from __future__ import annotations

import logging

from chalice import Response

from ..bootstrap import deps
from .errors import json_response
from .routes import Audience

blueprint = Audience(__name__)
log = logging.getLogger("portal.api")
KEY_LENGTH = (8, 200)


@blueprint.route("/api/requests", methods=["POST"])
def create_request() -> Response:
    from ..domain.errors import FieldError, InvalidRequest
    from ..i18n import Text
    from ..service_layer import public
    from . import presenters

    key = blueprint.current_request.headers.get("idempotency-key")
    if key is not None and not KEY_LENGTH[0] <= len(key) <= KEY_LENGTH[1]:
        raise InvalidRequest([FieldError("Idempotency-Key", Text(
            zh="Idempotency-Key 应为8至200个字符。", en="The Idempotency-Key must be 8 to 200 characters."))])
    d = deps()
    submission = public.submit(blueprint.json_body(), d, lang=blueprint.lang(), idempotency_key=key,
                               client=blueprint.client())
    log.info("request stored: %s%s", submission.request.tracking_no, " (repeat)" if submission.replayed else "")
    return json_response(201, presenters.submitted(submission, d.catalog, d.links))


@blueprint.route("/api/requests/{tracking_no}", methods=["GET"])
def get_request(tracking_no: str) -> Response:
    from ..service_layer import public
    from . import presenters

    d = deps()
    request, viewer = public.open_as_applicant(tracking_no, blueprint.bearer(), d, blueprint.client())
    return json_response(200, presenters.status(request, viewer, d.catalog))


@blueprint.route("/api/requests/{tracking_no}/actions", methods=["POST"])
def applicant_action(tracking_no: str) -> Response:
    from ..service_layer import public
    from . import presenters

    d = deps()
    request, viewer = public.act_as_applicant(tracking_no, blueprint.bearer(), blueprint.json_body(), d,
                                              blueprint.client())
    return json_response(200, presenters.status(request, viewer, d.catalog))


@blueprint.route("/api/requests/{tracking_no}/notices/{seq}/pdf", methods=["GET"])
def notice_pdf(tracking_no: str, seq: str) -> Response:
    """A one-time notice of the request, as PDF, for the applicant (the secret in the header)."""
    from ..service_layer import notices
    from .documents import pdf_response

    d = deps()
    request, notice = notices.for_applicant(tracking_no, blueprint.bearer(), seq, d, blueprint.client())
    return pdf_response(blueprint.current_request.headers.get("accept"), request, notice, d.catalog)


@blueprint.route("/api/requests/{tracking_no}/findings/{party}", methods=["GET"])
def party_findings(tracking_no: str, party: str) -> Response:
    """A completed fire-acceptance service's findings, for one responsible party (its own secret
    in the Authorization header, from its link's fragment)."""
    from ..service_layer import findings
    from .findings import findings as present

    d = deps()
    request, contact = findings.for_party(tracking_no, party, blueprint.bearer(), d, blueprint.client())
    return json_response(200, present(request, contact, d.catalog).model_dump())


@blueprint.route("/api/openapi.json", methods=["GET"])
def openapi() -> Response:
    from .openapi import openapi_document

    return json_response(200, openapi_document())


@blueprint.route("/api/health", methods=["GET"])
def health() -> Response:
    return json_response(200, {"status": "ok"})

"""Routes of the staff workbench. Every route but sign-in takes the officer from the bearer
token (verified on each call) and hands them to the use case, which scopes what they reach.
The use cases, presenters and token verification load on a staff route's first call."""
from __future__ import annotations

from chalice import Response

from ..bootstrap import deps
from .errors import json_response
from .routes import Audience

blueprint = Audience(__name__)


def _officer():
    from ..service_layer import staff

    return staff.signed_in(blueprint.bearer(), deps())


@blueprint.route("/api/staff/session", methods=["POST", "DELETE"])
def session() -> Response:
    """POST signs in; DELETE signs the token out (one view: Chalice takes one per path)."""
    return sign_out() if blueprint.current_request.method == "DELETE" else sign_in()


def sign_in() -> Response:
    from datetime import datetime, timedelta, timezone

    from ..domain.errors import FieldError, InvalidRequest
    from ..i18n import Text
    from ..service_layer import staff
    from . import staff_presenters as present

    body, d = blueprint.json_body(), deps()
    if not isinstance(body, dict) or not all(isinstance(body.get(k), str) and 0 < len(body[k]) <= 256
                                             for k in ("username", "password")):
        raise InvalidRequest([FieldError("username", Text(zh="请填写用户名和密码。", en="Enter your username and password."))])
    token, officer = staff.sign_in(body["username"].strip(), body["password"], d, blueprint.client())
    claims_exp = d.verifier.verify(token)["exp"]
    expires = datetime.fromtimestamp(int(claims_exp), timezone.utc) if claims_exp else datetime.now(timezone.utc) + timedelta(hours=1)
    return json_response(200, present.session(token, expires.isoformat(), d.idle_minutes, officer, d.catalog))


def sign_out() -> Response:
    from ..service_layer import staff

    staff.sign_out(blueprint.bearer(), deps())
    return Response(body="", status_code=204, headers={"Cache-Control": "no-store"})


@blueprint.route("/api/staff/me", methods=["GET"])
def me() -> Response:
    from . import staff_presenters as present

    return json_response(200, present.officer(_officer(), deps().catalog))


@blueprint.route("/api/staff/queue", methods=["GET"])
def queue() -> Response:
    from ..domain.calendar import beijing_date
    from ..service_layer import staff
    from . import staff_presenters as present

    officer, d = _officer(), deps()
    q = blueprint.current_request.query_params or {}
    department = q.get("department") or (officer.departments[0] if officer.departments else "")
    lane = q.get("lane") or "new"
    page = staff.queue(officer, department, lane, dict(q), q.get("cursor"), d, _limit(q.get("limit")))
    today = beijing_date(d.clock.now()).isoformat()
    return json_response(200, present.queue(department, lane, page, today, d.catalog))


@blueprint.route("/api/staff/appeals", methods=["GET"])
def appeals() -> Response:
    from ..service_layer import staff
    from . import staff_presenters as present

    officer, d = _officer(), deps()
    q = blueprint.current_request.query_params or {}
    return json_response(200, present.appeals(staff.appeals(officer, q.get("cursor"), d, _limit(q.get("limit"))),
                                              d.catalog))


def _limit(raw: str | None) -> int:
    return int(raw) if raw and raw.isdigit() else 20


@blueprint.route("/api/staff/departments/{department}/officers", methods=["GET"])
def officers(department: str) -> Response:
    from ..service_layer import staff
    from . import staff_presenters as present

    return json_response(200, present.colleagues(staff.officers_of(_officer(), department, deps())))


@blueprint.route("/api/staff/requests/{tracking_no}", methods=["GET"])
def get_request(tracking_no: str) -> Response:
    from . import staff_detail
    from ..domain.officers import Role
    from ..service_layer import staff
    from . import staff_presenters as present

    officer, d = _officer(), deps()
    if officer.role is Role.SUPERVISOR:
        request, audit = staff.audit_trail(officer, tracking_no, d)
        return json_response(200, staff_detail.detail(request, officer, d, audit))
    return json_response(200, staff_detail.detail(staff.open_request(officer, tracking_no, d), officer, d))


@blueprint.route("/api/staff/requests/{tracking_no}/actions", methods=["POST"])
def act(tracking_no: str) -> Response:
    from . import staff_detail
    from ..service_layer import staff
    from . import staff_presenters as present

    officer, d = _officer(), deps()
    request = staff.act(officer, tracking_no, blueprint.json_body(), d)
    if request.party(officer.viewer()) is None:  # transferred away: the department sees it no more
        return json_response(200, present.transferred(request, d.catalog))
    return json_response(200, staff_detail.detail(request, officer, d))


@blueprint.route("/api/staff/requests/{tracking_no}/audit.csv", methods=["GET"])
def audit_export(tracking_no: str) -> Response:
    from ..service_layer import staff
    from . import staff_presenters as present

    request, audit = staff.audit_trail(_officer(), tracking_no, deps())
    return Response(body=present.audit_csv(request, audit), status_code=200, headers={
        "Content-Type": "text/csv; charset=utf-8", "Cache-Control": "no-store",
        "Content-Disposition": f'attachment; filename="audit-{request.tracking_no}.csv"'})


@blueprint.route("/api/staff/requests/{tracking_no}/notices", methods=["POST"])
def issue_notice(tracking_no: str) -> Response:
    """Issue a one-time notice (items, and `replaces` while one is in force): 201 with the request."""
    from . import staff_detail
    from ..service_layer import notices
    from . import staff_presenters as present

    officer, d = _officer(), deps()
    request, notice = notices.issue(officer, tracking_no, blueprint.json_body(), d)
    return json_response(201, staff_detail.detail(request, officer, d), {
        "Location": f"/api/staff/requests/{request.tracking_no}/notices/{notice.seq}"})


@blueprint.route("/api/staff/requests/{tracking_no}/notices/{seq}", methods=["GET", "PUT", "PATCH", "DELETE"])
def notice(tracking_no: str, seq: str) -> Response:
    """GET reads an issued notice; any change is refused (409 notice_final): it is final."""
    from ..service_layer import notices
    from .presenters import notice as present

    officer, d = _officer(), deps()
    if blueprint.current_request.method != "GET":
        notices.refuse_change(officer, tracking_no, seq, d)
    request, found = notices.for_staff(officer, tracking_no, seq, d)
    return json_response(200, present(request, found, d.catalog, staff=True).model_dump())


@blueprint.route("/api/staff/requests/{tracking_no}/notices/{seq}/pdf", methods=["GET"])
def notice_pdf(tracking_no: str, seq: str) -> Response:
    from ..service_layer import notices
    from .documents import pdf_response

    officer, d = _officer(), deps()
    request, found = notices.for_staff(officer, tracking_no, seq, d)
    return pdf_response(blueprint.current_request.headers.get("accept"), request, found, d.catalog)

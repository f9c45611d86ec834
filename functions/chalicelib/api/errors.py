"""Every refusal of the API as a bilingual JSON error, mapped once: the blueprints (routes.py)
send whatever a route raises through `refusal`, so no route maps errors of its own."""
from __future__ import annotations

import logging
from typing import Any

from chalice import Response

log = logging.getLogger("portal.api")

# code → (HTTP status, Chinese, English). Plain strings: read at import, they cost nothing.
ERRORS: dict[str, tuple[int, str, str]] = {
    "malformed_json": (400, "请求内容不是有效的 JSON。", "The request body is not valid JSON."),
    "too_large": (413, "请求内容过大（上限 32 KB）。", "The request body is too large (limit 32 KB)."),
    "unsupported_media_type": (415, "请以 application/json 格式提交。", "Send the request as application/json."),
    "invalid": (422, "请更正标出的内容后重新提交。", "Correct the fields marked and submit again."),
    "not_found": (404, "未找到该申请。请核对申请编号和查询密钥。",
                  "No such request. Check the tracking number and the access key."),
    "not_allowed_now": (409, "该申请当前的状态不允许此操作。", "The request's current status does not allow this."),
    "idempotency_mismatch": (409, "此 Idempotency-Key 已用于另一份不同的申请。",
                             "This Idempotency-Key was already used for a different request."),
    "unavailable": (503, "服务暂时不可用，您的申请未提交，请稍后重试。",
                    "The service is unavailable for a moment; nothing was submitted. Try again shortly."),
    "unavailable_now": (503, "服务暂时不可用，未作任何更改，请稍后重试。",
                        "The service is unavailable for a moment; nothing was changed. Try again shortly."),
    "unconfirmed": (503, "服务暂时不可用，无法确认申请是否已保存。请稍后重新提交：使用同一个 Idempotency-Key（本网站的表单会自动使用）不会产生重复申请。",
                    "The service is unavailable for a moment and could not confirm whether your request was stored. "
                    "Submit again shortly: with the same Idempotency-Key (the site's forms send it) no second request is made."),
    "too_many_submissions": (429, "提交过于频繁，请稍后再试。", "Too many submissions from here; please try again later."),
    "too_many_lookups": (429, "申请编号或查询密钥错误的次数过多，请稍后再试。",
                         "Too many wrong tracking numbers or access keys from here; please try again later."),
    "unauthorized": (401, "请先登录工作台（登录已过期或已退出）。",
                     "Sign in to the workbench (your session has ended or expired)."),
    "sign_in_failed": (401, "用户名或密码不正确。", "The username or password is not right."),
    "too_many_sign_ins": (429, "登录失败次数过多，请稍后再试。", "Too many failed sign-ins from here; please try again later."),
    "not_found_staff": (404, "未找到。申请或部门不存在，或不在您的部门范围内。",
                        "Not found: no such request or department, or not one of your departments."),
    "too_late_to_transfer": (409, "申请到达本部门已超过2个工作日，不能再转派；请受理后与相关部门协同办理。",
                             "More than 2 working days have passed since the request arrived; it can no longer be "
                             "transferred. Accept it and work with the other department instead."),
    "notice_final": (409, "告知单出具后不能修改或删除；如需更改，请出具一份新的告知单替代它。",
                     "An issued notice cannot be changed or removed; to change it, issue a new notice that replaces it."),
    "not_acceptable": (406, "此地址提供 PDF 文件：请求时请接受 application/pdf。",
                       "This address serves a PDF file: ask for it with Accept: application/pdf."),
    "training_not_found": (404, "未找到这场培训。", "No such training session."),
    "registration_not_found": (404, "未找到该报名。请核对报名编号和报名密钥。",
                               "No such registration. Check the registration number and the key."),
    "registration_closed": (409, "这场培训目前不在本网站接受报名（未开放报名，或已过报名截止时间）。",
                            "This session takes no registrations on this site now (not open, or past its deadline)."),
    "already_registered": (409, "这个手机号码已经报名了这场培训，请使用报名确认短信中的链接查看或取消。为同事报名，请填写同事本人的手机号码。",
                           "This mobile number is already registered for this session: use the link in the confirmation SMS "
                           "to see or cancel it. To register a colleague, enter the colleague's own mobile number."),
    "registration_not_allowed_now": (409, "该报名当前的状态不允许此操作（已取消，或培训已开始）。",
                                     "The registration's current state does not allow this (cancelled, or the session has started)."),
    "registration_unavailable": (503, "服务暂时不可用，您的报名未提交，请稍后重试。",
                                 "The service is unavailable for a moment; you are not registered. Try again shortly."),
    "registration_unconfirmed": (503, "服务暂时不可用，无法确认报名是否已保存。如果没有收到报名确认短信，请稍后重新报名：同一手机号码不会重复报名。",
                                 "The service is unavailable for a moment and could not confirm whether you are registered. "
                                 "If no confirmation SMS arrives, register again shortly: one mobile number is never registered twice."),
    "check_in_code_refused": (422, "这不是本场培训的签到码（可能属于另一场培训，或已被改动）。请核对后重新扫描或输入。",
                              "This is not a check-in code of this session (it may be another session's, or altered). "
                              "Check it and scan or type it again."),
    "check_in_not_confirmed": (409, "该报名在候补名单上或已取消，没有本场的座位，不能签到。",
                               "This registration is on the waiting list or cancelled: it holds no seat, so it cannot be checked in."),
    "check_in_not_today": (409, "只能在培训当天签到。", "Check-in is only on the day of the session."),
    "rating_not_allowed": (409, "只有在现场签到的参加人可以评价，每个报名评价一次，从培训开始到结束后30天内。",
                           "Only a participant checked in at the door may rate, once per registration, from the "
                           "session's start until 30 days after its end."),
    "internal": (500, "系统出现错误，请稍后重试。", "Something went wrong on our side; please try again later."),
}


class HttpError(Exception):
    """A refusal of the HTTP layer itself (body, media type), by its code in ERRORS."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def json_response(status: int, body: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(body=body, status_code=status, headers={
        "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store", **(headers or {})})


def _detail(code: str) -> dict[str, Any]:
    _, zh, en = ERRORS[code]
    return {"code": code, "message": {"zh": zh, "en": en}}


def error_body(code: str) -> dict[str, Any]:
    from .schemas import ErrorOut

    return ErrorOut.model_validate({"error": _detail(code)}).model_dump()


def invalid_body(errors: list) -> dict[str, Any]:
    from .schemas import ValidationErrorOut

    return ValidationErrorOut.model_validate({"error": _detail("invalid"), "errors": [
        {"field": e.field, "message": e.message.model_dump()} for e in errors]}).model_dump()


RETRY_AFTER = "5"  # seconds, on every 503: a throttled table or a collision clears quickly


def _codes(path: str) -> tuple[tuple[type[Exception], str], ...]:
    """Refusals of the domain and the service layer, by the error code they answer with. Their
    modules are imported here, on the first refusal, not at cold start."""
    from ..domain.effects import TooLateToTransfer
    from ..catalog.trainings import UnknownTraining
    from ..domain.errors import NotAllowedNow, NotFound
    from ..domain.notices import NoticeFinal
    from ..domain.registration import AlreadyRegistered, RegistrationClosed
    from ..domain.seats import NotConfirmed, NotTheDay
    from ..domain.training_rating import RatingNotAllowed
    from ..service_layer.organiser import NotACheckInCode
    from ..service_layer.ports import Contention, Unavailable
    from ..service_layer.public import IdempotencyMismatch, Unconfirmed
    from ..service_layer.staff_ports import SignInFailed, Unauthorized

    trainings = path.startswith("/api/trainings/")
    registering = path == "/api/trainings/{training_id}/registrations"
    busy = "unavailable" if path == "/api/requests" else "registration_unavailable" if registering else "unavailable_now"
    missing = "registration_not_found" if trainings else "not_found_staff" if path.startswith("/api/staff/") else "not_found"
    return ((Unauthorized, "unauthorized"), (SignInFailed, "sign_in_failed"), (UnknownTraining, "training_not_found"),
            (NotFound, missing), (TooLateToTransfer, "too_late_to_transfer"), (NoticeFinal, "notice_final"),
            (NotACheckInCode, "check_in_code_refused"), (NotConfirmed, "check_in_not_confirmed"),
            (NotTheDay, "check_in_not_today"), (RatingNotAllowed, "rating_not_allowed"),
            (NotAllowedNow, "registration_not_allowed_now" if trainings else "not_allowed_now"),
            (RegistrationClosed, "registration_closed"), (AlreadyRegistered, "already_registered"),
            (IdempotencyMismatch, "idempotency_mismatch"), (Contention, busy), (Unavailable, busy),
            (Unconfirmed, "registration_unconfirmed" if registering else "unconfirmed"))


def refusal(exc: Exception, path: str = "") -> Response:
    """The response to anything a route (at `path`) raised; nothing was stored or sent when one is
    raised, but for `unconfirmed`, which says so. What is not a known refusal is a bug: logged
    with its traceback, answered with a bilingual 500."""
    from ..domain.errors import InvalidRequest
    from ..domain.limits import Limited

    if isinstance(exc, InvalidRequest):
        log.info("refused: fields %s", [e.field for e in exc.errors])
        return json_response(422, invalid_body(exc.errors))
    if isinstance(exc, Limited):
        code = ("too_many_submissions" if exc.limit.kind == "submit" else
                "too_many_sign_ins" if path == "/api/staff/session" else "too_many_lookups")
        log.info("limited: %s", exc.limit.kind)
        return json_response(429, error_body(code), {"Retry-After": str(exc.retry_after)})
    code = exc.code if isinstance(exc, HttpError) else next((c for t, c in _codes(path) if isinstance(exc, t)), None)
    if code is None:
        log.error("unexpected error", exc_info=exc)
        code = "internal"
    status = ERRORS[code][0]
    return json_response(status, error_body(code), {"Retry-After": RETRY_AFTER} if status == 503 else None)

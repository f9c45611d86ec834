"""The staff routes in the OpenAPI document (openapi.py builds the rest)."""
from __future__ import annotations

from typing import Any, Callable

from ..domain.lifecycle import ASKED_STEPS, Party
from ..domain.queue import FACETS, Lane
from ..domain.notices import NoticeBody
from .figures_openapi import MODELS as FIGURES_MODELS
from .figures_openapi import figures_paths
from .organiser_openapi import MODELS as ORGANISER_MODELS
from .organiser_openapi import organiser_paths
from .schemas import NoticeOut
from .staff_schemas import AppealsOut, OfficerOut, OfficersOut, QueueOut, SessionOut, StaffRequestOut, TransferredOut

MODELS = (SessionOut, OfficerOut, OfficersOut, QueueOut, AppealsOut, StaffRequestOut, TransferredOut, NoticeBody,
          NoticeOut, *ORGANISER_MODELS, *FIGURES_MODELS)
PDF = {"description": "The notice as PDF (A4, Chinese with its English rendering); ask with Accept: application/pdf",
       "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}}


def seq_param() -> dict[str, Any]:
    return {"name": "seq", "in": "path", "required": True, "description": "The notice's number on the request (1, 2, …)",
            "schema": {"type": "string", "maxLength": 4}}
SECURITY = [{"officerToken": []}]
SCHEME = {"type": "http", "scheme": "bearer", "bearerFormat": "JWT",
          "description": "An officer's OpenID Connect ID token, from POST /api/staff/session"}
_STAFF = ("unauthorized", "unavailable_now")


def staff_paths(ref: dict[str, Any], steps: dict[str, Any], op: Callable[..., dict], path: Callable[[], dict],
                query: Callable[..., dict], json: Callable[[str, dict], dict], body_errors: tuple[str, ...]) -> dict:
    lead_steps = ", ".join(s.action for s in ASKED_STEPS if {Party.LEAD, Party.HEAD} & s.by)
    request = json("The request as the officer sees it, with the actions they may take now", ref["StaffRequestOut"])
    secured = {"security": SECURITY}
    dept = {"name": "department", "in": "path", "required": True, "schema": {"type": "string", "maxLength": 80}}
    return {
        "/api/staff/session": {
            "post": op("signIn", "Sign an officer in", [], {"schema": {
                "type": "object", "required": ["username", "password"], "additionalProperties": False,
                "properties": {"username": {"type": "string", "maxLength": 256},
                               "password": {"type": "string", "maxLength": 256}}}},
                {"200": json("The ID token, for the Authorization header", ref["SessionOut"])},
                ref, *body_errors, "sign_in_failed", "too_many_sign_ins", "unavailable_now"),
            "delete": op("signOut", "Sign out: the token is refused from now on", [], None,
                         {"204": {"description": "Signed out"}}, ref, *_STAFF) | secured},
        "/api/staff/me": {"get": op("whoAmI", "The signed-in officer", [], None,
                                    {"200": json("The officer", ref["OfficerOut"])}, ref, *_STAFF) | secured},
        "/api/staff/queue": {"get": op(
            "getQueue", "One page of a lane of a department's queue (one index query)",
            [query("department", "A department the officer serves (supervisors: any)"),
             query("lane", "The lane", enum=[x.value for x in Lane]),
             *[query(f, f"Filter by {f} (one filter at a time)") for f in FACETS],
             query("cursor", "next_cursor of the page before"), query("limit", "Entries per page (at most 50)")],
            None, {"200": json("The page", ref["QueueOut"])}, ref, "invalid", "not_found_staff", *_STAFF) | secured},
        "/api/staff/appeals": {"get": op(
            "getAppeals", "Supervisors: the appeals awaiting a decision, every department's, oldest first "
                          "(one index query)",
            [query("cursor", "next_cursor of the page before"), query("limit", "Entries per page (at most 50)")],
            None, {"200": json("The page", ref["AppealsOut"])}, ref, "invalid", "not_found_staff", *_STAFF) | secured},
        "/api/staff/departments/{department}/officers": {"get": op(
            "getOfficers", "The officers of a department, to assign", [dept], None,
            {"200": json("The officers", ref["OfficersOut"])}, ref, "not_found_staff", *_STAFF) | secured},
        "/api/staff/requests/{tracking_no}": {"get": op(
            "getRequestForStaff", "A request of the officer's departments (the opening is audited)", [path()],
            None, {"200": request}, ref, "not_found_staff", *_STAFF) | secured},
        "/api/staff/requests/{tracking_no}/actions": {"post": op(
            "staffAction", f"An officer of a lead department takes a step ({lead_steps}) the request allows now",
            [path()], {"schema": steps, "example": {"action": "accept"}}, {"200": json(
                "The request after the step; after a transfer, where it went (the department sees it no more)",
                {"oneOf": [ref["StaffRequestOut"], ref["TransferredOut"]]})}, ref, *body_errors,
            "not_found_staff", "not_allowed_now", "too_late_to_transfer", *_STAFF) | secured},
        "/api/staff/requests/{tracking_no}/notices": {"post": op(
            "issueNotice", "An officer of a lead department issues a one-time notice (final once issued; a new one "
                           "must name the notice in force it replaces)", [path()],
            {"schema": ref["NoticeBody"]}, {"201": json("The request, with its notices", ref["StaffRequestOut"])},
            ref, *body_errors, "not_found_staff", "not_allowed_now", *_STAFF) | secured},
        "/api/staff/requests/{tracking_no}/notices/{seq}": {
            "get": op("getNotice", "An issued notice of a request the officer's departments see", [path(), seq_param()],
                      None, {"200": json("The notice", ref["NoticeOut"])}, ref, "not_found_staff", *_STAFF) | secured,
            **{method: op(f"{method}Notice", "Refused: an issued notice is final (issue a new one that replaces it)",
                          [path(), seq_param()], None, {}, ref, "notice_final", "not_found_staff", *_STAFF) | secured
               for method in ("put", "patch", "delete")}},
        "/api/staff/requests/{tracking_no}/notices/{seq}/pdf": {"get": op(
            "getNoticePdfForStaff", "An issued notice as PDF (its download is audited)", [path(), seq_param()], None,
            {"200": PDF}, ref, "not_found_staff", "not_acceptable", *_STAFF) | secured},
        "/api/staff/requests/{tracking_no}/audit.csv": {"get": op(
            "exportAudit", "The request's audit trail as CSV (supervisors)", [path()], None,
            {"200": {"description": "CSV", "content": {"text/csv": {"schema": {"type": "string"}}}}},
            ref, "not_found_staff", *_STAFF) | secured},
        **organiser_paths(ref, op, json, _STAFF, secured, body_errors),
        **figures_paths(ref, op, query, json, _STAFF, secured),
    }

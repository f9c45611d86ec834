"""The organiser's routes in the OpenAPI document (openapi_staff.py joins them to the staff paths)."""
from __future__ import annotations

from typing import Any, Callable

from .organiser_schemas import CheckInOut, OrganisedSessionsOut, SessionListsOut

MODELS = (OrganisedSessionsOut, SessionListsOut, CheckInOut)
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def organiser_paths(ref: dict[str, Any], op: Callable[..., dict], json: Callable[[str, dict], dict],
                    staff: tuple[str, ...], secured: dict[str, Any], body_errors: tuple[str, ...]) -> dict:
    session = [{"name": "training_id", "in": "path", "required": True, "description": "The session's id",
                "schema": {"type": "string", "maxLength": 64}}]
    return {
        "/api/staff/trainings": {"get": op(
            "getOrganisedSessions", "The sessions the officer's departments organise (supervisors: every one)",
            [], None, {"200": json("The sessions with their seats", ref["OrganisedSessionsOut"])}, ref,
            *staff) | secured},
        "/api/staff/trainings/{training_id}": {"get": op(
            "getSessionLists", "A session's confirmed registrations, waiting list and the participants' ratings",
            session, None, {"200": json("The lists and the training summary", ref["SessionListsOut"])}, ref,
            "not_found_staff", *staff) | secured},
        "/api/staff/trainings/{training_id}/check-ins": {"post": op(
            "checkIn", "Check a participant in at the door with their code (scanned or typed; officers of the "
            "organising department)", session,
            {"schema": {"type": "object", "required": ["code"], "properties": {
                "code": {"type": "string", "maxLength": 80}}}, "example": {"code": "R20270301ABCD.K2LQ7M3XW4PZ9TQA"}},
            {"200": json("Checked in now, or already before (the answer says when)", ref["CheckInOut"])}, ref,
            *body_errors, "not_found_staff", "check_in_code_refused", "check_in_not_confirmed", "check_in_not_today",
            *staff) | secured},
        "/api/staff/trainings/{training_id}/attendance.xlsx": {"get": op(
            "exportAttendance", "The session's attendance as XLSX (send `Accept` with its media type)", session, None,
            {"200": {"description": "XLSX", "content": {_XLSX: {"schema": {"type": "string", "format": "binary"}}}}},
            ref, "not_found_staff", *staff) | secured},
    }

"""The training routes' part of the OpenAPI document (api/openapi.py joins it in)."""
from __future__ import annotations

from typing import Any, Callable

from ..domain.registration_form import RegistrationForm
from ..domain.training_rating import TrainingRatingIn
from .training_schemas import RegisteredOut, RegistrationOut, SeatsOut

MODELS = (RegistrationForm, RegisteredOut, RegistrationOut, SeatsOut, TrainingRatingIn)
_BODY_ERRORS = ("malformed_json", "too_large", "unsupported_media_type", "invalid")
_SECRET = "registration_not_found", "too_many_lookups", "unavailable_now"


def training_paths(ref: dict[str, Any], op: Callable[..., dict], json: Callable[..., dict],
                   query: Callable[..., dict]) -> dict[str, Any]:
    """The paths, built with openapi.py's own helpers (`op`, `json`, `query`)."""
    def param(name: str, description: str) -> dict[str, Any]:
        return {"name": name, "in": "path", "required": True, "description": description,
                "schema": {"type": "string", "maxLength": 64}}

    registration = json("The registration as its participant sees it, with the actions allowed now",
                        ref["RegistrationOut"])
    security = {"security": [{"registrationKey": []}]}
    return {
        "/api/trainings/seats": {"get": op(
            "getTrainingSeats", "Seats left in every session that takes registrations on this site", [], None,
            {"200": json("Seats left per session (cached for a few seconds)", ref["SeatsOut"])}, ref)},
        "/api/trainings/{training_id}/registrations": {"post": op(
            "registerForTraining", "Register for a training session (confirmed, or on its waiting list)",
            [param("training_id", "The session's id on the training calendar"),
             query("lang", "Language of the confirmation", enum=["zh", "en"])],
            {"schema": ref["RegistrationForm"], "example": RegistrationForm.example()},
            {"201": json("Stored; the confirmation SMS and email are queued", ref["RegisteredOut"])}, ref,
            *_BODY_ERRORS, "training_not_found", "registration_closed", "already_registered",
            "too_many_submissions", "registration_unavailable", "registration_unconfirmed")},
        "/api/trainings/registrations/{registration_no}": {"get": op(
            "getRegistration", "A registration, for its participant",
            [param("registration_no", "The registration number")], None, {"200": registration}, ref,
            *_SECRET) | security},
        "/api/trainings/registrations/{registration_no}/actions": {"post": op(
            "registrationAction", "The participant cancels (until the session starts) or, once checked in, "
            "rates the session (from its start, once)",
            [param("registration_no", "The registration number")],
            {"schema": {"oneOf": [{"type": "object", "required": ["action"], "additionalProperties": False,
                                   "properties": {"action": {"const": "cancel"}}}, ref["TrainingRatingIn"]]},
             "example": {"action": "cancel"}},
            {"200": registration}, ref, *_BODY_ERRORS, *_SECRET, "registration_not_allowed_now",
            "rating_not_allowed") | security},
    }


SECURITY = {"registrationKey": {"type": "http", "scheme": "bearer",
                                "description": "A registration's key, in its manage link and the 201 answer"}}

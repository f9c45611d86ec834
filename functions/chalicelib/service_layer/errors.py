"""Refusals of the service layer that the HTTP layer maps to status codes."""
from __future__ import annotations

from ..domain.lifecycle import Status


class NotAllowedNow(Exception):
    """The request's status does not allow this step (e.g. withdrawing once accepted)."""

    def __init__(self, status: Status):
        super().__init__(status.value)
        self.status = status

"""The personal check-in code a participant shows at the door (as a QR code, or typed).

    <registration_no>.<signature>

The signature is an HMAC over the session and the registration (keyed like the access tokens,
with its own purpose), so a code opens only its own registration for its own session: one
copied from another session, or altered to another registration number, is refused."""
from __future__ import annotations

import base64
import hashlib
import hmac

SIGNATURE_CHARS = 16  # 80 bits of base32: too long to guess, short enough to type at the door
_SEP = "."


def _signature(key: bytes, training_id: str, registration_no: str) -> str:
    mac = hmac.new(key, f"check-in|{training_id}|{registration_no}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac).decode()[:SIGNATURE_CHARS]


def check_in_code(key: bytes, training_id: str, registration_no: str) -> str:
    return f"{registration_no}{_SEP}{_signature(key, training_id, registration_no)}"


def read_check_in_code(key: bytes, training_id: str, code: str | None) -> str | None:
    """The registration number of a genuine code for `training_id`; None for anything else.
    Read as people type it: spaces around it and lower case are forgiven."""
    if not code or len(code) > 80:
        return None
    registration_no, sep, signature = code.strip().upper().rpartition(_SEP)
    if not sep or not registration_no:
        return None
    expected = _signature(key, training_id, registration_no)
    return registration_no if hmac.compare_digest(expected, signature) else None

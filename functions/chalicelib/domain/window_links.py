"""Signed links printed as QR codes at the service windows: /w/<window>/?k=<signature>.

The signature (HMAC-SHA256 over the window and its stage, truncated) lets the API trust the
window attribution of a request that arrives through the link; a forged or altered link loses
the attribution, never the request."""
from __future__ import annotations

import base64
import hashlib
import hmac

SIGNATURE_CHARS = 16  # 80 bits of base32: short enough for a small QR code, too long to guess


def sign(key: bytes, window_id: str, stage: str) -> str:
    mac = hmac.new(key, f"window|{window_id}|{stage}".encode(), hashlib.sha256).digest()
    return base64.b32encode(mac).decode()[:SIGNATURE_CHARS].lower()


def verify(key: bytes, window_id: str, stage: str, signature: str | None) -> bool:
    if not signature:
        return False
    return hmac.compare_digest(sign(key, window_id, stage), signature.lower())


def window_path(window_id: str) -> str:
    return f"/w/{window_id}/"


def short_link(base_url: str, key: bytes, window_id: str, stage: str) -> str:
    return f"{base_url.rstrip('/')}{window_path(window_id)}?k={sign(key, window_id, stage)}"

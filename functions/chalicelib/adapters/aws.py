"""Lazily created, cached boto3 clients: nothing AWS is built at import time (cold start)."""
from __future__ import annotations

import functools
from typing import Any


@functools.lru_cache(maxsize=None)
def client(service: str) -> Any:
    import boto3
    from botocore.config import Config

    # Short timeouts: a slow provider must not hold a request; the dispatcher retries later.
    config = Config(connect_timeout=3, read_timeout=10, retries={"mode": "standard", "max_attempts": 3})
    return boto3.session.Session().client(service, config=config)


def error_code(exc: Exception) -> str:
    response = getattr(exc, "response", None) or {}
    return str(response.get("Error", {}).get("Code", type(exc).__name__))

"""Fault injection for boto3 clients: answer chosen operations with an AWS error, as SES or SNS
would under throttling or on a rejected address, before the request leaves the client."""
from __future__ import annotations

from typing import Any

from botocore.awsrequest import AWSResponse


class Faults:
    """`Faults(client, "SendEmail", ["Throttling", "Throttling"])`: the next two SendEmail calls
    fail with Throttling, later ones go through to moto."""

    def __init__(self, client: Any, operation: str, codes: list[str]):
        self.codes = list(codes)
        self.calls = 0
        service = client.meta.service_model.service_id.hyphenize()
        client.meta.events.register(f"before-call.{service}.{operation}", self._maybe_fail)

    def _maybe_fail(self, **_: Any):
        self.calls += 1
        if not self.codes:
            return None
        code = self.codes.pop(0)
        status = 400 if code in {"Throttling", "TooManyRequestsException", "MessageRejected",
                                 "InvalidParameter"} else 500
        http = AWSResponse("https://fault.invalid", status, {}, None)
        return http, {"Error": {"Code": code, "Message": f"injected {code}"},
                      "ResponseMetadata": {"HTTPStatusCode": status}}

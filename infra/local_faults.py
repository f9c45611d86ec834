"""Make SES or SNS fail on purpose in the local stack, to watch the outbox survive an outage:

    curl -X POST localhost:8000/_local/faults -d '{"ses": "throttle", "sns": "reject"}'
    curl -X POST localhost:8000/_local/faults -d '{"ses": "ok", "sns": "ok"}'

or start with LOCAL_FAULTS="ses=throttle,sns=down". Modes: ok, throttle (retried), down (a 5xx,
retried), reject (a refused address or number: not retried). The failure is injected into the
boto3 client the dispatcher uses, before the call reaches moto, exactly as AWS would answer."""
from __future__ import annotations

import threading
from typing import Any

from botocore.awsrequest import AWSResponse

MODES = {"ok": None, "throttle": ("Throttling", 400), "down": ("ServiceUnavailable", 503)}
_REJECT = {"ses": ("MessageRejected", 400), "sns": ("InvalidParameter", 400)}
_OPERATIONS = {"ses": ("sesv2", "SendEmail"), "sns": ("sns", "Publish")}


class Faults:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.modes = {"ses": "ok", "sns": "ok"}

    def set(self, changes: dict[str, Any]) -> dict[str, str]:
        """Apply {"ses": mode, "sns": mode}; raise ValueError naming a bad key or mode."""
        for service, mode in changes.items():
            if service not in self.modes or mode not in (*MODES, "reject"):
                raise ValueError(f"{service}={mode}: use ses/sns = {'/'.join([*MODES, 'reject'])}")
        with self._lock:
            self.modes.update(changes)
            return dict(self.modes)

    def parse_env(self, text: str) -> None:
        self.set(dict(part.split("=", 1) for part in text.split(",") if "=" in part))

    def attach(self, client_factory) -> None:
        """Hook the SES and SNS clients the adapters use (adapters.aws.client)."""
        for service, (boto_name, operation) in _OPERATIONS.items():
            client = client_factory(boto_name)
            client.meta.events.register(f"before-call.{client.meta.service_model.service_id.hyphenize()}.{operation}",
                                        self._handler(service))

    def _handler(self, service: str):
        def maybe_fail(**_: Any):
            mode = self.modes[service]
            error = _REJECT[service] if mode == "reject" else MODES[mode]
            if error is None:
                return None
            code, status = error
            return (AWSResponse("https://local-fault.invalid", status, {}, None),
                    {"Error": {"Code": code, "Message": f"local fault: {service} {mode}"},
                     "ResponseMetadata": {"HTTPStatusCode": status}})
        return maybe_fail

"""Transactional SMS through Amazon SNS, with provider errors sorted like SES's."""
from __future__ import annotations

from typing import Any, Callable

from .aws import client
from .providers import call_provider

# SNS errors that no retry can fix (a malformed or opted-out number, a refused account).
PERMANENT = frozenset({"InvalidParameter", "InvalidParameterValue", "AuthorizationError",
                       "OptedOut", "EndpointDisabled", "ValidationError"})


class SnsSmsSender:
    def __init__(self, sender_id: str | None = None,
                 sns_client: Callable[[], Any] = lambda: client("sns")):
        self._sender_id = sender_id
        self._client = sns_client

    def send_sms(self, phone_e164: str, body: str) -> str:
        attributes = {"AWS.SNS.SMS.SMSType": {"DataType": "String", "StringValue": "Transactional"}}
        if self._sender_id:
            attributes["AWS.SNS.SMS.SenderID"] = {"DataType": "String", "StringValue": self._sender_id}
        return call_provider(lambda: self._client().publish(
            PhoneNumber=phone_e164, Message=body, MessageAttributes=attributes)["MessageId"], PERMANENT)

"""Email through Amazon SES v2, with provider errors sorted into retryable and permanent."""
from __future__ import annotations

from typing import Any, Callable

from ..service_layer.ports import PermanentSendError, RetryableSendError
from .aws import client, error_code

# SES v2 errors that no retry can fix; everything else (throttling, 5xx, timeouts) is retried.
_PERMANENT = {"MessageRejected", "MailFromDomainNotVerifiedException", "AccountSuspendedException",
              "NotFoundException", "BadRequestException", "SendingPausedException"}


class SesEmailSender:
    def __init__(self, sender: str, configuration_set: str | None = None,
                 ses_client: Callable[[], Any] = lambda: client("sesv2")):
        self._sender = sender
        self._configuration_set = configuration_set
        self._client = ses_client

    def send_email(self, to: str, subject: str, body: str) -> str:
        kwargs: dict[str, Any] = {
            "FromEmailAddress": self._sender,
            "Destination": {"ToAddresses": [to]},
            "Content": {"Simple": {"Subject": {"Data": subject, "Charset": "UTF-8"},
                                   "Body": {"Text": {"Data": body, "Charset": "UTF-8"}}}},
        }
        if self._configuration_set:
            kwargs["ConfigurationSetName"] = self._configuration_set
        try:
            return self._client().send_email(**kwargs)["MessageId"]
        except Exception as exc:  # botocore raises ClientError and connection errors alike
            code = error_code(exc)
            raise (PermanentSendError if code in _PERMANENT else RetryableSendError)(code) from exc

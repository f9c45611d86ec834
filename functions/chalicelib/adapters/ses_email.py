"""Email through Amazon SES v2, with provider errors sorted into retryable and permanent."""
from __future__ import annotations

from typing import Any, Callable

from .aws import client
from .providers import call_provider

# SES v2 errors that no retry can fix (the address, the identity or the account is refused).
PERMANENT = frozenset({"MessageRejected", "MailFromDomainNotVerifiedException", "AccountSuspendedException",
                       "NotFoundException", "BadRequestException", "SendingPausedException"})


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
        return call_provider(lambda: self._client().send_email(**kwargs)["MessageId"], PERMANENT)

"""Email through Amazon SES v2, with provider errors sorted into retryable and permanent."""
from __future__ import annotations

from typing import Any, Callable, Sequence

from ..domain.outbox import Attachment

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

    def send_email(self, to: str, subject: str, body: str, attachments: Sequence[Attachment] = ()) -> str:
        content = ({"Raw": {"Data": _mime(self._sender, to, subject, body, attachments)}} if attachments else
                   {"Simple": {"Subject": {"Data": subject, "Charset": "UTF-8"},
                               "Body": {"Text": {"Data": body, "Charset": "UTF-8"}}}})
        kwargs: dict[str, Any] = {"FromEmailAddress": self._sender, "Destination": {"ToAddresses": [to]},
                                  "Content": content}
        if self._configuration_set:
            kwargs["ConfigurationSetName"] = self._configuration_set
        return call_provider(lambda: self._client().send_email(**kwargs)["MessageId"], PERMANENT)


def _mime(sender: str, to: str, subject: str, body: str, attachments: Sequence[Attachment]) -> bytes:
    """A multipart message (the text, then each attachment): SES's Simple content has no files."""
    from email.message import EmailMessage  # only a message with attachments needs it

    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message.set_content(body, charset="utf-8")
    for a in attachments:
        maintype, _, rest = a.content_type.partition("/")
        subtype, *params = [p.strip() for p in rest.split(";")]
        extra = dict(p.split("=", 1) for p in params if "=" in p)
        message.add_attachment(a.content.encode("utf-8"), maintype=maintype, subtype=subtype,
                               filename=a.filename, params=extra)
    return message.as_bytes()

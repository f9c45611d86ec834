"""How a provider's failure is judged, as GOV.UK Notify's provider clients do: an AWS error code
(botocore's ClientError) is permanent or retryable by a list; a lost connection or a timeout
is retryable; anything else is a bug of ours and is not caught here."""
from __future__ import annotations

from typing import Callable, TypeVar

from botocore.exceptions import BotoCoreError, ClientError

from ..service_layer.ports import PermanentSendError, RetryableSendError

T = TypeVar("T")


def call_provider(send: Callable[[], T], permanent: frozenset[str]) -> T:
    """`send()`, with its AWS failures turned into SendErrors. A code in `permanent` can never
    succeed; any other code (throttling, 5xx, one we do not know, an access policy an operator
    can fix) is retried with backoff and counted, so that no message is given up early."""
    try:
        return send()
    except ClientError as exc:
        code = str(exc.response.get("Error", {}).get("Code", "ClientError"))
        if code in permanent:
            raise PermanentSendError(code) from exc
        raise RetryableSendError(code) from exc
    except BotoCoreError as exc:  # no connection, timeouts, a response cut off
        raise RetryableSendError(type(exc).__name__) from exc

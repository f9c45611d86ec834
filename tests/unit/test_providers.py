"""Provider failures judged as GOV.UK Notify judges them: an AWS error code is permanent or
retryable by its adapter's list; a lost connection is retryable; our own bug is not caught."""
import pytest
from botocore.exceptions import ClientError, ConnectTimeoutError, ReadTimeoutError

from chalicelib.adapters import ses_email, sns_sms
from chalicelib.adapters.ses_email import SesEmailSender
from chalicelib.adapters.sns_sms import SnsSmsSender
from chalicelib.service_layer.ports import PermanentSendError, RetryableSendError


class Raising:
    """A boto3 client stand-in whose send raises `error`."""

    def __init__(self, error):
        self.error = error

    def send_email(self, **_):
        raise self.error

    publish = send_email


def client_error(code):
    return ClientError({"Error": {"Code": code, "Message": "…"}}, "Send")


def senders(error):
    client = Raising(error)
    return [lambda: SesEmailSender("a@example.org", ses_client=lambda: client).send_email("b@example.org", "s", "b"),
            lambda: SnsSmsSender(sns_client=lambda: client).send_sms("+8613800138000", "b")]


@pytest.mark.parametrize("code", sorted(ses_email.PERMANENT))
def test_each_permanent_ses_code_is_permanent(code):
    with pytest.raises(PermanentSendError, match=code):
        senders(client_error(code))[0]()


@pytest.mark.parametrize("code", sorted(sns_sms.PERMANENT))
def test_each_permanent_sns_code_is_permanent(code):
    with pytest.raises(PermanentSendError, match=code):
        senders(client_error(code))[1]()


@pytest.mark.parametrize("error", [client_error("Throttling"), client_error("ServiceUnavailable"),
                                   client_error("AccessDeniedException"),  # an operator can fix it: retry
                                   ReadTimeoutError(endpoint_url="https://x"),
                                   ConnectTimeoutError(endpoint_url="https://x")])
def test_throttling_5xx_unknown_codes_and_lost_connections_are_retried(error):
    for send in senders(error):
        with pytest.raises(RetryableSendError):
            send()


def test_our_own_bug_is_not_turned_into_a_send_error():
    for send in senders(KeyError("MessageId")):
        with pytest.raises(KeyError):
            send()

"""SES v2 and SNS adapters against moto: sends land, errors are sorted retryable/permanent."""
import boto3
import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from chalicelib.adapters.ses_email import SesEmailSender
from chalicelib.adapters.sns_sms import SnsSmsSender
from chalicelib.service_layer.ports import PermanentSendError, RetryableSendError
from infra.local_aws import REGION

SENDER = "no-reply@portal.example.org"


@pytest.fixture
def ses(aws):
    client = boto3.client("sesv2")
    client.create_email_identity(EmailIdentity=SENDER)
    return client


def test_an_email_reaches_ses_with_utf8_subject_and_body(ses):
    sender = SesEmailSender(SENDER, ses_client=lambda: ses)
    message_id = sender.send_email("quality-station@example.org", "[SY1] 咨询", "问题：验收资料")
    sent = {m.id: m for m in ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages}
    assert sent[message_id].subject == "[SY1] 咨询" and "验收资料" in sent[message_id].body


def test_an_unverified_sender_is_a_permanent_failure(ses):
    sender = SesEmailSender("someone@elsewhere.example", ses_client=lambda: ses)
    with pytest.raises(PermanentSendError):
        sender.send_email("x@example.org", "s", "b")


def test_an_sms_reaches_sns_as_transactional(aws):
    client = boto3.client("sns")
    message_id = SnsSmsSender(sns_client=lambda: client).send_sms("+8613800138000", "申请编号SY1")
    assert sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages[message_id] == ("+8613800138000", "申请编号SY1")


def test_a_malformed_number_is_permanent_and_a_throttle_is_retryable(aws):
    client = boto3.client("sns")
    with pytest.raises(PermanentSendError):
        SnsSmsSender(sns_client=lambda: client).send_sms("+86abc", "x")

    class Throttled:
        def publish(self, **_):
            from botocore.exceptions import ClientError
            raise ClientError({"Error": {"Code": "Throttling", "Message": "Rate exceeded"}}, "Publish")

    with pytest.raises(RetryableSendError):
        SnsSmsSender(sns_client=lambda: Throttled()).send_sms("+8613800138000", "x")


def test_a_connection_failure_is_retryable(aws):
    from botocore.exceptions import EndpointConnectionError

    class Down:
        def send_email(self, **_):
            raise EndpointConnectionError(endpoint_url="https://email.example")

    with pytest.raises(RetryableSendError):
        SesEmailSender(SENDER, ses_client=lambda: Down()).send_email("x@example.org", "s", "b")

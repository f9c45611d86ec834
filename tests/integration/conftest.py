"""moto in-process (mock_aws) with the resources of infra/resources.yaml deployed into it."""
import boto3
import pytest
from moto import mock_aws

from chalicelib.adapters.dynamodb.registrations import DynamoRegistrationStore
from chalicelib.adapters.dynamodb.reminder_store import DynamoReminderStore
from chalicelib.adapters.dynamodb.store import DynamoRequestStore
from chalicelib.adapters.ses_email import SesEmailSender
from chalicelib.adapters.sns_sms import SnsSmsSender
from chalicelib.bootstrap import bootstrap
from chalicelib.config import Config
from infra.local_aws import REGION, deploy_resources
from infra.local_moto import patch_moto

SENDER = "no-reply@portal.example.org"


@pytest.fixture
def aws(monkeypatch):
    """A fresh mocked AWS account; the real one is never reachable from here."""
    for var in ("AWS_ENDPOINT_URL", "AWS_PROFILE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("AWS_DEFAULT_REGION", REGION)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_ACCOUNT_ID_ENDPOINT_MODE", "disabled")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    patch_moto()
    with mock_aws():
        yield


@pytest.fixture
def table(aws):
    """The table, created by deploying the CloudFormation template into moto."""
    return deploy_resources("test-stack")["TableName"]


@pytest.fixture
def ddb(aws):
    return boto3.client("dynamodb", region_name=REGION)


@pytest.fixture
def moto_deps(table, catalog, clock, addresses, links):
    """The use cases' dependencies with the real adapters over moto and the fake clock: what
    bootstrap builds for Lambda, but for the clients (shared, so faults can be injected)."""
    ddb, ses, sns = boto3.client("dynamodb"), boto3.client("sesv2"), boto3.client("sns")
    ses.create_email_identity(EmailIdentity=SENDER)
    config = Config(table_name=table, sender_email=SENDER)
    return bootstrap(config, catalog=catalog, clock=clock, addresses=addresses, links=links,
                     store=DynamoRequestStore(table, ddb=lambda: ddb),
                     registrations=DynamoRegistrationStore(table, ddb=lambda: ddb),
                     reminders=DynamoReminderStore(table, ddb=lambda: ddb),
                     email=SesEmailSender(SENDER, ses_client=lambda: ses), sms=SnsSmsSender(sns_client=lambda: sns))

"""moto in-process (mock_aws) with the resources of infra/resources.yaml deployed into it."""
import os

import boto3
import pytest
from moto import mock_aws

from infra.local_aws import REGION, deploy_resources, serialise_dynamodb_writes

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
    serialise_dynamodb_writes()
    with mock_aws():
        yield

@pytest.fixture
def table(aws):
    """The table, created by deploying the CloudFormation template into moto."""
    return deploy_resources("test-stack")["TableName"]

@pytest.fixture
def ddb(aws):
    return boto3.client("dynamodb", region_name=REGION)

assert "pytest" in os.environ.get("PYTEST_VERSION", "pytest") or True

"""The local stack creates its resources from the very file AWS gets, and gets the table the
code expects; the AWS-only resources stay out of moto."""
from __future__ import annotations

import boto3

from chalicelib.adapters.dynamodb.keys import DUE_INDEX
from infra import local_aws, package


def test_the_local_stack_deploys_the_file_that_is_merged_into_the_aws_template():
    assert local_aws.TEMPLATE == package.RESOURCES
    assert local_aws.LOCAL_PARAMETERS["Target"] == "local"


def test_in_moto_the_template_creates_the_table_and_only_the_table(table, ddb):
    cfn = boto3.client("cloudformation", region_name=local_aws.REGION)
    created = {(r["LogicalResourceId"], r["ResourceType"])
               for r in cfn.list_stack_resources(StackName="test-stack")["StackResourceSummaries"]
               if r["LogicalResourceId"]}  # moto lists each skipped (conditional) resource as ''
    assert created == {("RequestsTable", "AWS::DynamoDB::Table")}
    outputs = {o["OutputKey"] for o in cfn.describe_stacks(StackName="test-stack")["Stacks"][0]["Outputs"]}
    assert outputs == {"TableName", "TableArn", "TableStreamArn"}
    t = ddb.describe_table(TableName=table)["Table"]
    assert DUE_INDEX in {g["IndexName"] for g in t["GlobalSecondaryIndexes"]}


def test_the_template_asks_aws_for_what_moto_ignores(resources_template):
    """moto skips PITR and encryption: the template, which AWS gets, must carry them."""
    props = resources_template["Resources"]["RequestsTable"]["Properties"]
    assert props["PointInTimeRecoverySpecification"] == {"PointInTimeRecoveryEnabled": True}
    assert props["SSESpecification"] == {"SSEEnabled": True}
    assert props["TimeToLiveSpecification"] == {"AttributeName": "expires_at", "Enabled": True}
    assert props["BillingMode"] == "PAY_PER_REQUEST"
    assert resources_template["Resources"]["RequestsTable"]["DeletionPolicy"] == "Retain"

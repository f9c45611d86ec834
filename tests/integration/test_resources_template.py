"""The CloudFormation template, deployed into moto, gives the table the code expects."""
from chalicelib.adapters.dynamodb.keys import DUE_INDEX


def test_the_table_has_the_keys_indexes_stream_and_ttl_the_code_uses(table, ddb):
    t = ddb.describe_table(TableName=table)["Table"]
    assert {(k["AttributeName"], k["KeyType"]) for k in t["KeySchema"]} == {("pk", "HASH"), ("sk", "RANGE")}
    indexes = {g["IndexName"]: [k["AttributeName"] for k in g["KeySchema"]] for g in t["GlobalSecondaryIndexes"]}
    assert indexes == {"gsi1": ["gsi1pk", "gsi1sk"], "gsi2": ["gsi2pk", "gsi2sk"], DUE_INDEX: ["due_pk", "due_sk"]}
    assert t["StreamSpecification"] == {"StreamEnabled": True, "StreamViewType": "NEW_IMAGE"}
    assert t["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    ttl = ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    assert ttl["TimeToLiveStatus"] == "ENABLED" and ttl["AttributeName"] == "expires_at"

"""No 5xx for a stored request, against moto: a transaction that lands but whose reply is lost
(a read timeout after it, or botocore's retry of it meeting the write that landed) is answered
with the request it stored; throttling with nothing stored is Unavailable (a 503 with
Retry-After), and nothing is stored. The limits' counters live in the same transaction."""
import boto3
import pytest
from botocore.exceptions import ClientError, ReadTimeoutError

from chalicelib.adapters.dynamodb.keys import LIMIT
from chalicelib.service_layer.ports import Unavailable
from chalicelib.service_layer.public import submit
from tests.conftest import consultation
from tests.integration.faults import Faults


def _requests(ddb, table):
    return [i for i in ddb.scan(TableName=table)["Items"] if i["sk"]["S"] == "REQUEST"]


def _after_the_write(client, raise_):
    """Let the next TransactWriteItems land in moto, then lose its reply with `raise_(params)`."""
    calls = []

    def lose(params, **_):
        calls.append(params)
        if len(calls) == 1:
            raise raise_(params)
    client.meta.events.register("after-call.dynamodb.TransactWriteItems", lambda **kw: lose(kw["context"]["params"]))
    client.meta.events.register("before-parameter-build.dynamodb.TransactWriteItems",
                                lambda params, context, **_: context.update(params=dict(params)))
    return calls


def test_a_lost_reply_after_the_write_landed_answers_the_stored_request(moto_deps, ddb, table):
    client = moto_deps.store._ddb()
    _after_the_write(client, lambda params: ReadTimeoutError(endpoint_url="https://dynamodb.invalid"))
    request = submit(consultation(), moto_deps).request
    (stored,) = _requests(ddb, table)
    assert stored["tracking_no"]["S"] == request.tracking_no  # one request, the one answered


def test_the_sdks_retry_meeting_its_own_write_answers_the_stored_request(moto_deps, ddb, table):
    client = moto_deps.store._ddb()
    raw = boto3.client("dynamodb")

    def retried(params):  # what botocore's retry of the same call gets: its items exist now
        try:
            raw.transact_write_items(TransactItems=params["TransactItems"])
        except ClientError as exc:
            return exc
        raise AssertionError("the retry should have been refused")
    _after_the_write(client, retried)
    request = submit(consultation(), moto_deps).request  # no Idempotency-Key: once a 500 here
    (stored,) = _requests(ddb, table)
    assert stored["tracking_no"]["S"] == request.tracking_no


def test_throttling_stores_nothing_and_is_unavailable(moto_deps, ddb, table):
    Faults(moto_deps.store._ddb(), "TransactWriteItems", ["ProvisionedThroughputExceededException"] * 10)
    with pytest.raises(Unavailable):
        submit(consultation(), moto_deps)
    assert _requests(ddb, table) == []


def test_the_acknowledgement_sms_counter_is_written_with_the_request_and_expires(moto_deps, ddb, table):
    for _ in range(4):
        submit(consultation(), moto_deps)
    counters = [i for i in ddb.scan(TableName=table)["Items"] if i["pk"]["S"].startswith(LIMIT)]
    (sms,) = [c for c in counters if c["pk"]["S"].startswith(LIMIT + "ack-sms#")]
    assert sms["n"]["N"] == "3" and int(sms["expires_at"]["N"]) > 0 and "13800138000" not in str(sms)
    applicant_sms = [i for i in ddb.scan(TableName=table)["Items"]
                     if i["sk"]["S"].startswith("MSG#") and i["sk"]["S"].endswith(".applicant.sms")]
    assert len(applicant_sms) == 3 and len(_requests(ddb, table)) == 4

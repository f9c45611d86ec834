"""Submissions and the dispatcher against moto with faults injected into SES and SNS: nothing is
lost, nothing is sent twice, what keeps failing ends as `failed`; idempotency under concurrency."""
from concurrent.futures import ThreadPoolExecutor

import boto3
import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from chalicelib.adapters.dynamodb.items import to_message
from chalicelib.domain.outbox import Delivery
from chalicelib.service_layer.dispatch import Dispatcher
from chalicelib.service_layer.public import submit
from infra.local_aws import REGION
from tests.conftest import consultation
from tests.integration.faults import Faults


@pytest.fixture
def wired(moto_deps):
    """Real adapters over moto, the fake clock, and the boto3 clients to inject faults into."""
    return moto_deps, Dispatcher(moto_deps), moto_deps.email._client(), moto_deps.sms._client()


def _sent():
    ses = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages
    sms = sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages
    return len(ses), len(sms)


def _rows(deps, no):
    return {m.message_id: m for m in _messages(deps, no)}


def _messages(deps, no):
    items = boto3.client("dynamodb").query(
        TableName=deps.store._table, KeyConditionExpression="pk = :p AND begins_with(sk, :m)",
        ExpressionAttributeValues={":p": {"S": f"REQ#{no}"}, ":m": {"S": "MSG#"}})["Items"]
    return [to_message(i) for i in items]


def run_until_quiet(dispatcher, clock, rounds=12):
    for _ in range(rounds):
        dispatcher.dispatch_due()
        clock.advance(hours=1)


def test_with_ses_and_sns_down_nothing_is_lost_and_recovery_sends_each_exactly_once(wired, clock):
    deps, dispatcher, ses, sns = wired
    email_faults = Faults(ses, "SendEmail", ["Throttling", "ServiceUnavailable", "Throttling"])
    sms_faults = Faults(sns, "Publish", ["Throttling"] * 4)
    no = submit(consultation(), deps).request.tracking_no
    run_until_quiet(dispatcher, clock)
    rows = _rows(deps, no)
    assert all(m.status is Delivery.SENT for m in rows.values()), {k: m.status for k, m in rows.items()}
    assert _sent() == (2, 2)  # two emails (lead + district cc), two SMS (lead + applicant)
    assert email_faults.calls == 2 + 3 and sms_faults.calls == 2 + 4
    run_until_quiet(dispatcher, clock)
    assert _sent() == (2, 2)  # nothing goes out again


def test_a_rejected_address_fails_at_once_and_is_counted(wired, clock):
    deps, dispatcher, ses, _ = wired
    faults = Faults(ses, "SendEmail", ["MessageRejected"])
    no = submit(consultation(district=None), deps).request.tracking_no
    run_until_quiet(dispatcher, clock)
    failed = [m for m in _rows(deps, no).values() if m.status is Delivery.FAILED]
    assert len(failed) == 1 and failed[0].attempts == 1 and "MessageRejected" in failed[0].last_error
    assert faults.calls == 1 and dispatcher.counts["failed"] == 1


def test_an_outage_that_never_ends_leaves_the_message_failed_after_the_last_attempt(wired, clock):
    deps, dispatcher, _, sns = wired
    Faults(sns, "Publish", ["InternalError"] * 100)
    no = submit(consultation(district=None), deps).request.tracking_no
    run_until_quiet(dispatcher, clock, rounds=30)
    sms = [m for m in _rows(deps, no).values() if m.channel.value == "sms"]
    assert sms and all(m.status is Delivery.FAILED and m.attempts == 25 for m in sms)  # hourly, for 24 hours


def test_twenty_concurrent_identical_submissions_make_one_request(wired):
    deps, *_ = wired
    with ThreadPoolExecutor(max_workers=20) as pool:
        answers = list(pool.map(lambda _: submit(consultation(), deps, idempotency_key="same-click-0001"), range(20)))
    assert len({a.request.tracking_no for a in answers}) == 1
    items = boto3.client("dynamodb").scan(TableName=deps.store._table)["Items"]
    assert sum(i["sk"]["S"] == "REQUEST" for i in items) == 1

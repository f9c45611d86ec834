"""The fire-acceptance completion on the table (moto): the head's findings, the event and every
party's messages land in ONE transaction or not at all; the dispatcher sends each party's
message exactly once through SES and SNS, also under injected faults; the deliveries read back
per party (messages_of) as the workbench shows them."""
import pytest
from moto.core import DEFAULT_ACCOUNT_ID
from moto.ses.models import ses_backends
from moto.sns.models import sns_backends

from chalicelib.adapters.dynamodb import keys as k
from chalicelib.domain.officers import Officer, Role
from chalicelib.domain.outbox import Delivery
from chalicelib.service_layer import public, staff
from chalicelib.service_layer.dispatch import Dispatcher
from chalicelib.service_layer.findings import deliveries
from chalicelib.service_layer.ports import Contention
from infra.local_aws import REGION
from tests.integration.faults import Faults
from tests.integration.test_notices_store import partition
from tests.unit.test_parties import FINDINGS, fire_body

OFFICER = Officer("officer.fire-acceptance-division", "甲", Role.OFFICER, ("fire-acceptance-division",))
PARTY_MESSAGES = ["party-client.sms", "party-contractor.email", "party-contractor.sms", "party-designer.email",
                  "party-supervisor.email", "party-supervisor.sms"]
COMPLETE = {"action": "complete", "summary": "现场指导已完成。", "findings": FINDINGS}


@pytest.fixture
def no(moto_deps):
    """A fire-acceptance-service request in service (version 4)."""
    number = public.submit(fire_body(), moto_deps).request.tracking_no
    for body in ({"action": "accept"}, {"action": "assign", "assignee": OFFICER.username}, {"action": "start"}):
        staff.take_step(moto_deps.store.get(number), staff.parse_action(body), OFFICER.viewer(), moto_deps,
                        moto_deps.store.get)
    return number


def test_the_completion_writes_the_findings_its_event_and_every_partys_message_together(moto_deps, no, ddb, table):
    staff.act(OFFICER, no, COMPLETE, moto_deps)
    items = partition(ddb, table, no)
    assert items["REQUEST"]["findings"]["S"] == FINDINGS and items["REQUEST"]["status"]["S"] == "completed"
    assert items["EVENT#000005"]["action"]["S"] == "complete"
    sent = sorted(sk.split(".", 1)[1] for sk in items if sk.startswith("MSG#005-complete.party-"))
    assert sent == PARTY_MESSAGES
    assert moto_deps.store.get(no).findings == FINDINGS


def test_a_failed_transaction_leaves_nothing_of_the_completion(moto_deps, no, ddb, table):
    ddb.put_item(TableName=table, Item=k.message(no, "005-complete.party-designer.email") | {"body": k.s("planted")})
    before = partition(ddb, table, no)
    with pytest.raises(Contention):
        staff.act(OFFICER, no, COMPLETE, moto_deps)
    assert partition(ddb, table, no) == before and moto_deps.store.get(no).findings is None


def test_each_party_is_sent_exactly_once_through_ses_and_sns_faults(moto_deps, no, clock):
    dispatcher = Dispatcher(moto_deps)
    dispatcher.dispatch_due(limit=100)  # the earlier steps' messages
    ses, sns = moto_deps.email._client(), moto_deps.sms._client()
    before_mail = len(ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages)
    before_sms = len(sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages)
    staff.act(OFFICER, no, COMPLETE, moto_deps)
    email_faults = Faults(ses, "SendEmail", ["Throttling", "ServiceUnavailable"])
    sms_faults = Faults(sns, "Publish", ["Throttling"] * 3)
    for _ in range(12):
        dispatcher.dispatch_due(limit=100)
        clock.advance(hours=1)
    rows = {m.message_id.split(".", 1)[1]: m for m in deliveries(moto_deps.store.get(no), moto_deps)}
    assert sorted(rows) == PARTY_MESSAGES and all(m.status is Delivery.SENT for m in rows.values())
    mails = ses_backends[DEFAULT_ACCOUNT_ID][REGION].sent_messages[before_mail:]
    texts = list(sns_backends[DEFAULT_ACCOUNT_ID][REGION].sms_messages.values())[before_sms:]
    to = [d for m in mails for d in m.destinations["ToAddresses"]]
    for address in ("design@example.com", "site@example.com", "jl@example.test"):
        assert to.count(address) == 1, address
    numbers = [t[0] for t in texts]
    for number in ("+8613900139000", "+8613700137000", "+8613912345678"):
        assert numbers.count(number) == 1, number
    assert email_faults.calls >= 2 + 3 and sms_faults.calls >= 3 + 3  # the faults were met, then retried
    rows_again = deliveries(moto_deps.store.get(no), moto_deps)
    assert all(m.attempts >= 1 for m in rows_again)

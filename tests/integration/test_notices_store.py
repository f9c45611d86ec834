"""One-time notices on the table (moto): the notice, its event, the head's count and the
applicant's messages land in ONE transaction or not at all; an issued notice's item is never
written again, and a request reads back with its notices."""
import pytest

from chalicelib.adapters.dynamodb import keys as k
from chalicelib.domain.officers import Officer, Role
from chalicelib.service_layer import notices, public, staff
from chalicelib.service_layer.ports import Contention
from tests.conftest import consultation
from tests.unit.test_notices import item

OFFICER = Officer("officer.quality-station", "甲", Role.OFFICER, ("quality-station",))
COLLEAGUE = Officer("officer2.quality-station", "乙", Role.OFFICER, ("quality-station",))


@pytest.fixture
def no(moto_deps):
    """A consultation with an email, accepted by the quality station (version 2)."""
    number = public.submit(consultation(email="zhang@example.test"), moto_deps).request.tracking_no
    staff.act(OFFICER, number, {"action": "accept"}, moto_deps)
    return number


def partition(ddb, table, number):
    out = ddb.query(TableName=table, KeyConditionExpression="pk = :pk", ConsistentRead=True,
                    ExpressionAttributeValues={":pk": k.request_pk(number)})
    return {i["sk"]["S"]: i for i in out["Items"]}


def test_issuing_writes_the_notice_its_event_the_count_and_the_messages_together(moto_deps, no, ddb, table):
    _, notice = notices.issue(OFFICER, no, {"items": [item(1), item(2)]}, moto_deps)
    items = partition(ddb, table, no)
    assert items["NOTICE#001"]["officer"]["S"] == "officer.quality-station"
    assert items["REQUEST"]["notices_issued"]["N"] == "1" and items["REQUEST"]["version"]["N"] == "3"
    assert items["EVENT#000003"]["action"]["S"] == "issue_notice"
    sent = sorted(sk for sk in items if sk.startswith("MSG#003-issue_notice."))
    assert sent == ["MSG#003-issue_notice.applicant.email", "MSG#003-issue_notice.applicant.sms"]
    assert all(items[sk]["status"]["S"] == "pending" for sk in sent)  # the dispatcher sends them
    assert "竣工图第2册" in items["MSG#003-issue_notice.applicant.email"]["body"]["S"]
    assert moto_deps.store.get(no).notices == (notice,)


def test_a_failed_transaction_leaves_nothing_of_the_notice(moto_deps, no, ddb, table):
    # A message of the same id already stored: the transaction's condition on it fails, every time.
    ddb.put_item(TableName=table, Item=k.message(no, "003-issue_notice.applicant.sms") | {"body": k.s("planted")})
    before = partition(ddb, table, no)
    with pytest.raises(Contention):
        notices.issue(OFFICER, no, {"items": [item(1)]}, moto_deps)
    assert partition(ddb, table, no) == before
    assert moto_deps.store.get(no).notices == () and moto_deps.store.get(no).version == 2


def test_a_superseding_notice_is_a_new_item_and_the_first_is_never_written_again(moto_deps, no, ddb, table):
    notices.issue(OFFICER, no, {"items": [item(1)]}, moto_deps)
    first = partition(ddb, table, no)["NOTICE#001"]
    request, second = notices.issue(OFFICER, no, {"items": [item(1), item(2)], "replaces": 1}, moto_deps)
    items = partition(ddb, table, no)
    assert items["NOTICE#001"] == first and items["NOTICE#002"]["replaces"]["N"] == "1"
    assert items["REQUEST"]["notices_issued"]["N"] == "2"
    stored = moto_deps.store.get(no)
    assert [n.number for n in stored.notices] == [f"{no}-N01", f"{no}-N02"] and stored.notices[1] == second


def test_two_officers_issuing_at_once_cannot_both_issue_the_first_notice(moto_deps, no):
    stale = moto_deps.store.get(no)
    notices.issue(OFFICER, no, {"items": [item(1)]}, moto_deps)
    from chalicelib.domain.errors import InvalidRequest
    from chalicelib.service_layer.steps import parse_action, take_step

    params = parse_action({"action": "issue_notice", "items": [item(9)]})
    with pytest.raises(InvalidRequest) as info:  # judged again on what won: a notice is in force now
        take_step(stale, params, COLLEAGUE.viewer(), moto_deps, moto_deps.store.get)
    assert info.value.errors[0].field == "replaces"
    assert [n.officer for n in moto_deps.store.get(no).notices] == [OFFICER.username]

"""The table's key layout is defined once (adapters/dynamodb/keys.py): the stream filter that
infra/functions.yaml gives the dispatcher is the one keys.py derives, and, applied to the items
a real submission writes in moto, it lets through exactly the new outbox messages."""
import json

from chalicelib.adapters.dynamodb import keys
from chalicelib.service_layer.public import submit
from infra import package
from tests.conftest import consultation


def _stream_filters():
    glue = package.load_template(package.FUNCTIONS_GLUE)
    props = glue["Resources"]["OnOutboxRecord"]["Properties"]["Events"]["OnOutboxRecordDynamodbEventSource"]["Properties"]
    return [json.loads(pattern["Pattern"]) for pattern in props["FilterCriteria"]["Filters"]]


def _stream_filter():
    return _stream_filters()[0]


def _passes(pattern, record):
    """Lambda's event filtering, for the two rules the pattern uses: a value list and a prefix."""
    def match(rule, value):
        if isinstance(rule, dict):
            return isinstance(value, dict) and all(k in value and match(r, value[k]) for k, r in rule.items())
        return any(value.startswith(r["prefix"]) if isinstance(r, dict) else value == r for r in rule)
    return match(pattern, record)


def test_the_stream_filter_of_the_template_is_the_one_keys_py_derives():
    assert _stream_filters() == keys.stream_filters()
    assert _stream_filter() == keys.stream_filter()


def test_of_a_submissions_items_only_its_timeline_event_wakes_the_figures(moto_deps, ddb, table):
    request = submit(consultation(), moto_deps).request
    items = ddb.scan(TableName=table)["Items"]
    woken = [i for i in items if _passes(keys.figures_filter(), {"eventName": "INSERT", "dynamodb": {
        "Keys": {"pk": i["pk"], "sk": i["sk"]}}})]
    assert [i["sk"]["S"] for i in woken] == ["EVENT#000001"]
    assert {keys.event_of(i) for i in woken} == {request.tracking_no}


def test_of_a_submissions_items_only_its_messages_wake_the_dispatcher(moto_deps, ddb, table):
    request = submit(consultation(), moto_deps).request
    items = ddb.scan(TableName=table)["Items"]
    woken = [i for i in items if _passes(_stream_filter(), {"eventName": "INSERT", "dynamodb": {
        "Keys": {"pk": i["pk"], "sk": i["sk"]}}})]
    messages = [i for i in items if "message_id" in i]  # what only an outbox message carries
    assert sorted(map(str, woken)) == sorted(map(str, messages)) and len(messages) == 4
    assert {keys.message_of(i) for i in woken} == {(request.tracking_no, i["message_id"]["S"]) for i in messages}
    update = {"eventName": "MODIFY", "dynamodb": {"Keys": {"pk": woken[0]["pk"], "sk": woken[0]["sk"]}}}
    assert not _passes(_stream_filter(), update)  # a message marked sent wakes nobody

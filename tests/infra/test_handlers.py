"""The two AWS-only entry points of functions/app.py: the stream handler reports exactly the
records that failed (ReportBatchItemFailures), and the scheduled dispatcher drains a backlog
in bounded rounds."""
from __future__ import annotations


import pytest

from tests.infra.test_packaged_template import load_app_with_stream


def record(seq: str, sk: str, event: str = "INSERT", tracking: str = "T1") -> dict:
    return {"eventID": seq, "eventName": event, "eventSource": "aws:dynamodb", "awsRegion": "ap-northeast-1",
            "eventSourceARN": "arn:aws:dynamodb:ap-northeast-1:000000000000:table/t/stream/x",
            "dynamodb": {"SequenceNumber": seq, "SizeBytes": 1, "ApproximateCreationDateTime": 1767225600, "StreamViewType": "NEW_IMAGE",
                         "Keys": {"pk": {"S": f"REQ#{tracking}"}, "sk": {"S": sk}},
                         "NewImage": {"pk": {"S": f"REQ#{tracking}"}, "sk": {"S": sk}}}}


class Dispatcher:
    def __init__(self, failing: set[str] = frozenset(), due: list[int] = ()):
        self.failing, self.sent, self.due, self.rounds = failing, [], list(due), 0

    def dispatch_one(self, tracking_no: str, message_id: str):
        if message_id in self.failing:
            raise ConnectionError("DynamoDB unreachable")
        self.sent.append((tracking_no, message_id))
        return "sent"

    def dispatch_due(self, limit: int = 25) -> int:
        self.rounds += 1
        return self.due.pop(0) if self.due else 0


@pytest.fixture
def app(monkeypatch):
    module = load_app_with_stream(monkeypatch)
    return module


def run_stream(app, dispatcher, records):
    app._dispatcher = lambda: dispatcher
    return app.on_outbox_record({"Records": records}, None)


def test_only_the_failed_records_are_reported_back_to_the_stream(app):
    dispatcher = Dispatcher(failing={"m2"})
    result = run_stream(app, dispatcher, [record("100", "MSG#m1"), record("200", "MSG#m2"),
                                             record("300", "MSG#m3"), record("400", "REQUEST"),
                                             record("500", "MSG#m4", event="MODIFY")])
    assert result == {"batchItemFailures": [{"itemIdentifier": "200"}]}
    assert dispatcher.sent == [("T1", "m1"), ("T1", "m3")]  # request rows and updates ignored


def test_new_timeline_events_recount_their_requests_figures_and_a_failure_is_reported(app):
    counted = []

    def recount(tracking_no):
        if tracking_no == "T2":
            raise ConnectionError("DynamoDB unreachable")
        counted.append(tracking_no)
    app._recount = recount
    dispatcher = Dispatcher()
    result = run_stream(app, dispatcher, [record("1", "EVENT#000002"), record("2", "EVENT#000001", tracking="T2"),
                                          record("3", "EVENT#000003", event="MODIFY"), record("4", "MSG#a")])
    assert result == {"batchItemFailures": [{"itemIdentifier": "2"}]}
    assert counted == ["T1"] and dispatcher.sent == [("T1", "a")]


def test_a_clean_batch_reports_no_failure(app):
    result = run_stream(app, Dispatcher(), [record("1", "MSG#a")])
    assert result == {"batchItemFailures": []}


SCHEDULED = {"source": "aws.events", "detail-type": "Scheduled Event", "detail": {}, "time": "2026-01-01T00:00:00Z",
             "id": "1", "region": "x", "account": "1", "resources": [], "version": "0"}


def test_the_scheduled_run_records_the_reminders_owed_then_sends(app, caplog):
    order: list[str] = []
    backlog = Dispatcher(due=[3])
    backlog.dispatch_due = lambda limit=25: order.append("dispatch") or 0
    app._dispatcher = lambda: backlog
    app._remind = lambda: order.append("remind")
    app.dispatch_due_messages(SCHEDULED, None)
    assert order == ["remind", "dispatch"]

    def broken():
        raise ConnectionError("DynamoDB unreachable")
    order.clear()
    app._remind = broken
    app.dispatch_due_messages(SCHEDULED, None)
    assert order == ["dispatch"]  # a failed sweep never keeps the messages from going out
    assert "reminder sweep failed" in caplog.text


def test_the_scheduled_dispatcher_drains_a_backlog_in_bounded_rounds(app):
    app._remind = lambda: None
    backlog = Dispatcher(due=[25, 25, 3])
    app._dispatcher = lambda: backlog
    app.dispatch_due_messages({"source": "aws.events", "detail-type": "Scheduled Event", "detail": {},
                               "time": "2026-01-01T00:00:00Z", "id": "1", "region": "x", "account": "1",
                               "resources": [], "version": "0"}, None)
    assert backlog.rounds == 3
    endless = Dispatcher(due=[25] * 100)
    app._dispatcher = lambda: endless
    app.dispatch_due_messages({"source": "aws.events", "detail-type": "Scheduled Event", "detail": {},
                               "time": "2026-01-01T00:00:00Z", "id": "1", "region": "x", "account": "1",
                               "resources": [], "version": "0"}, None)
    assert endless.rounds == 10  # then the run ends; the next minute's run goes on

"""The Lambda entry module: the API's blueprints, one per audience, and the dispatcher's event
handlers (the table's stream and a schedule). Routes live in chalicelib/api/."""
from __future__ import annotations

import logging

from chalice import Chalice

from chalicelib.api import figures, interop, organiser, public, staff, trainings  # noqa: F401 - organiser, figures add routes
from chalicelib.bootstrap import deps
from chalicelib.config import stream_arn
from chalicelib.logs import install_masking

app = Chalice(app_name="proactive-service")
app.api.binary_types.append("application/pdf")  # the one-time notices (api/documents.py)
install_masking()
log = logging.getLogger("portal.api")
app.api.binary_types.append(organiser.XLSX)  # the attendance export: API Gateway passes it through as bytes
for audience in (public, staff, trainings, interop):
    app.register_blueprint(audience.blueprint)


def _dispatcher():
    from chalicelib.service_layer.dispatch import Dispatcher

    return Dispatcher(deps())


def _recount(tracking_no: str) -> None:
    from chalicelib.service_layer.figure_updates import refresh

    refresh(tracking_no, deps())


def _remind() -> None:
    from chalicelib.service_layer.reminders import send_reminders

    send_reminders(deps())


if (_STREAM_ARN := stream_arn()):  # in AWS the table's stream drives the dispatcher
    @app.on_dynamodb_record(stream_arn=_STREAM_ARN, batch_size=25)
    def on_outbox_record(event) -> dict:
        """Sends new outbox messages, and brings the figures' aggregates up to each new timeline
        event (service_layer/figure_updates.py: a replayed record changes nothing). Returns the
        records that failed (ReportBatchItemFailures), so that Lambda retries from the first of
        them instead of the whole batch; a record that keeps failing goes to the dead-letter
        queue, while its message stays pending for the scheduled dispatcher."""
        from chalicelib.adapters.dynamodb.keys import event_of, message_of

        dispatcher, failed = _dispatcher(), []
        for record in event:
            inserted = record.event_name == "INSERT"
            ids = message_of(record.keys or {}) if inserted else None
            counted = event_of(record.keys or {}) if inserted else None
            try:
                if ids is not None:
                    dispatcher.dispatch_one(*ids)
                elif counted is not None:
                    _recount(counted)
            except Exception:
                log.exception("dispatch failed; the stream retries this record")
                failed.append({"itemIdentifier": record.sequence_number})
        return {"batchItemFailures": failed}


@app.schedule("rate(1 minute)")
def dispatch_due_messages(event) -> None:
    """In AWS, records the reminders, escalations and follow-ups owed today (each once: their
    messages then go out through the stream like any other), and sends what the stream did not:
    retries whose backoff has elapsed, anything missed."""
    try:
        _remind()
    except Exception:  # never in the way of sending: the next run sweeps again
        log.exception("reminder sweep failed; the next run tries again")
    dispatcher = _dispatcher()
    for _ in range(10):  # at most 250 a run, well inside the timeout; the next run takes the rest
        if dispatcher.dispatch_due(limit=25) < 25:
            break

"""The table's key layout, in this one place: every adapter, the stream handler and the stream
filter of infra/functions.yaml (tests/integration/test_keys.py) read it from here.

    REQ#<tracking_no>   REQUEST                    the request (head item, with its version)
    REQ#<tracking_no>   EVENT#<seq>                one timeline event per write, in write order
    REQ#<tracking_no>   QUEUE#<dept>#<facet>       the request in a department's queue, once per
                                                   facet (domain/queue.py): gsi1 by lane, gsi2 by
                                                   running deadline (sparse)
    REQ#<tracking_no>   QUEUE#bureau#appeal=pending  the request in the supervisors' appeals list
                                                   (gsi1 DEPT#bureau#appeal=pending, by appeal
                                                   time) while its rating's appeal awaits a decision
    REQ#<tracking_no>   AUDIT#<at>#<id>            an entry of the audit trail (append-only)
    REQ#<tracking_no>   NOTICE#<seq>               a one-time notice (written once, never changed)
    REQ#<tracking_no>   MSG#<message_id>           an outbox message (due index while pending)
    REQ#<tracking_no>   REMIND#<kind>.<deadline>   a reminder, escalation or follow-up that was sent
                                                   (once: written with its messages, never again)
    REQ#<tracking_no>   FIGURES                    what the request has added to the figures'
                                                   aggregates (its contribution as of a version):
                                                   moved in the same transaction as the counters
    FIG#<department>    <slice>#<YYYY-MM>          a month of a department's figures under one slice
                                                   (all | service=<id> | stage=<id> | district=<id>
                                                   | officer=<username>): counters <name>@<DD> by
                                                   day, histograms of working days as counters
    FIG#<department>    <slice>#open               the slice's running deadlines (due@<date>: how
                                                   many run to that day), for "overdue now"
    FIG#bureau          all#<YYYY-MM>, all#open    the same, bureau-wide (each request once): the
                                                   public figures read only these
    REG#<registration>  REGISTRATION               a training registration (gsi1: its session's list)
    REG#<registration>  MSG#<message_id>           an outbox message of the registration
    TRAINING#<id>       SEATS                      the session's seat count (every registration's condition)
    TRAINING#<id>       MOBILE#<pseudonym>         a mobile's one registration for the session
    TRAINING#<id>       ORG#<uscc>                 the seats an organisation holds for the session
    TRAINING#<id>       WAIT#<arrival>             the waiting list, in arrival order
    EXPORT#<YYYY-MM>    AUDIT#<at>#<id>            an export of figures or of a request list (the
                                                   exports' audit trail, append-only, by month)
    IDEM#<key_hash>     IDEM                       an Idempotency-Key's record (expires by TTL)
    LIMIT#<kind>#<who>  <window start>             a limit's counter for one window (expires by TTL)
    REVOKED#<token id>  REVOKED                    a signed-out session's token (expires by TTL)
"""
from __future__ import annotations

from typing import Any

from ...domain.tokens import is_registration_no

REQUEST = "REQ#"
REGISTRATION = "REG#"
REGISTRATION_SK = "REGISTRATION"
TRAINING = "TRAINING#"
SEATS = "SEATS"
MOBILE = "MOBILE#"
ORGANISATION = "ORG#"
WAITING = "WAIT#"
HEAD = "REQUEST"
EVENT = "EVENT#"
QUEUE = "QUEUE#"
DEPARTMENT = "DEPT#"
MESSAGE = "MSG#"
IDEMPOTENCY = "IDEM#"
IDEMPOTENCY_SK = "IDEM"
DUE = "DUE"
QUEUE_INDEX = "gsi1"  # DEPT#<id>#<facet> → <lane>#<position date>#<created_at>#<tracking_no>
DEADLINE_INDEX = "gsi2"  # DEPT#<id>#<facet> → <deadline>#<tracking_no>, while a deadline runs
AUDIT = "AUDIT#"
NOTICE = "NOTICE#"
REMINDER = "REMIND#"
REVOKED = "REVOKED#"
DUE_INDEX = "due"  # DUE → <next_attempt_at>#<tracking_no>#<message_id>, sparse


def s(value: str) -> dict[str, str]:
    return {"S": value}


def request_pk(tracking_no: str) -> dict[str, str]:
    return s(REQUEST + tracking_no)


def head(tracking_no: str) -> dict[str, Any]:
    return {"pk": request_pk(tracking_no), "sk": s(HEAD)}


def event_sk(seq: int) -> dict[str, str]:
    return s(f"{EVENT}{seq:06d}")


def queue_sk(department: str, facet: str) -> dict[str, str]:
    return s(f"{QUEUE}{department}#{facet}")


def queue_pk(department: str, facet: str) -> dict[str, str]:
    """The partition of one department's queue, unfiltered ("all") or by one facet value."""
    return s(f"{DEPARTMENT}{department}#{facet}")


def queue_sort(lane: str, position: str, created: str, tracking_no: str) -> dict[str, str]:
    return s(f"{lane}#{position}#{created}#{tracking_no}")


def deadline_sort(deadline: str, tracking_no: str) -> dict[str, str]:
    return s(f"{deadline}#{tracking_no}")


def audit_sk(at: str, entry_id: str) -> dict[str, str]:
    return s(f"{AUDIT}{at}#{entry_id}")


def export_pk(month: str) -> dict[str, str]:
    return s(f"EXPORT#{month}")


def notice_sk(seq: int) -> dict[str, str]:
    return s(f"{NOTICE}{seq:03d}")


def reminder(tracking_no: str, key: str) -> dict[str, Any]:
    return {"pk": request_pk(tracking_no), "sk": s(REMINDER + key)}


def revoked(token_id: str) -> dict[str, Any]:
    return {"pk": s(REVOKED + token_id), "sk": s("REVOKED")}


def outbox_pk(owner: str) -> dict[str, str]:
    """The partition an outbox message lives in: its request's, or its registration's."""
    return s((REGISTRATION if is_registration_no(owner) else REQUEST) + owner)


def message(tracking_no: str, message_id: str) -> dict[str, Any]:
    return {"pk": outbox_pk(tracking_no), "sk": s(MESSAGE + message_id)}


def registration(registration_no: str) -> dict[str, Any]:
    return {"pk": s(REGISTRATION + registration_no), "sk": s(REGISTRATION_SK)}


def training_pk(training_id: str) -> dict[str, str]:
    return s(TRAINING + training_id)


def seats(training_id: str) -> dict[str, Any]:
    return {"pk": training_pk(training_id), "sk": s(SEATS)}


def mobile_hold(training_id: str, pseudonym: str) -> dict[str, Any]:
    return {"pk": training_pk(training_id), "sk": s(MOBILE + pseudonym)}


def organisation_seats(training_id: str, uscc: str) -> dict[str, Any]:
    return {"pk": training_pk(training_id), "sk": s(ORGANISATION + uscc)}


def waiting(training_id: str, arrival: int) -> dict[str, Any]:
    return {"pk": training_pk(training_id), "sk": s(f"{WAITING}{arrival:06d}")}


def session_sort(status: str, arrival: int) -> dict[str, str]:
    """gsi1's sort key of a registration in its session's list: by status, then arrival."""
    return s(f"{status}#{arrival:06d}")


def due_sort(due: str, tracking_no: str, message_id: str) -> dict[str, str]:
    return s(f"{due}#{tracking_no}#{message_id}")


def idempotency(key_hash: str) -> dict[str, Any]:
    return {"pk": s(IDEMPOTENCY + key_hash), "sk": s(IDEMPOTENCY_SK)}


LIMIT = "LIMIT#"
FIGURES = "FIG#"
FIGURES_MARKER = "FIGURES"


def figure_marker(tracking_no: str) -> dict[str, Any]:
    return {"pk": request_pk(tracking_no), "sk": s(FIGURES_MARKER)}


def figures_pk(department: str) -> dict[str, str]:
    return s(FIGURES + department)


def figure_sk(slice_: str, period: str) -> dict[str, str]:
    return s(f"{slice_}#{period}")


def figures(department: str, slice_: str, period: str) -> dict[str, Any]:
    return {"pk": figures_pk(department), "sk": figure_sk(slice_, period)}


def event_of(keys: dict[str, Any]) -> str | None:
    """The tracking number when these keys (of a stream record) are a timeline event's."""
    pk, sk = keys.get("pk", {}).get("S", ""), keys.get("sk", {}).get("S", "")
    return pk.removeprefix(REQUEST) if pk.startswith(REQUEST) and sk.startswith(EVENT) else None


def limit(kind: str, subject: str, window_start: str) -> dict[str, Any]:
    return {"pk": s(f"{LIMIT}{kind}#{subject}"), "sk": s(window_start)}


def tracking_no_of(item: dict[str, Any]) -> str:
    """The owner of an outbox message: a tracking number or a registration number."""
    return item["pk"]["S"].removeprefix(REQUEST).removeprefix(REGISTRATION)


def message_of(keys: dict[str, Any]) -> tuple[str, str] | None:
    """(tracking_no, message_id) when these keys (of an item or a stream record) are a message's."""
    pk, sk = keys.get("pk", {}).get("S", ""), keys.get("sk", {}).get("S", "")
    if pk.startswith((REQUEST, REGISTRATION)) and sk.startswith(MESSAGE):
        return pk.removeprefix(REQUEST).removeprefix(REGISTRATION), sk.removeprefix(MESSAGE)
    return None


def stream_filter() -> dict[str, Any]:
    """The event-source filter that wakes the stream dispatcher for new outbox messages."""
    return {"eventName": ["INSERT"], "dynamodb": {"Keys": {"sk": {"S": [{"prefix": MESSAGE}]}}}}


def figures_filter() -> dict[str, Any]:
    """… and the one for new timeline events, which the figures' aggregates follow."""
    return {"eventName": ["INSERT"], "dynamodb": {"Keys": {"pk": {"S": [{"prefix": REQUEST}]},
                                                           "sk": {"S": [{"prefix": EVENT}]}}}}


def stream_filters() -> list[dict[str, Any]]:
    """Every pattern of the stream handler's event source (infra/functions.yaml), any of which wakes it."""
    return [stream_filter(), figures_filter()]

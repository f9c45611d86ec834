"""Items of the single table (layout: keys.py) to and from the domain's objects."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from enum import Enum
from typing import Any

from ...domain.lifecycle import Status
from ...domain.notices import Notice, NoticeItem
from ...domain.outbox import Attachment, Channel, Delivery, OutboundMessage
from ...domain.request import ServiceRequest, TimelineEvent
from ...service_layer.ports import IdempotencyRecord
from . import keys as k


def iso(dt: datetime) -> str:
    """Fixed-width UTC timestamps, so that string order is time order in keys and conditions."""
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def attr(value: Any) -> dict[str, Any]:
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int):
        return {"N": str(value)}
    if isinstance(value, Enum):
        return {"S": str(value.value)}
    if isinstance(value, (tuple, list)):
        return {"L": [attr(v) for v in value]}
    return {"S": str(value)}


# The head's attribute of a request's field, where the two names differ.
HEAD_ATTRIBUTES = {"lead_departments": "lead", "cc_departments": "cc"}
_OPTIONAL = ("respond_by", "window", "assignee", "assignee_name", "complete_by", "paused_from", "paused_on",
             "arrived_on", "completed_on", "summary", "findings", "verify_by", "rectify_by")


def _strings(values: tuple[str, ...]) -> dict[str, Any]:
    return {"L": [k.s(v) for v in values]}


def request_items(r: ServiceRequest) -> list[dict[str, Any]]:
    """The head, its events and its queue entries: everything a new request writes."""
    head = k.head(r.tracking_no) | {
        "tracking_no": k.s(r.tracking_no), "token_hash": k.s(r.token_hash), "service": k.s(r.service),
        "stages": _strings(r.stages), "district": attr(r.district), "lead": _strings(r.lead_departments),
        "cc": _strings(r.cc_departments), "status": k.s(r.status.value), "version": attr(r.version),
        "created_at": k.s(iso(r.created_at)), "lang": k.s(r.lang),
        "form_json": k.s(json.dumps(r.form, ensure_ascii=False)),
        "ack_sms": attr(r.ack_sms), "notices_issued": attr(r.notices_issued),
        "rating_excluded": attr(r.rating_excluded),
    } | {name: attr(getattr(r, name)) for name in _OPTIONAL}
    return [head] + [event_item(r.tracking_no, e) for e in r.timeline] + [notice_item(n) for n in r.notices]


def notice_item(n: Notice) -> dict[str, Any]:
    """A notice as issued: its items as JSON, for it is read whole and never queried by part."""
    return {"pk": k.request_pk(n.tracking_no), "sk": k.notice_sk(n.seq), "seq": attr(n.seq),
            "issued_at": k.s(iso(n.issued_at)), "officer": k.s(n.officer), "officer_name": k.s(n.officer_name),
            "department": k.s(n.department), "replaces": attr(n.replaces),
            "items_json": k.s(json.dumps([i.model_dump() for i in n.items], ensure_ascii=False))}


def to_notice(tracking_no: str, item: dict[str, Any]) -> Notice:
    return Notice(tracking_no=tracking_no, seq=int(item["seq"]["N"]), issued_at=parse_iso(item["issued_at"]["S"]),
                  items=tuple(NoticeItem.model_validate(i) for i in json.loads(item["items_json"]["S"])),
                  officer=item["officer"]["S"], officer_name=item["officer_name"]["S"],
                  department=item["department"]["S"],
                  replaces=int(item["replaces"]["N"]) if "N" in item.get("replaces", {}) else None)


def event_item(tracking_no: str, e: TimelineEvent) -> dict[str, Any]:
    item = {"pk": k.request_pk(tracking_no), "sk": k.event_sk(e.seq), "seq": attr(e.seq),
            "status": k.s(e.status.value), "at": k.s(iso(e.at)), "action": k.s(e.action),
            "actor": k.s(e.actor), "note_zh": k.s(e.note_zh), "note_en": k.s(e.note_en)}
    for name in ("by", "by_name", "department"):
        if getattr(e, name):
            item[name] = k.s(getattr(e, name))
    if e.details:
        item["details_json"] = k.s(json.dumps(e.details, ensure_ascii=False))
    return item


def idempotency_item(rec: IdempotencyRecord) -> dict[str, Any]:
    return k.idempotency(rec.key_hash) | {
        "body_hash": k.s(rec.body_hash), "tracking_no": k.s(rec.tracking_no),
        "expires_at": {"N": str(int(rec.expires_at.timestamp()))}}


def to_idempotency(item: dict[str, Any]) -> IdempotencyRecord:
    return IdempotencyRecord(
        key_hash=item["pk"]["S"].removeprefix(k.IDEMPOTENCY), body_hash=item["body_hash"]["S"],
        tracking_no=item["tracking_no"]["S"],
        expires_at=datetime.fromtimestamp(int(item["expires_at"]["N"]), timezone.utc))


def message_item(m: OutboundMessage) -> dict[str, Any]:
    due = iso(m.next_attempt_at or m.created_at)
    files = {"attachments": {"L": [{"M": {"filename": k.s(a.filename), "content_type": k.s(a.content_type),
                                          "content": k.s(a.content)}} for a in m.attachments]}} if m.attachments else {}
    return k.message(m.tracking_no, m.message_id) | files | {
        "message_id": k.s(m.message_id), "channel": k.s(m.channel.value),
        "recipient": k.s(m.recipient), "audience": k.s(m.audience),
        "subject": k.s(m.subject), "body": k.s(m.body), "status": k.s(m.status.value),
        "attempts": attr(m.attempts), "created_at": k.s(iso(m.created_at)), "next_attempt_at": k.s(due),
        "due_pk": k.s(k.DUE), "due_sk": k.due_sort(due, m.tracking_no, m.message_id),
    }


def _s(item: dict[str, Any], key: str) -> str | None:
    return item[key]["S"] if key in item and "S" in item[key] else None


def to_message(item: dict[str, Any]) -> OutboundMessage:
    return OutboundMessage(
        tracking_no=k.tracking_no_of(item), message_id=item["message_id"]["S"],
        channel=Channel(_s(item, "channel")), recipient=_s(item, "recipient") or "",
        audience=_s(item, "audience") or "", subject=_s(item, "subject") or "", body=_s(item, "body") or "",
        created_at=parse_iso(item["created_at"]["S"]), status=Delivery(_s(item, "status")),
        attempts=int(item["attempts"]["N"]),
        next_attempt_at=parse_iso(n) if (n := _s(item, "next_attempt_at")) else None,
        provider_id=_s(item, "provider_id"), sent_at=parse_iso(t) if (t := _s(item, "sent_at")) else None,
        last_error=_s(item, "last_error"),
        attachments=tuple(Attachment(a["M"]["filename"]["S"], a["M"]["content_type"]["S"], a["M"]["content"]["S"])
                          for a in item.get("attachments", {}).get("L", [])))


def to_event(e: dict[str, Any]) -> TimelineEvent:
    return TimelineEvent(seq=int(e["seq"]["N"]), at=parse_iso(e["at"]["S"]), status=Status(e["status"]["S"]),
                         action=e["action"]["S"], actor=e["actor"]["S"], note_zh=e["note_zh"]["S"],
                         note_en=e["note_en"]["S"], by=_s(e, "by"), by_name=_s(e, "by_name"),
                         department=_s(e, "department"),
                         details=json.loads(d) if (d := _s(e, "details_json")) else {})


def to_request(items: list[dict[str, Any]]) -> ServiceRequest | None:
    head = next((i for i in items if i["sk"]["S"] == k.HEAD), None)
    if head is None:
        return None
    events = sorted((to_event(i) for i in items if i["sk"]["S"].startswith(k.EVENT)), key=lambda e: e.seq)
    notices = sorted((to_notice(head["tracking_no"]["S"], i) for i in items if i["sk"]["S"].startswith(k.NOTICE)),
                     key=lambda n: n.seq)
    strings = lambda name: tuple(x["S"] for x in head[name]["L"])  # noqa: E731
    return ServiceRequest(
        tracking_no=head["tracking_no"]["S"], token_hash=head["token_hash"]["S"], service=head["service"]["S"],
        stages=strings("stages"), district=_s(head, "district"), lead_departments=strings("lead"),
        cc_departments=strings("cc"), status=Status(head["status"]["S"]), version=int(head["version"]["N"]),
        created_at=parse_iso(head["created_at"]["S"]), form=json.loads(head["form_json"]["S"]),
        lang=head["lang"]["S"],
        rating=int(head["rating"]["N"]) if "N" in head.get("rating", {}) else None,
        rating_comment=_s(head, "rating_comment"), timeline=tuple(events),
        ack_sms=head.get("ack_sms", {}).get("BOOL", True), notices=tuple(notices),
        notices_issued=int(head["notices_issued"]["N"]) if "N" in head.get("notices_issued", {}) else 0,
        rating_excluded=head.get("rating_excluded", {}).get("BOOL", False),
        **{name: _s(head, name) for name in _OPTIONAL if name != "paused_from"},
        paused_from=Status(p) if (p := _s(head, "paused_from")) else None)

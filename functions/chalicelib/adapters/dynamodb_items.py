"""Single-table layout: a request, its timeline, department-queue entries and outbox messages
share the partition REQ#<tracking_no>. Pending messages also carry due_pk/due_sk, a sparse
index the dispatcher queries; department queues use gsi1 (DEPT#<id>, <status>#<time>)."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from ..domain.lifecycle import Status
from ..domain.model import Channel, Delivery, OutboundMessage, ServiceRequest, TimelineEvent
from ..domain.transitions import IdempotencyRecord

DUE = "DUE"


def iso(dt: datetime) -> str:
    """Fixed-width UTC timestamps, so that string order is time order in keys and conditions."""
    return dt.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def pk(tracking_no: str) -> dict[str, str]:
    return {"S": f"REQ#{tracking_no}"}


def request_items(r: ServiceRequest) -> list[dict[str, Any]]:
    created = iso(r.created_at)
    items = [{
        "pk": pk(r.tracking_no), "sk": {"S": "REQUEST"}, "tracking_no": {"S": r.tracking_no},
        "token_hash": {"S": r.token_hash}, "service": {"S": r.service},
        "stages": {"L": [{"S": s} for s in r.stages]},
        "district": {"S": r.district} if r.district else {"NULL": True},
        "lead": {"L": [{"S": d} for d in r.lead_departments]},
        "cc": {"L": [{"S": d} for d in r.cc_departments]},
        "status": {"S": r.status.value}, "created_at": {"S": created}, "lang": {"S": r.lang},
        "form_json": {"S": json.dumps(r.form, ensure_ascii=False)},
        "staff_key_hash": {"S": r.staff_key_hash},
        "respond_by": {"S": r.respond_by} if r.respond_by else {"NULL": True},
        "window": {"S": r.window} if r.window else {"NULL": True},
    }]
    items += [event_item(r.tracking_no, e, n) for n, e in enumerate(r.timeline)]
    for role, depts in (("lead", r.lead_departments), ("cc", r.cc_departments)):
        for dept in depts:
            items.append({"pk": pk(r.tracking_no), "sk": {"S": f"QUEUE#{dept}"},
                          "role": {"S": role}, "gsi1pk": {"S": f"DEPT#{dept}"},
                          "gsi1sk": {"S": f"{r.status.value}#{created}#{r.tracking_no}"}})
    return items


def event_item(tracking_no: str, e: TimelineEvent, n: int = 0) -> dict[str, Any]:
    return {"pk": pk(tracking_no), "sk": {"S": f"EVENT#{iso(e.at)}#{n:03d}"},
            "status": {"S": e.status.value}, "at": {"S": iso(e.at)},
            "note_zh": {"S": e.note_zh}, "note_en": {"S": e.note_en}}


def idempotency_item(rec: IdempotencyRecord) -> dict[str, Any]:
    return {"pk": {"S": f"IDEM#{rec.key_hash}"}, "sk": {"S": "IDEM"},
            "body_hash": {"S": rec.body_hash}, "tracking_no": {"S": rec.tracking_no},
            "response": {"S": json.dumps(rec.response, ensure_ascii=False)},
            "expires_at": {"N": str(int(rec.expires_at.timestamp()))}}


def to_idempotency(item: dict[str, Any]) -> IdempotencyRecord:
    return IdempotencyRecord(
        key_hash=item["pk"]["S"].removeprefix("IDEM#"), body_hash=item["body_hash"]["S"],
        tracking_no=item["tracking_no"]["S"], response=json.loads(item["response"]["S"]),
        expires_at=datetime.fromtimestamp(int(item["expires_at"]["N"]), timezone.utc))


def message_item(m: OutboundMessage) -> dict[str, Any]:
    due = iso(m.next_attempt_at or m.created_at)
    return {
        "pk": pk(m.tracking_no), "sk": {"S": f"MSG#{m.message_id}"},
        "message_id": {"S": m.message_id}, "channel": {"S": m.channel.value},
        "recipient": {"S": m.recipient}, "audience": {"S": m.audience},
        "subject": {"S": m.subject}, "body": {"S": m.body}, "status": {"S": m.status.value},
        "attempts": {"N": str(m.attempts)}, "created_at": {"S": iso(m.created_at)},
        "next_attempt_at": {"S": due},
        "due_pk": {"S": DUE}, "due_sk": {"S": f"{due}#{m.tracking_no}#{m.message_id}"},
    }


def to_message(item: dict[str, Any]) -> OutboundMessage:
    s = lambda k: item[k]["S"] if k in item and "S" in item[k] else None  # noqa: E731
    return OutboundMessage(
        tracking_no=item["pk"]["S"].removeprefix("REQ#"), message_id=item["message_id"]["S"],
        channel=Channel(s("channel")), recipient=s("recipient") or "", audience=s("audience") or "",
        subject=s("subject") or "", body=s("body") or "", created_at=parse_iso(s("created_at")),
        status=Delivery(s("status")), attempts=int(item["attempts"]["N"]),
        next_attempt_at=parse_iso(s("next_attempt_at")) if s("next_attempt_at") else None,
        provider_id=s("provider_id"), sent_at=parse_iso(s("sent_at")) if s("sent_at") else None,
        last_error=s("last_error"))


def to_request(items: list[dict[str, Any]]) -> ServiceRequest | None:
    head = next((i for i in items if i["sk"]["S"] == "REQUEST"), None)
    if head is None:
        return None
    events = sorted((i for i in items if i["sk"]["S"].startswith("EVENT#")), key=lambda i: i["sk"]["S"])
    return ServiceRequest(
        tracking_no=head["tracking_no"]["S"], token_hash=head["token_hash"]["S"],
        service=head["service"]["S"], stages=tuple(x["S"] for x in head["stages"]["L"]),
        district=head["district"].get("S"), lead_departments=tuple(x["S"] for x in head["lead"]["L"]),
        cc_departments=tuple(x["S"] for x in head["cc"]["L"]), status=Status(head["status"]["S"]),
        created_at=parse_iso(head["created_at"]["S"]), form=json.loads(head["form_json"]["S"]),
        lang=head["lang"]["S"], staff_key_hash=head.get("staff_key_hash", {}).get("S", ""),
        respond_by=head.get("respond_by", {}).get("S"), assignee=head.get("assignee", {}).get("S"),
        rating=int(head["rating"]["N"]) if "rating" in head else None,
        rating_comment=head.get("rating_comment", {}).get("S"), window=head.get("window", {}).get("S"),
        timeline=tuple(TimelineEvent(at=parse_iso(e["at"]["S"]), status=Status(e["status"]["S"]),
                                     note_zh=e["note_zh"]["S"], note_en=e["note_en"]["S"])
                       for e in events))

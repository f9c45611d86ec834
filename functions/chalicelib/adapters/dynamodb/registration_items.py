"""Training registrations and seat counts as items of the single table (layout: keys.py)."""
from __future__ import annotations

from typing import Any

from ...domain.registration import Registration, RegistrationStatus, SeatCount
from . import keys as k
from .items import attr, iso, parse_iso

_WHEN = ("promoted_at", "cancelled_at", "checked_in_at", "rated_at")
_RATING = ("rating", "rating_comment")  # set once, with rated_at (domain/training_rating.py)


def registration_item(r: Registration) -> dict[str, Any]:
    """The head of a registration; gsi1 lists it under its session by status and arrival."""
    return k.registration(r.registration_no) | {
        "registration_no": k.s(r.registration_no), "training_id": k.s(r.training_id), "arrival": attr(r.arrival),
        "seats": attr(r.seats), "status": k.s(r.status.value), "organisation": k.s(r.organisation),
        "uscc": k.s(r.uscc), "participant_name": k.s(r.participant_name), "mobile": k.s(r.mobile),
        "email": attr(r.email), "lang": k.s(r.lang), "token_hash": k.s(r.token_hash),
        "created_at": k.s(iso(r.created_at)), "version": attr(r.version),
        **{name: attr(iso(getattr(r, name)) if getattr(r, name) else None) for name in _WHEN},
        **{name: attr(getattr(r, name)) for name in _RATING},
        "gsi1pk": k.training_pk(r.training_id), "gsi1sk": k.session_sort(r.status.value, r.arrival)}


def to_registration(item: dict[str, Any]) -> Registration:
    def text(name: str) -> str | None:
        return item[name]["S"] if "S" in item.get(name, {}) else None

    def moment(name: str):
        value = text(name)
        return parse_iso(value) if value else None

    return Registration(
        registration_no=item["registration_no"]["S"], training_id=item["training_id"]["S"],
        arrival=int(item["arrival"]["N"]), seats=int(item["seats"]["N"]), status=RegistrationStatus(item["status"]["S"]),
        organisation=item["organisation"]["S"], uscc=item["uscc"]["S"], participant_name=item["participant_name"]["S"],
        mobile=item["mobile"]["S"], email=text("email"), lang=item["lang"]["S"], token_hash=item["token_hash"]["S"],
        created_at=parse_iso(item["created_at"]["S"]), version=int(item["version"]["N"]),
        promoted_at=moment("promoted_at"), cancelled_at=moment("cancelled_at"), checked_in_at=moment("checked_in_at"),
        rating=int(item["rating"]["N"]) if "N" in item.get("rating", {}) else None,
        rating_comment=text("rating_comment"), rated_at=moment("rated_at"))


def to_seat_count(item: dict[str, Any] | None) -> SeatCount:
    if not item:
        return SeatCount()
    return SeatCount(**{name: int(item[name]["N"]) for name in ("version", "arrivals", "taken", "waiting")})


def moved(table: str, before: Registration, after: Registration) -> dict[str, Any]:
    """The head's update from `before` to `after`, on the version it was judged on."""
    values = {":s": k.s(after.status.value), ":v": attr(after.version), ":was": attr(before.version),
              ":sort": k.session_sort(after.status.value, after.arrival)}
    sets = ["#s = :s", "version = :v", "gsi1sk = :sort"]
    for name in _WHEN:
        if getattr(after, name) != getattr(before, name):
            values[f":{name}"] = k.s(iso(getattr(after, name)))
            sets.append(f"{name} = :{name}")
    for name in _RATING:
        if getattr(after, name) != getattr(before, name) and getattr(after, name) is not None:
            values[f":{name}"] = attr(getattr(after, name))
            sets.append(f"{name} = :{name}")
    return {"Update": {"TableName": table, "Key": k.registration(after.registration_no),
                       "UpdateExpression": "SET " + ", ".join(sets), "ConditionExpression": "version = :was",
                       "ExpressionAttributeNames": {"#s": "status"}, "ExpressionAttributeValues": values}}


def counted(table: str, training_id: str, before: SeatCount, after: SeatCount, room: int | None = None) -> dict[str, Any]:
    """The seat count's update, conditioned on the version it was judged on and, for a write
    that takes seats, on the seats DynamoDB itself sees taken: never more than `room` before."""
    values = {":v": attr(after.version), ":a": attr(after.arrivals), ":t": attr(after.taken),
              ":w": attr(after.waiting)}
    if before.version == 0:
        condition = "attribute_not_exists(version)"
    else:
        condition, values[":was"] = "version = :was", attr(before.version)
        if room is not None:
            condition, values[":room"] = condition + " AND taken <= :room", attr(room)
    return {"Update": {"TableName": table, "Key": k.seats(training_id), "ConditionExpression": condition,
                       "UpdateExpression": "SET version = :v, arrivals = :a, taken = :t, waiting = :w",
                       "ExpressionAttributeValues": values,
                       # A lost race answers with the count that won: judged again without a read.
                       "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}}

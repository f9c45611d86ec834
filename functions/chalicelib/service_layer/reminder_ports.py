"""The interface the reminder sweep needs (service_layer/reminders.py): the deadlines and the
follow-ups that fall in a date range, read from the department queues' indexes, which
reminders a request has had, and the write that records one with its messages."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from ..domain.outbox import OutboundMessage
from ..domain.reminders import Reminder


@dataclass(frozen=True)
class Dated:
    """A request a department leads, with the date it was found by (its running deadline, or
    the day its follow-up falls due)."""

    tracking_no: str
    on: str


class ReminderStore(Protocol):
    def deadlines(self, department: str, since: str, until: str) -> list[Dated]:
        """The requests `department` leads whose running deadline is in [since, until] (ISO
        dates), by ONE index query over that range (paged only past 1 MB)."""

    def follow_ups(self, department: str, since: str, until: str) -> list[Dated]:
        """The completed, unrated requests `department` leads whose follow-up falls due in
        [since, until], by ONE index query over that range of the follow-up lane."""

    def sent(self, reminders: Sequence[Reminder]) -> set[Reminder]:
        """Those of `reminders` already recorded (a batched read of their records)."""

    def record(self, reminder: Reminder, messages: Sequence[OutboundMessage]) -> None:
        """Record `reminder` and add its messages to the outbox in ONE write, on the condition
        that it is not recorded yet: Conflict (and nothing written) if it is."""

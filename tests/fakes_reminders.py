"""An in-memory ReminderStore over a FakeStore (no I/O): its reads answer from the requests as
the DynamoDB indexes would (lead departments, running deadline or follow-up date in range), and
`record` checks and writes under the store's lock, as one conditional transaction."""
from __future__ import annotations

import threading

from chalicelib.domain.queue import follow_up_on
from chalicelib.domain.reminders import Reminder
from chalicelib.service_layer.ports import Conflict
from chalicelib.service_layer.reminder_ports import Dated


class FakeReminderStore:
    def __init__(self, store, follow_up_after: int = 5):
        self.store, self.follow_up = store, follow_up_after
        self.records: dict[tuple[str, str], Reminder] = {}
        self.reads: list[tuple[str, str, str, str]] = []  # (what, department, since, until) of each read

    def deadlines(self, department, since, until):
        self.reads.append(("deadlines", department, since, until))
        return sorted(Dated(r.tracking_no, r.due) for r in self.store.requests.values()
                      if department in r.lead_departments and r.due and since <= r.due <= until)

    def follow_ups(self, department, since, until):
        self.reads.append(("follow_ups", department, since, until))
        out = []
        for r in self.store.requests.values():
            on = follow_up_on(r, self.follow_up)
            if department in r.lead_departments and on and since <= on <= until:
                out.append(Dated(r.tracking_no, on))
        return sorted(out)

    def sent(self, reminders):
        return {r for r in reminders if (r.tracking_no, r.key) in self.records}

    def record(self, reminder, messages):
        with self.store._lock:
            if (reminder.tracking_no, reminder.key) in self.records or any(
                    (m.tracking_no, m.message_id) in self.store.messages for m in messages):
                raise Conflict("reminder recorded already")
            self.records[(reminder.tracking_no, reminder.key)] = reminder
            self.store.writes += 1
            for m in messages:
                self.store.messages[(m.tracking_no, m.message_id)] = m


class RacingReminders(FakeReminderStore):
    """Lets `parties` sweeps read that nothing was sent before any of them writes: the race two
    scheduler runs would have if they started together."""

    def __init__(self, store, parties: int, follow_up_after: int = 5):
        super().__init__(store, follow_up_after)
        self.barrier = threading.Barrier(parties, timeout=30)

    def sent(self, reminders):
        found = super().sent(reminders)
        self.barrier.wait()  # every run has read "not sent" before any records
        return found

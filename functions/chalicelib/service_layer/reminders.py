"""The reminder sweep, run by the scheduled dispatcher (app.py `dispatch_due_messages`; the
local stack's dispatcher loop, infra/local_dispatch.py) before it sends what is due: reminders
(催办) of deadlines due next, escalations (督办) of overdue ones to the department head and then
the supervisor, and the one follow-up SMS (回访) of a completed request left unrated.

They are recorded on working days only (on a rest day nobody reads them; the first working
day after sends what is owed). Each goes out once per deadline whatever the schedulers do: a reminder is recorded, on the
condition that it is not recorded yet, in the same transaction as its outbox messages; a second
run (or a concurrent one) that finds it recorded, or loses the condition, sends nothing.

Read cost of one sweep, whatever the size of the table: per department of the catalog, ONE
Query of the deadline index (gsi2, the department's unfiltered queue partition) over the
deadlines from `to_supervisor + CATCH_UP` working days ago to `before` working days ahead, and
ONE Query of the queue index (gsi1) over the follow-up lane's dates from CATCH_UP working days
ago to today; each reads only the entries in its range (the open requests near or past their
deadline, the unrated ones near their follow-up date). Then one BatchGetItem per 100 candidates
for their records, and for each reminder actually owed one read of its request and one
transaction. Never a Scan."""
from __future__ import annotations

import logging
from datetime import date, datetime

from ..domain.calendar import beijing_date, is_working_day
from ..domain.officers import Role
from ..domain.outbox import Channel
from ..domain.reminder_messages import Recipient, compose_follow_up, compose_reminder
from ..domain.reminders import Kind, Reminder, Thresholds, due_kinds, still_due
from ..domain.request import ServiceRequest
from ..i18n import Text
from .deps import Deps
from .ports import Conflict

log = logging.getLogger(__name__)


def send_reminders(deps: Deps, now: datetime | None = None) -> dict[str, int]:
    """Record every reminder owed today with its messages (which the dispatcher then sends);
    return how many of each kind this run recorded."""
    counts = {k.value: 0 for k in Kind}
    now = now or deps.clock.now()
    today, t = beijing_date(now), Thresholds.of(deps.catalog.standards)
    if deps.reminders is None or not is_working_day(today)[0]:  # a rest day: the next working day sends them
        return counts
    owed = _candidates(deps, today, t)
    done = deps.reminders.sent(owed) if owed else set()
    for reminder in owed:
        if reminder not in done and _send(reminder, deps, today, t, now):
            counts[reminder.kind.value] += 1
    return counts


def _candidates(deps: Deps, today: date, t: Thresholds) -> list[Reminder]:
    """What the indexes say may be owed today, once each (a request led by two departments is
    found in both partitions)."""
    since, until = (d.isoformat() for d in t.deadlines_read(today))
    f_since, f_until = (d.isoformat() for d in t.follow_ups_read(today))
    found: dict[Reminder, None] = {}
    for department in deps.catalog.departments:
        for entry in deps.reminders.deadlines(department.id, since, until):
            for kind in due_kinds(entry.on, today, t):
                found[Reminder(entry.tracking_no, kind, entry.on)] = None
        for entry in deps.reminders.follow_ups(department.id, f_since, f_until):
            found[Reminder(entry.tracking_no, Kind.FOLLOW_UP)] = None
    return list(found)


def _send(reminder: Reminder, deps: Deps, today: date, t: Thresholds, now: datetime) -> bool:
    """Judge the reminder on the request as it is now (the index may be a moment old), compose
    its messages, and record both in one conditional write; False if not owed or lost."""
    request = deps.store.get(reminder.tracking_no)
    if request is None or not still_due(request, reminder, today, t):
        return False
    if reminder.kind is Kind.FOLLOW_UP:
        messages = compose_follow_up(reminder, request, deps.catalog, deps.links, now)
    else:
        messages = compose_reminder(reminder, request, recipients(reminder.kind, request, deps), deps.catalog,
                                    deps.links, today, now)
    try:
        deps.reminders.record(reminder, messages)
    except Conflict:  # another run recorded it first: its messages are the ones sent
        return False
    log.info("%s of %s recorded (%d messages)", reminder.kind.value, reminder.tracking_no, len(messages))
    return True


def recipients(kind: Kind, r: ServiceRequest, deps: Deps) -> list[Recipient]:
    """A reminder goes to the assigned officer, else the lead departments; an escalation to the
    lead departments' heads, then to the supervisors, by email from the directory. Whoever the
    directory cannot name (no directory, nobody with an email) is reached through the lead
    departments' own addresses, whose messages say who they are meant for."""
    people = _people(kind, r, deps)
    if people:
        return people
    if kind is not Kind.REMINDER:
        log.warning("%s of %s: the directory names nobody to tell; sent to the lead departments", kind.value,
                    r.tracking_no)
    out = []
    for department in r.lead_departments:
        dept, address = deps.catalog.department(department), deps.addresses.of(department)
        name = _for(kind, dept.name)
        out += [Recipient(department, Channel.EMAIL, address.email, name),
                Recipient(department, Channel.SMS, address.mobile, name)]
    return out


def _people(kind: Kind, r: ServiceRequest, deps: Deps) -> list[Recipient]:
    directory = deps.directory
    if directory is None:
        return []
    if kind is Kind.REMINDER:
        who = [directory.officer(r.assignee)] if r.assignee else []
        label = "assignee"
    elif kind is Kind.TO_HEAD:
        who = [o for d in r.lead_departments for o in directory.officers(d) if o.role is Role.HEAD]
        label = "head"
    else:
        who = list(directory.supervisors())
        label = "supervisor"
    seen, out = set(), []
    for o in who:
        if o is None or not o.email or o.username in seen:
            continue
        seen.add(o.username)
        to = label if kind is Kind.REMINDER else f"{label}-{len(out) + 1}"
        out.append(Recipient(to, Channel.EMAIL, o.email, Text(zh=o.name, en=o.name)))
    return out


def _for(kind: Kind, department: Text) -> Text:
    """The greeting of a department's copy, saying whom it is for."""
    if kind is Kind.TO_HEAD:
        return Text(zh=f"{department.zh}（请转部门负责人）", en=f"{department.en} (for the department head)")
    if kind is Kind.TO_SUPERVISOR:
        return Text(zh=f"{department.zh}（抄报考核督查）", en=f"{department.en} (for the supervisor)")
    return department

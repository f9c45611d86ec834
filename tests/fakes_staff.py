"""In-memory fakes of the staff side's ports (no I/O): an identity provider whose tokens are
names in a dict, a directory, and a staff store whose queue reads the requests of a FakeStore
through the same lane and facet rules as the DynamoDB entries."""
from __future__ import annotations

from chalicelib.domain.officers import SUPERVISORS, Officer, Role, from_groups, group_name
from chalicelib.domain.queue import APPEALS, BUREAU, NEWEST_FIRST, Lane, appeal_awaiting, facets, lane_of, position
from chalicelib.service_layer.staff_ports import AuditEntry, QueueEntry, QueuePage, SignInFailed, Unauthorized


class FakeIdentity:
    """Verifier and directory in one: `people` {username: (name, groups)}; a user's token is
    "token-<username>"; `expired` tokens are refused like a stale JWT."""

    def __init__(self, people: dict[str, tuple[str, list[str]]], departments):
        self.people, self.departments, self.expired = people, tuple(departments), set()

    def verify(self, token: str) -> dict:
        username = token.removeprefix("token-")
        if not token.startswith("token-") or username not in self.people or token in self.expired:
            raise Unauthorized("fake")
        name, groups = self.people[username]
        return {"sub": username, "cognito:username": username, "name": name, "cognito:groups": groups,
                "jti": f"jti-{username}", "exp": 4102444800, "email": f"{username}@staff.example.org"}

    def sign_in(self, username: str, password: str) -> str:
        if username not in self.people or password != "right":
            raise SignInFailed()
        return f"token-{username}"

    def officer(self, username: str) -> Officer | None:
        if username not in self.people:
            return None
        name, groups = self.people[username]
        return from_groups(username, name, groups, self.departments, email=f"{username}@staff.example.org")

    def supervisors(self) -> list[Officer]:
        found = [self.officer(u) for u, (_, groups) in self.people.items() if SUPERVISORS in groups]
        return sorted((o for o in found if o), key=lambda o: o.name)

    def officers(self, department: str) -> list[Officer]:
        found = [self.officer(u) for u, (_, groups) in self.people.items()
                 if {group_name(department, Role.OFFICER), group_name(department, Role.HEAD)} & set(groups)]
        return sorted((o for o in found if o), key=lambda o: o.name)


class FakeStaffStore:
    def __init__(self, requests_store, follow_up_after: int = 5):
        self.store, self.follow_up = requests_store, follow_up_after
        self.entries: list[AuditEntry] = []
        self.export_entries: list[AuditEntry] = []
        self.signed_out: set[str] = set()

    def queue(self, department, facet, lane, today, limit, cursor):
        rows = []
        if (department, facet) == (BUREAU, APPEALS.key):  # the bureau's appeals list (queue_items.py)
            return self._appeals(limit, cursor)
        for r in self.store.requests.values():
            if department not in r.departments or facet not in {f.key for f in facets(r)}:
                continue
            if Lane(lane).by_deadline:
                hit = r.due is not None and (r.due < today if lane == Lane.OVERDUE else r.due == today)
                order = (r.due or "", r.tracking_no)
            else:
                hit = lane_of(r).value == lane and (not Lane(lane).until_today or position(r, self.follow_up) <= today)
                order = (position(r, self.follow_up), r.created_at.isoformat(), r.tracking_no)
            if hit:
                rows.append((order, r))
        rows.sort(key=lambda x: x[0], reverse=lane in {x.value for x in NEWEST_FIRST})
        start = int(cursor) if cursor else 0
        if cursor and not cursor.isdigit():
            raise ValueError("cursor")
        page = rows[start:start + limit]
        more = start + limit < len(rows)
        return QueuePage([QueueEntry(r.tracking_no, r.service, r.stages, r.district, r.status.value, r.created_at, r.due,
                                     r.assignee, r.assignee_name, r.form.get("organisation"), r.form.get("project_name"))
                          for _, r in page], str(start + limit) if more else None, read=len(page))

    def _appeals(self, limit, cursor):
        from chalicelib.adapters.dynamodb.items import iso  # the entry's own form of the time

        rows = sorted(((iso(a.at), iso(r.created_at), r.tracking_no, a.department or r.lead_departments[0]), r)
                      for r in self.store.requests.values() if (a := appeal_awaiting(r)))
        if cursor and not cursor.isdigit():
            raise ValueError("cursor")
        start = int(cursor) if cursor else 0
        page = rows[start:start + limit]
        return QueuePage([QueueEntry(r.tracking_no, r.service, r.stages, r.district, r.status.value, r.created_at,
                                     r.due, r.assignee, r.assignee_name, r.form.get("organisation"),
                                     r.form.get("project_name"), order[3], r.rating, order[0])
                          for order, r in page], str(start + limit) if start + limit < len(rows) else None,
                         read=len(page))

    def add_audit(self, entry: AuditEntry) -> None:
        self.entries.append(entry)

    def audit(self, tracking_no: str) -> list[AuditEntry]:
        return [e for e in self.entries if e.tracking_no == tracking_no]

    def add_export(self, entry: AuditEntry) -> None:
        self.export_entries.append(entry)

    def exports(self, month: str) -> list[AuditEntry]:
        return [e for e in self.export_entries if e.at.strftime("%Y-%m") == month]

    def department_entries(self, department):
        return [QueueEntry(r.tracking_no, r.service, r.stages, r.district, r.status.value, r.created_at, r.due,
                           r.assignee, r.assignee_name, r.form.get("organisation"), r.form.get("project_name"))
                for r in self.store.requests.values() if department in r.departments]

    def revoke(self, session, until) -> None:
        self.signed_out.add(session)

    def revoked(self, session) -> bool:
        return session in self.signed_out

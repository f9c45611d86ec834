"""Who works in the workbench: officers, department heads and supervisors, as the identity
provider's groups name them.

One group per department and role (`<department>.officer`, `<department>.head`) and one for
the bureau's assessment office (`supervisors`). The groups are made from the catalog
(infra/identity.py), and a signed-in officer is read back from a token's groups here, so the
two cannot drift. No I/O."""
from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Iterable

from ..i18n import Text
from .request import Viewer


class Role(str, Enum):
    OFFICER = "officer"        # serves the requests of their departments
    HEAD = "head"              # … and assigns and reassigns within them
    SUPERVISOR = "supervisor"  # reads every department; decides rating appeals only

    @property
    def label(self) -> Text:
        return ROLE_LABELS[self]


ROLE_LABELS = {
    Role.OFFICER: Text(zh="经办人员", en="Officer"),
    Role.HEAD: Text(zh="部门负责人", en="Department head"),
    Role.SUPERVISOR: Text(zh="绩效考核（督查）人员", en="Supervisor (assessment office)"),
}
SUPERVISORS = "supervisors"
_SEP = "."


def group_name(department: str, role: Role) -> str:
    """The identity provider's group of `role` in `department`."""
    return f"{department}{_SEP}{role.value}"


def groups_for(departments: Iterable[str]) -> list[str]:
    """Every group the portal uses, for the departments of the catalog."""
    return [group_name(d, r) for d in departments for r in (Role.OFFICER, Role.HEAD)] + [SUPERVISORS]


@dataclass(frozen=True)
class Officer:
    """A signed-in member of staff. `departments` are those they serve; `heads` those they head
    (a subset). A supervisor has neither and reads every department."""

    username: str
    name: str
    role: Role
    departments: tuple[str, ...] = ()
    heads: tuple[str, ...] = ()
    email: str | None = None
    session: str | None = None  # the token's id (jti), for signing out

    def viewer(self) -> Viewer:
        if self.role is Role.SUPERVISOR:
            return Viewer.supervisor(name=self.name, username=self.username)
        return Viewer.officer(self.departments, name=self.name, username=self.username, heads=self.heads)

    def serves(self, department: str) -> bool:
        return department in self.departments

    def may_read(self, department: str) -> bool:
        """Whether the officer may read `department`'s queue."""
        return self.role is Role.SUPERVISOR or self.serves(department)


def from_groups(username: str, name: str, groups: Iterable[str], known: Iterable[str],
                email: str | None = None, session: str | None = None) -> Officer | None:
    """The officer that `groups` make of a user; None when no group is the portal's (a user of
    the identity provider who is not staff of the portal). Groups of unknown departments are
    ignored, so a typo in a group grants nothing."""
    groups, departments = set(groups), set(known)
    if SUPERVISORS in groups:
        return Officer(username, name or username, Role.SUPERVISOR, email=email, session=session)
    serves, heads = [], []
    for group in sorted(groups):
        department, _, role = group.rpartition(_SEP)
        if department not in departments or role not in (Role.OFFICER.value, Role.HEAD.value):
            continue
        if department not in serves:
            serves.append(department)
        if role == Role.HEAD.value:
            heads.append(department)
    if not serves:
        return None
    return Officer(username, name or username, Role.HEAD if heads else Role.OFFICER, tuple(serves), tuple(heads),
                   email=email, session=session)

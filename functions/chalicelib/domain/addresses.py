"""Departments' notification addresses: configuration, never code. Read from a JSON/YAML
document `{department_id: {email: ..., mobile: ...}}` and checked against the catalog."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError

from ..catalog import Catalog
from .identifiers import normalise_mobile


class DepartmentAddress(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    email: str = Field(pattern=r"^[^@\s]+@[^@\s]+$")
    mobile: str


class AddressBook(RootModel[dict[str, DepartmentAddress]]):
    def of(self, department_id: str) -> DepartmentAddress:
        return self.root[department_id]


class AddressBookError(ValueError):
    """The address configuration is missing a department or holds a bad value."""


def parse_address_book(data: object, catalog: Catalog) -> AddressBook:
    try:
        book = AddressBook.model_validate(data)
    except ValidationError as exc:
        raise AddressBookError(f"department addresses: {exc}") from exc
    missing = [d.id for d in catalog.departments if d.id not in book.root]
    if missing:
        raise AddressBookError(f"department addresses: no entry for {', '.join(missing)}")
    normalised = {}
    for dept_id, addr in book.root.items():
        mobile = normalise_mobile(addr.mobile)
        if mobile is None:
            raise AddressBookError(f"department addresses: {dept_id}.mobile is not a mainland mobile")
        normalised[dept_id] = DepartmentAddress(email=addr.email, mobile=mobile)
    return AddressBook(normalised)

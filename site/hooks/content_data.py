"""Reads the editors' data files (content/data/*.yml), validates them against content_models and
the catalog, and fails naming the file, the entry and the field, so an editor knows what to fix."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from chalicelib.catalog import Catalog
from chalicelib.catalog.trainings import Training, TrainingsFile, unknown_references
from content_models import Contact, ContactsFile, FaqEntry, FaqFile
from pydantic import BaseModel, ValidationError


class ContentError(ValueError):
    """An editor's file is wrong; the message names the file and the field."""


@dataclass(frozen=True)
class ContentData:
    contacts: tuple[Contact, ...]
    trainings: tuple[Training, ...]
    faq: tuple[FaqEntry, ...]

    def contacts_of(self, department_id: str) -> tuple[Contact, ...]:
        return tuple(c for c in self.contacts if c.department == department_id)


def load_content(data_dir: Path, catalog: Catalog) -> ContentData:
    contacts = _read(data_dir / "contacts.yml", ContactsFile).contacts
    trainings = _read(data_dir / "trainings.yml", TrainingsFile).trainings
    faq = _read(data_dir / "faq.yml", FaqFile).entries
    _check(catalog, contacts, trainings, faq)
    return ContentData(contacts=contacts, trainings=tuple(sorted(trainings, key=lambda t: t.start)), faq=faq)


def _read(path: Path, model: type[BaseModel]) -> Any:
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"{rel_path(path)}: cannot read: {exc}") from None
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        raise ContentError(f"{rel_path(path)}: {describe_error(exc, raw)}") from None


def describe_error(exc: ValidationError, raw: Any) -> str:
    """`contacts[3] (id x): field `phone`: …` for the first error, in an editor's words."""
    first = exc.errors()[0]
    loc = list(first["loc"])
    where, node = "", raw
    # Walk `top-level key, index` so the message can name the entry by its id.
    while loc and isinstance(loc[0], str) and len(loc) > 1 and isinstance(loc[1], int):
        key, index = loc.pop(0), loc.pop(0)
        node = node.get(key, [])[index] if isinstance(node, dict) else None
        ident = node.get("id") if isinstance(node, dict) else None
        where += f"{key}[{index}]" + (f" (id {ident})" if ident else "") + ": "
    message = first["msg"].removeprefix("Value error, ")
    field = ".".join(str(p) for p in loc)
    return f"{where}field `{field}`: {message}" if field else f"{where}{message}"


def _check(catalog: Catalog, contacts, trainings, faq) -> None:
    stages = {s.id for s in catalog.stages}
    departments = {d.id for d in catalog.departments}
    for name, entries in (("contacts.yml", contacts), ("trainings.yml", trainings), ("faq.yml", faq)):
        seen: set[str] = set()
        for entry in entries:
            if entry.id in seen:
                raise ContentError(f"content/data/{name}: id `{entry.id}` appears twice")
            seen.add(entry.id)
    for c in contacts:
        _known("contacts.yml", c.id, "department", [c.department], departments)
        _known("contacts.yml", c.id, "window", [c.window] if c.window else [], {w.id for w in catalog.windows})
    for ident, field, value in unknown_references(trainings, catalog):
        raise ContentError(_unknown("trainings.yml", ident, field, value))
    for f in faq:
        _known("faq.yml", f.id, "stage", [f.stage], stages)
    # The contacts page promises a way to reach every department the catalog names.
    missing = [d.id for d in catalog.departments if not any(c.department == d.id for c in contacts)]
    if missing:
        raise ContentError(f"content/data/contacts.yml: no contact for department(s) {', '.join(missing)}")


def _known(file: str, owner: str, field: str, values, known: set[str]) -> None:
    for v in values:
        if v not in known:
            raise ContentError(_unknown(file, owner, field, v))


def _unknown(file: str, owner: str, field: str, value: str) -> str:
    return f"content/data/{file}: entry `{owner}`: field `{field}` names unknown id `{value}` (see content/catalog/)"


def rel_path(path: Path) -> str:
    """content/… as an editor knows the file (the absolute path when it is outside content/)."""
    parts = path.resolve().parts
    return "/".join(parts[parts.index("content"):]) if "content" in parts else str(path)

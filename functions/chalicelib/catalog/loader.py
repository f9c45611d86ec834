"""Reads content/catalog/*.yml, validates it, and fails loudly naming the file and the field."""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from .models import AcceptanceReferences, Catalog, Department, Documents, Service, ServiceStandards, Stage, Window

# Where the catalog lives: an explicit setting, the copy bundled into a Lambda package,
# or the repository's content/ folder (editors' domain) when running from a checkout.
_BUNDLED = Path(__file__).resolve().parent.parent / "catalog_data"
_REPO = Path(__file__).resolve().parents[3] / "content" / "catalog"

# libyaml's parser when present (it is in the Lambda package): several times faster at cold start.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_FILES: dict[str, type[BaseModel]] = {
    "stages": Stage, "departments": Department, "services": Service, "windows": Window,
}


class CatalogError(ValueError):
    """The catalog is broken; the message names the file and the field."""


def catalog_dir() -> Path:
    """The bundled copy in the Lambda package, else the repository's content/catalog."""
    return _BUNDLED if _BUNDLED.is_dir() else _REPO


@functools.lru_cache(maxsize=4)
def load_catalog(directory: Path | None = None) -> Catalog:
    directory = Path(directory or catalog_dir())
    parts: dict[str, Any] = {key: _read_list(directory / f"{key}.yml", key, model)
                             for key, model in _FILES.items()}
    parts["standards"] = _read_one(directory / "service-standards.yml", ServiceStandards)
    parts["documents"] = _read_one(directory / "documents.yml", Documents)
    if (directory / "acceptance-reference.yml").is_file():
        parts["acceptance"] = _read_one(directory / "acceptance-reference.yml", AcceptanceReferences)
    catalog = Catalog(**parts)
    _check_references(catalog)
    return catalog


def _read_list(path: Path, key: str, model: type[BaseModel]) -> tuple[Any, ...]:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: cannot read: {exc}") from exc
    if not isinstance(raw, dict) or not isinstance(raw.get(key), list):
        raise CatalogError(f"{path}: expected a top-level `{key}:` list")
    entries = []
    for index, item in enumerate(raw[key]):
        try:
            entries.append(model.model_validate(item))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            ident = item.get("id", "?") if isinstance(item, dict) else "?"
            raise CatalogError(f"{path.name}: {key}[{index}] (id {ident}): field `{where}`: "
                               f"{first['msg']}") from exc
    return tuple(entries)


def _read_one(path: Path, model: type[BaseModel]) -> Any:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 - a safe loader
        return model.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: cannot read: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise CatalogError(f"{path.name}: field `{where}`: {first['msg']}") from exc


def _check_references(c: Catalog) -> None:
    stage_ids = _unique("stages.yml", [s.id for s in c.stages])
    dept_ids = _unique("departments.yml", [d.id for d in c.departments])
    service_ids = _unique("services.yml", [s.id for s in c.services])
    _unique("windows.yml", [w.id for w in c.windows])
    _unique("departments.yml", [d.district for d in c.districts])
    for s in c.stages:
        _known("stages.yml", s.id, "lead_departments", s.lead_departments, dept_ids)
    for svc in c.services:
        if svc.stages != "any":
            _known("services.yml", svc.id, "stages", svc.stages, stage_ids)
        if svc.lead != "stage":
            _known("services.yml", svc.id, "lead", svc.lead, dept_ids)
        _known("services.yml", svc.id, "cc", svc.cc, dept_ids)
    _known("service-standards.yml", "first_contact_working_days", "service",
           tuple(c.standards.first_contact_working_days), service_ids)
    for w in c.windows:
        _known("windows.yml", w.id, "stage", (w.stage,), stage_ids)
        _known("windows.yml", w.id, "services", w.services, service_ids)
    if c.acceptance is not None:
        _known("acceptance-reference.yml", "references", "department",
               tuple(r.department for r in c.acceptance.references), dept_ids)


def _unique(file: str, ids: list[Any]) -> set[Any]:
    seen: set[Any] = set()
    for i in ids:
        if i in seen:
            raise CatalogError(f"{file}: id `{i}` appears twice")
        seen.add(i)
    return seen


def _known(file: str, owner: str, field: str, values: tuple[str, ...], known: set[str]) -> None:
    for v in values:
        if v not in known:
            raise CatalogError(f"{file}: entry `{owner}`: field `{field}` names unknown id `{v}`")

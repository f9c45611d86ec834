"""Officers' reply templates (content/catalog/reply-templates.yml): per service and action,
bilingual, with placeholders the workbench fills from the request (domain/replies.py). Read on
a staff detail's first call, never at cold start; validated in `make test` with messages that
name the file, the template and what is wrong."""
from __future__ import annotations

import functools
import string
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..i18n import Text
from .loader import CatalogError, catalog_dir, load_catalog

FILE = "reply-templates.yml"
# The placeholders a template may use, with what each is (the filler gives exactly these).
PLACEHOLDERS: dict[str, Text] = {
    "tracking_no": Text(zh="申请编号", en="tracking number"), "project_name": Text(zh="项目名称", en="project name"),
    "organisation": Text(zh="申请单位", en="applicant organisation"), "contact_name": Text(zh="联系人", en="contact person"),
    "service": Text(zh="服务事项", en="service"), "department": Text(zh="牵头部门", en="lead department"),
    "officer": Text(zh="经办人", en="officer"), "today": Text(zh="今天的日期", en="today's date"),
    "submitted_on": Text(zh="提交日期", en="date submitted"), "due": Text(zh="办理期限", en="deadline"),
}


class ReplyTemplate(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(pattern=r"^[a-z0-9-]+$", max_length=64)
    action: str
    field: str
    services: tuple[str, ...] | None = None  # None: every service
    sample: bool  # our wording (True), or the plan's own (False)
    label: Text
    text: Text

    def serves(self, service_id: str) -> bool:
        return self.services is None or service_id in self.services


class ReplyTemplates(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    note: Text
    templates: tuple[ReplyTemplate, ...]


def placeholders_of(text: str) -> set[str]:
    """The {names} a text uses ('{{' and '}}' are literal braces)."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@functools.lru_cache(maxsize=4)
def load_replies(directory: Path | None = None) -> ReplyTemplates:
    """The validated templates; CatalogError naming the template and the field otherwise."""
    path = Path(directory or catalog_dir()) / FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        replies = ReplyTemplates.model_validate(raw)
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{path}: cannot read: {exc}") from exc
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = [str(p) for p in first["loc"]]
        where = f"templates[{loc[1]}] (id {_id(raw, loc)}): field `{'.'.join(loc[2:])}`" if loc[:1] == ["templates"] \
            and len(loc) > 1 else f"field `{'.'.join(loc)}`"
        raise CatalogError(f"{FILE}: {where}: {first['msg']}") from exc
    _check(replies, {s.id for s in load_catalog(directory).services})
    return replies


def _id(raw: object, loc: list[str]) -> str:
    try:
        return str(raw["templates"][int(loc[1])].get("id", "?"))  # type: ignore[index]
    except (KeyError, IndexError, TypeError, ValueError, AttributeError):
        return "?"


def _check(replies: ReplyTemplates, services: set[str]) -> None:
    from ..domain.lifecycle import STEPS, Party

    staff = {s.action: s.params for s in STEPS if s.by & {Party.LEAD, Party.HEAD}}
    seen: set[str] = set()
    for t in replies.templates:
        where = f"{FILE}: template `{t.id}`"
        if t.id in seen:
            raise CatalogError(f"{where}: the id appears twice")
        seen.add(t.id)
        if t.action not in staff:
            raise CatalogError(f"{where}: unknown action `{t.action}` (an officer's step: {', '.join(sorted(staff))})")
        fields = _text_fields(staff[t.action])
        if t.field not in fields:
            raise CatalogError(f"{where}: action `{t.action}` has no text field `{t.field}` "
                               f"(its text fields: {', '.join(sorted(fields)) or 'none'})")
        for s in t.services or ():
            if s not in services:
                raise CatalogError(f"{where}: unknown service `{s}` (services.yml)")
        used = {lang: placeholders_of(getattr(t.text, lang)) for lang in ("zh", "en")}
        for lang, names in used.items():
            unknown = names - set(PLACEHOLDERS)
            if unknown:
                raise CatalogError(f"{where}: text.{lang}: unknown placeholder {{{sorted(unknown)[0]}}} "
                                   f"(known: {', '.join(PLACEHOLDERS)})")
        if used["zh"] != used["en"]:
            raise CatalogError(f"{where}: text.zh and text.en use different placeholders "
                               f"({sorted(used['zh'])} / {sorted(used['en'])}): both languages say the same thing")


def _text_fields(model: type[BaseModel]) -> set[str]:
    """The fields of free text of a step's body (a choice, a date or a number takes no template)."""
    out = set()
    for name, prop in model.model_json_schema()["properties"].items():
        kinds = [prop, *prop.get("anyOf", [])]
        if name != "action" and any(k.get("type") == "string" and "enum" not in k and "format" not in k
                                    and "x-source" not in prop for k in kinds):
            out.add(name)
    return out

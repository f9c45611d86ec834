"""Filling officers' reply templates (catalog/replies.py) from a request: ONE place gives every
placeholder its value in both languages, and the workbench gets the templates of the request's
service for the steps the officer may take now, filled, to edit before sending."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..catalog import Catalog
from ..catalog.replies import PLACEHOLDERS, ReplyTemplate, ReplyTemplates
from ..i18n import Text
from .request import ServiceRequest, Viewer


@dataclass(frozen=True)
class FilledReply:
    template: ReplyTemplate
    text: Text  # filled in both languages


def values(request: ServiceRequest, catalog: Catalog, officer: str, today: date) -> dict[str, Text | None]:
    """Every placeholder's value for `request` (None where the request has none)."""
    form = request.form
    same = lambda v: Text(zh=str(v), en=str(v)) if v else None  # noqa: E731 - a value in no language
    service = catalog.service(request.service).name
    leads = [catalog.department(d).name for d in request.lead_departments]
    department = Text(zh="、".join(n.zh for n in leads), en=", ".join(n.en for n in leads)) if leads else None
    out = {"tracking_no": same(request.tracking_no), "project_name": same(form.get("project_name")),
           "organisation": same(form.get("organisation")), "contact_name": same(form.get("contact_name")),
           "service": service, "department": department, "officer": same(officer),
           "today": same(today.isoformat()), "submitted_on": same(request.created_on), "due": same(request.due)}
    assert out.keys() == PLACEHOLDERS.keys(), "every placeholder has its value here"
    return out


def fill(text: Text, given: dict[str, Text | None]) -> Text:
    """`text` with each {placeholder} replaced; one the request lacks shows as its label in
    brackets (【项目名称】), for the officer to fill in. Values are never parsed again."""
    def one(lang: str) -> str:
        shown = {k: (v[lang] if v else (f"【{PLACEHOLDERS[k].zh}】" if lang == "zh" else f"[{PLACEHOLDERS[k].en}]"))
                 for k, v in given.items()}
        return getattr(text, lang).format_map(shown)
    return Text(zh=one("zh"), en=one("en"))


def offered(request: ServiceRequest, viewer: Viewer, replies: ReplyTemplates, catalog: Catalog,
            today: date) -> list[FilledReply]:
    """The templates of the request's service for the steps `viewer` may take now, filled."""
    allowed = {s.action for s in request.allowed_steps(viewer)}
    given = values(request, catalog, viewer.name or viewer.username or "", today)
    return [FilledReply(t, fill(t.text, given)) for t in replies.templates
            if t.action in allowed and t.serves(request.service)]

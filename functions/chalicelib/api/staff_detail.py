"""The staff detail's body (GET, and the answer to a step): the request as staff_presenters
shapes it, with the five responsible parties' deliveries (a service with findings) and the reply
templates of the steps the officer may take now, filled from the request (domain/replies.py)."""
from __future__ import annotations

from typing import Any

from ..i18n import Text
from .schemas import _Out


class ReplyOut(_Out):
    """A reply template for a step allowed now, filled from the request (both languages; the
    workbench puts the applicant's language into the step's `field`, editable)."""

    id: str
    action: str
    field: str
    label: Text
    text: Text
    sample: bool


class RepliesOut(_Out):
    lang: str  # the applicant's language: the one a reply is sent in
    note: Text  # what "sample" means
    items: list[ReplyOut]


def present_replies(request: Any, filled: list, note: Text) -> RepliesOut:
    return RepliesOut(lang=request.lang, note=note, items=[
        ReplyOut(id=f.template.id, action=f.template.action, field=f.template.field, label=f.template.label,
                 text=f.text, sample=f.template.sample) for f in filled])


def deliveries(request: Any, d: Any) -> Any:
    """The findings' messages to the responsible parties, for a service that has them (else None)."""
    from ..service_layer import findings

    return findings.deliveries(request, d)


def replies(request: Any, officer: Any, d: Any) -> RepliesOut:
    """The reply templates of the steps the officer may take now, filled from the request."""
    from ..catalog.replies import load_replies
    from ..domain.calendar import beijing_date
    from ..domain.replies import offered

    templates = load_replies()
    filled = offered(request, officer.viewer(), templates, d.catalog, beijing_date(d.clock.now()))
    return present_replies(request, filled, templates.note)


def detail(request: Any, officer: Any, d: Any, audit: Any = None) -> dict[str, Any]:
    """The staff detail body: the request, its parties' deliveries and its filled reply templates."""
    from . import staff_presenters as present

    return present.request(request, officer, d.catalog, audit, deliveries(request, d), replies(request, officer, d))

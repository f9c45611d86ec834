"""Catalog-driven blocks of the site: the stages at a glance, a stage's services.
(A stage's contacts need the contacts data file too: render_contacts.stage_contacts.)"""
from __future__ import annotations

from html import escape

from chalicelib.catalog import Catalog
from chalicelib.domain.forms import FORMS
from ui_common import COLON, SEP

_UI = {
    "zh": {"apply": "在线申请", "ask": "通过在线咨询提出", "lead": "牵头部门"},
    "en": {"apply": "Apply online", "ask": "Ask through the online consultation",
           "lead": "Lead department"},
}


def stages_overview(catalog: Catalog, lang: str, root: str) -> str:
    items = []
    for stage in catalog.stages:  # the <ol> numbers them
        names = SEP[lang].join(catalog.department(d).name[lang] for d in stage.lead_departments)
        items.append(
            f'<li><a href="{root}guides/{stage.id}/"><strong>{escape(stage.name[lang])}</strong></a>'
            f'<br><span class="portal-meta">{_UI[lang]["lead"]}{COLON[lang]}{escape(names)}</span></li>')
    return f'<ol class="portal-stages">{"".join(items)}</ol>'


def online_services(service_pages: set[str]) -> set[str]:
    """Services whose form is online: the API has its model AND the site has its page
    (written in content/<lang>/services/ or generated from the catalog), so a link never points
    at a page that is not there."""
    return {service_id for service_id in FORMS if service_id in service_pages}


def stage_services(catalog: Catalog, stage_id: str, lang: str, root: str, online: set[str]) -> str:
    stage = catalog.stage(stage_id)
    rows = []
    for service in catalog.services:
        if service.stages != "any" and stage.id not in service.stages:
            continue
        if service.id in online:
            href, action = f"{root}services/{service.id}/?stage={stage.id}", _UI[lang]["apply"]
        else:  # not yet online: the consultation form reaches the same lead department
            href, action = f"{root}services/consultation/?stage={stage.id}", _UI[lang]["ask"]
        rows.append(f'<li><strong>{escape(service.name[lang])}</strong> — {escape(service.summary[lang])}'
                    f' <a href="{escape(href)}">{action}</a></li>')
    return f'<ul class="portal-services">{"".join(rows)}</ul>'

"""Catalog-driven blocks of the site: the stages at a glance, a stage's services, contacts."""
from __future__ import annotations

from html import escape

from chalicelib.catalog import Catalog
from chalicelib.domain.forms import FORMS

_UI = {
    "zh": {"apply": "在线申请", "ask": "通过在线咨询提出", "guide": "办事指南", "lead": "牵头部门",
           "district": "属地区县建设行政主管部门参与（市区联动）"},
    "en": {"apply": "Apply online", "ask": "Ask through the online consultation", "guide": "Process guide",
           "lead": "Lead department", "district": "The district construction authority takes part (city-district linkage)"},
}


def stages_overview(catalog: Catalog, lang: str, root: str) -> str:
    items = []
    for n, stage in enumerate(catalog.stages, start=1):
        leads = "、".join if lang == "zh" else ", ".join
        names = leads(catalog.department(d).name[lang] for d in stage.lead_departments)
        items.append(
            f'<li><a href="{root}guides/{stage.id}/"><strong>{n}. {escape(stage.name[lang])}</strong></a>'
            f'<br><span class="portal-meta">{_UI[lang]["lead"]}: {escape(names)}</span></li>')
    return f'<ol class="portal-stages">{"".join(items)}</ol>'


def stage_services(catalog: Catalog, stage_id: str, lang: str, root: str) -> str:
    stage = catalog.stage(stage_id)
    rows = []
    for service in catalog.services:
        if service.stages != "any" and stage.id not in service.stages:
            continue
        if service.id in FORMS:
            href, action = f"{root}services/{service.id}/?stage={stage.id}", _UI[lang]["apply"]
        else:  # not yet online: the consultation form reaches the same lead department
            href, action = f"{root}services/consultation/?stage={stage.id}", _UI[lang]["ask"]
        rows.append(f'<li><strong>{escape(service.name[lang])}</strong> — {escape(service.summary[lang])}'
                    f' <a href="{escape(href)}">{action}</a></li>')
    return f'<ul class="portal-services">{"".join(rows)}</ul>'


def stage_contacts(catalog: Catalog, stage_id: str, lang: str, root: str) -> str:
    stage = catalog.stage(stage_id)
    sep = "、" if lang == "zh" else ", "
    leads = sep.join(catalog.department(d).name[lang] for d in stage.lead_departments)
    district = f"<br>{_UI[lang]['district']}" if stage.district_linkage else ""
    more = "全部联系方式" if lang == "zh" else "All contacts"
    return (f'<p class="portal-contacts"><strong>{_UI[lang]["lead"]}:</strong> {escape(leads)}{district}'
            f'<br><a href="{root}contacts/">{more}</a></p>')

"""Who hears of a request: the lead and cc departments, derived from the catalog alone."""
from __future__ import annotations

from dataclasses import dataclass

from ..catalog import Catalog
from .forms import ServiceForm


@dataclass(frozen=True)
class Route:
    lead: tuple[str, ...]
    cc: tuple[str, ...]


def route(catalog: Catalog, form: ServiceForm) -> Route:
    service = catalog.service(form.service)
    stages = form.stage_ids()  # a service led by its stage's department lets the applicant choose it
    if service.lead == "stage":
        lead = _unique(d for s in stages for d in catalog.stage(s).lead_departments)
    else:
        lead = tuple(service.lead)
    cc = list(service.cc)
    authority = _district_authority(catalog, form, stages)
    if authority:
        if service.district_authority == "lead":
            lead = _unique([*lead, authority])
        elif service.district_authority == "cc":
            cc.append(authority)
    return Route(lead=lead, cc=tuple(d for d in _unique(cc) if d not in lead))


def _district_authority(catalog: Catalog, form: ServiceForm, stages) -> str | None:
    service = catalog.service(form.service)
    district = form.district_id()
    if district is None or not form.district_takes_part():
        return None
    # A service open to every stage involves the district only where that stage links city
    # and district (quality supervision and acceptance); a stage-bound service always does.
    if service.stages == "any" and not any(catalog.stage(s).district_linkage for s in stages):
        return None
    return catalog.district_authority(district).id


def _unique(items) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))

"""Request bodies, one pydantic model per service of the catalog. `FORMS` maps a service id to
its model; the API validates with it, the site renders its form from it, OpenAPI shows it."""
from __future__ import annotations

from typing import Any

from .archive import ArchiveGuidanceForm, ArchivePreAcceptanceForm
from .base import ServiceForm
from .consultation import ConsultationForm, PermitPreConsultationForm
from .fire_acceptance import FireAcceptanceServiceForm
from .fire_design import (CityTechnicalSupportForm, CommitmentParallelReviewForm, ProjectStewardForm,
                          StagedTechnicalGuidanceForm)
from .quality import LiaisonAssistanceForm, PreAcceptanceForm, TrainingRequestForm

FORMS: dict[str, type[ServiceForm]] = {
    m.model_fields["service"].annotation.__args__[0]: m  # type: ignore[union-attr]
    for m in (ProjectStewardForm, CityTechnicalSupportForm, CommitmentParallelReviewForm,
              StagedTechnicalGuidanceForm, ConsultationForm, PermitPreConsultationForm,
              LiaisonAssistanceForm, TrainingRequestForm, PreAcceptanceForm,
              FireAcceptanceServiceForm, ArchiveGuidanceForm, ArchivePreAcceptanceForm)
}

# Shown elsewhere in the department's email (header lines), or not for the officer's eyes.
_NOT_IN_DETAILS = {"stage", "district", "website"}


def describe(service_id: str, form: dict[str, Any], lang: str = "zh") -> list[tuple[str, str]]:
    """(label, value) of each field past the applicant's own, choices shown by their name."""
    model = FORMS[service_id]
    yes_no = ("是", "否") if lang == "zh" else ("Yes", "No")
    sep = "、" if lang == "zh" else ", "
    rows = []
    for name, info in model.model_fields.items():
        value = form.get(name)
        if name in ServiceForm.model_fields or name in _NOT_IN_DETAILS or value in (None, "", []):
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        choices = extra.get("x-choices") or {}

        def show(v: Any) -> str:
            if isinstance(v, bool):
                return yes_no[0] if v else yes_no[1]
            return choices.get(v, {}).get(lang, str(v)) if isinstance(v, str) else str(v)

        shown = sep.join(show(v) for v in value) if isinstance(value, list) else show(value)
        rows.append((extra.get("x-label", {}).get(lang, name), shown))
    return rows


__all__ = ["FORMS", "ServiceForm", "describe"]

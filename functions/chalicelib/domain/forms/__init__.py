"""Request bodies, one pydantic model per service of the catalog. `FORMS` maps a service id to
its model; the API validates with it, the site renders its form from it, OpenAPI shows it."""
from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from .base import ServiceForm

# service id → (module, model). Models are built when first used: a cold start that submits
# one service pays for that service's model only.
_WHERE: dict[str, tuple[str, str]] = {
    "project-steward": ("fire_design", "ProjectStewardForm"),
    "city-technical-support": ("fire_design", "CityTechnicalSupportForm"),
    "commitment-parallel-review": ("fire_design", "CommitmentParallelReviewForm"),
    "staged-technical-guidance": ("fire_design", "StagedTechnicalGuidanceForm"),
    "consultation": ("consultation", "ConsultationForm"),
    "permit-pre-consultation": ("consultation", "PermitPreConsultationForm"),
    "liaison-assistance": ("quality", "LiaisonAssistanceForm"),
    "training-request": ("quality", "TrainingRequestForm"),
    "pre-acceptance": ("quality", "PreAcceptanceForm"),
    "fire-acceptance-service": ("fire_acceptance", "FireAcceptanceServiceForm"),
    "archive-guidance": ("archive", "ArchiveGuidanceForm"),
    "archive-pre-acceptance": ("archive", "ArchivePreAcceptanceForm"),
}


class _Forms(Mapping[str, type[ServiceForm]]):
    """A read-only mapping that imports a service's model on first access."""

    def __getitem__(self, service_id: str) -> type[ServiceForm]:
        module, name = _WHERE[service_id]
        model = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        assert model.model_fields["service"].annotation.__args__[0] == service_id  # type: ignore[union-attr]
        return model

    def __iter__(self) -> Iterator[str]:
        return iter(_WHERE)

    def __len__(self) -> int:
        return len(_WHERE)


FORMS: Mapping[str, type[ServiceForm]] = _Forms()

INDENT = "    "
# Shown elsewhere in the department's email (header lines), or not for the officer's eyes.
_NOT_IN_DETAILS = {"stage", "district", "website", "window", "window_key"}


def fields_of(service_id: str, form: dict[str, Any]) -> list[tuple[str, dict[str, str], dict[str, str]]]:
    """(name, label, value) of each field past the applicant's own, label and value in both
    languages: choices by their name, yes/no in words, lists joined as each language joins
    them; free text as the applicant wrote it."""
    model = FORMS[service_id]
    rows = []
    for name, info in model.model_fields.items():
        value = form.get(name)
        if name in ServiceForm.model_fields or name in _NOT_IN_DETAILS or value in (None, "", []):
            continue
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        choices = extra.get("x-choices") or {}
        shown = {}
        for lang, yes_no, sep in (("zh", ("是", "否"), "、"), ("en", ("Yes", "No"), ", ")):
            def show(v: Any) -> str:
                if isinstance(v, bool):
                    return yes_no[0] if v else yes_no[1]
                return choices.get(v, {}).get(lang, str(v)) if isinstance(v, str) else str(v)

            shown[lang] = sep.join(show(v) for v in value) if isinstance(value, list) else show(value)
        label = extra.get("x-label") or {"zh": name, "en": name}
        rows.append((name, {"zh": label.get("zh", name), "en": label.get("en", name)}, shown))
    return rows


def describe(service_id: str, form: dict[str, Any], lang: str) -> list[tuple[str, str]]:
    """(label, value) of each field past the applicant's own, in `lang` (fields_of)."""
    # Each further line of what the applicant wrote is indented under its label, so that no
    # line of theirs can stand at the margin where the bureau's own lines stand.
    return [(label[lang], value[lang].replace("\n", "\n" + INDENT)) for _, label, value in fields_of(service_id, form)]


__all__ = ["FORMS", "ServiceForm", "describe"]

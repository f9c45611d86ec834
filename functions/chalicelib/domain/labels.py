"""Labels, help and choices of a field in both languages, carried in the JSON schema (x-label,
x-help, x-choices, x-group), so the site's forms and the OpenAPI document read one description.
Imports nothing of the catalog: action bodies use it at cold start."""
from __future__ import annotations

from typing import Any, Literal

from pydantic import Field


def labelled(zh: str, en: str, *, help_zh: str = "", help_en: str = "", group: str = "request",
             choices: dict[str, dict[str, str]] | None = None, source: str | None = None,
             **kwargs: Any) -> Any:
    """A field with its label (and help, choices) in both languages, and the form section
    (`group`: request, project or applicant) the site shows it in."""
    extra: dict[str, Any] = {"x-label": {"zh": zh, "en": en}, "x-group": group}
    if help_zh or help_en:
        extra["x-help"] = {"zh": help_zh, "en": help_en}
    if choices:
        extra["x-choices"] = choices
    if source:  # options known only at run time or build time: "officers", "departments"
        extra["x-source"] = source
    return Field(json_schema_extra=extra, **kwargs)


def choices(**pairs: tuple[str, str]) -> dict[str, dict[str, str]]:
    """choices(site_visit=("现场", "On site")) → {"site-visit": {"zh": …, "en": …}}."""
    return {key.replace("_", "-"): {"zh": zh, "en": en} for key, (zh, en) in pairs.items()}


def one_of(options: dict[str, dict[str, str]]) -> Any:
    """The Literal type of a choices mapping, so the schema's enum and labels cannot drift."""
    return Literal[tuple(options)]  # type: ignore[valid-type]

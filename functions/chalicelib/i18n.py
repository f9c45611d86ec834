"""Bilingual text: every user-facing string in the portal exists in Chinese and English."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

Lang = Literal["zh", "en"]


class Text(BaseModel):
    """A string in both languages; neither may be empty."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def __getitem__(self, lang: Lang) -> str:
        return self.zh if lang == "zh" else self.en

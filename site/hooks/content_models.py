"""Schemas of what editors write: page front matter and the data files in content/data/ (the
trainings' model lives with the catalog, chalicelib/catalog/trainings.py, which the API reads too).

pydantic models, so a mistake is reported as `file: entry: field: what is wrong` (content_data.py
and frontmatter.py format the message). Catalog ids (stages, departments) are checked against the
catalog once the whole file is read, in content_data.py.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Literal

from chalicelib.i18n import Text
from pydantic import BaseModel, ConfigDict, Field, model_validator

Slug = Field(pattern=r"^[a-z][a-z0-9-]*[a-z0-9]$", max_length=64)
# A phone number as people write it: digits with optional +, spaces, dashes and an extension.
PHONE = r"^\+?[0-9][0-9 \-]{5,20}[0-9](\s*(转|ext\.?)\s*[0-9]{1,6})?$"
# Sample numbers use the exchange 0000 (024-0000-…): no Chinese local number starts with 0, so a
# sample can never ring a real line; a real entry that still carries one is an editing mistake.
SAMPLE_PHONE = re.compile(r"^0\d{2,3}-0000-")


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Contact(_Entry):
    """A published contact of a department (a division or a district construction authority)."""

    id: str = Slug
    department: str
    # true: every value below is a placeholder; or the list of the values that still are.
    sample: bool | tuple[Literal["phone", "hours", "address"], ...]
    desk: Text | None = None          # e.g. the Archives' building-works and municipal-works desks
    window: str | None = None         # a service window of the catalog (windows.yml) this contact staffs
    always_open: bool = False         # also listed under the always-open consultation (plan 4(1)5)
    phone: str = Field(pattern=PHONE)
    hours: Text
    address: Text | None = None
    note: Text | None = None

    def is_sample(self, field: str | None = None) -> bool:
        """Is this value (or, without a field, any value of the entry) still a sample?"""
        if isinstance(self.sample, bool):
            return self.sample
        return field in self.sample if field else bool(self.sample)

    @model_validator(mode="after")
    def _no_placeholder_in_real_entry(self) -> "Contact":
        if not self.is_sample("phone") and SAMPLE_PHONE.match(self.phone):
            raise ValueError("`phone` is still a sample number (0…-0000-…) but is not marked `sample`")
        return self


class FaqEntry(_Entry):
    """One entry of the problem list and solution list."""

    id: str = Slug
    stage: str
    question: Text
    answer: Text
    source: Text


class PageMeta(_Entry):
    """Front matter of a page. Unknown keys are refused so a typo (`titel:`) cannot pass."""

    title: str = Field(min_length=1, max_length=80)
    description: str = Field(min_length=10, max_length=300)
    # This page has no counterpart in the other language yet: the other build shows this one
    # with a banner (translations.py). Remove the key when the translation is added.
    translation: Literal["pending"] | None = None
    hide: tuple[Literal["navigation", "toc", "footer", "path", "tags"], ...] = ()
    search: dict[Literal["exclude", "boost"], bool | float] | None = None


class PostMeta(PageMeta):
    """Front matter of a news post (content/{zh,en}/news/posts/). See CONTRIBUTING for the date policy."""

    date: dt.date      # the day the explanation is published on the portal
    slug: str = Slug   # the post's address, news/<slug>/, the same in both languages


class ContactsFile(_Entry):
    contacts: tuple[Contact, ...]


class FaqFile(_Entry):
    entries: tuple[FaqEntry, ...]

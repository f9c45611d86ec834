"""Field kinds: ONE table of what each kind of field needs from a browser (its input type, its
keyboard, autofill) and how what people type or paste into it is normalised before any check.

A model names a field's kind; the JSON schema carries it (`x-kind`, with the browser hints as
`x-input` and the normalisation as `x-normalise` and `x-remove`). The server applies the same
steps before the length and format checks (`normaliser`), the site renders the hints and its
script applies the steps, so a code pasted as `9121 0100 MA0Y 9KQX 13` is read as one code by
both sides, and nothing is cut or refused for spaces the reader cannot see the point of.

Normalisation steps (each side implements these two words; the characters removed travel as data):
    nfkc   full-width letters, digits and punctuation as their ASCII forms (the server also
           reads the digits of other scripts as 0-9, domain/text.py)
    upper  capital letters
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"  # hyphen-minus and the dashes people paste


@dataclass(frozen=True)
class Kind:
    """How one kind of field is typed: `input` are its control's HTML attributes, `steps` and
    `remove` (a regular-expression character class) its normalisation."""

    input: dict[str, str] = field(default_factory=dict)
    steps: tuple[str, ...] = ()
    remove: str = ""
    multiline: bool = False  # a box for paragraphs, not a line


# Names of people other than the applicant, and the project's own address, take no autofill:
# a browser would fill in the applicant's own name or address.
KINDS: dict[str, Kind] = {
    "text": Kind({"type": "text"}),
    "multiline": Kind(multiline=True),
    "organisation": Kind({"type": "text", "autocomplete": "organization"}),
    "person-name": Kind({"type": "text", "autocomplete": "name"}),
    "other-person": Kind({"type": "text", "autocomplete": "off"}),
    "project-address": Kind({"type": "text", "autocomplete": "off"}),
    "email": Kind({"type": "email", "inputmode": "email", "autocomplete": "email", "autocapitalize": "off",
                   "spellcheck": "false"}, ("nfkc",), "\\s"),
    "mobile": Kind({"type": "tel", "inputmode": "tel", "autocomplete": "tel-national"}, ("nfkc",), f"[\\s{_DASHES}]"),
    # Another party's contact (the five responsible parties): the applicant's own is not autofilled.
    "other-mobile": Kind({"type": "tel", "inputmode": "tel", "autocomplete": "off"}, ("nfkc",), f"[\\s{_DASHES}]"),
    "other-email": Kind({"type": "email", "inputmode": "email", "autocomplete": "off", "autocapitalize": "off",
                         "spellcheck": "false"}, ("nfkc",), "\\s"),
    "uscc": Kind({"type": "text", "inputmode": "text", "autocomplete": "off", "autocapitalize": "characters",
                  "spellcheck": "false"}, ("nfkc", "upper"), f"[\\s{_DASHES}]"),
    "project-code": Kind({"type": "text", "autocomplete": "off", "spellcheck": "false"}, ("nfkc",), "\\s"),
}


def kind_schema(name: str) -> dict[str, Any]:
    """The JSON-schema keys of kind `name`, for a field's `json_schema_extra`."""
    kind = KINDS[name]
    out: dict[str, Any] = {"x-kind": name}
    if kind.input:
        out["x-input"] = dict(kind.input)
    if kind.steps:
        out["x-normalise"] = list(kind.steps)
    if kind.remove:
        out["x-remove"] = kind.remove
    return out


def normaliser(name: str) -> Callable[[object], object]:
    """The server's side of kind `name`'s normalisation, for a BeforeValidator."""
    from .text import ascii_digits  # nfkc, and other scripts' digits

    kind = KINDS[name]
    removed = re.compile(kind.remove) if kind.remove else None

    def normalise(value: object) -> object:
        if not isinstance(value, str):
            return value  # the field's own type check says what is wrong
        if "nfkc" in kind.steps:
            value = ascii_digits(value)
        if removed is not None:
            value = removed.sub("", str(value))
        return str(value).upper() if "upper" in kind.steps else value
    return normalise

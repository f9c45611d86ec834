"""What the portal accepts as text, and how it reads digits typed in other scripts.

A one-line field (a name, an organisation) takes no line break and no control character, so
that nothing typed into it can pass for a line of the bureau's own in an email; a long field
keeps its line breaks (and only those). Characters that change the direction or the look of
text without showing (bidirectional overrides, zero-width marks) are refused in both, and a
name made of nothing visible is no name. Digits typed full-width or in another script are read
as the digits they are, before a mobile number or a credit code is checked."""
from __future__ import annotations

import unicodedata

from .errors import rule_error

# Bidirectional embeddings, overrides and isolates: they reorder what a reader sees.
_BIDI = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
CONTROL = ("不能包含换行、制表等控制字符或不可见的方向控制字符。",
           "This cannot contain line breaks, tabs, other control characters or invisible direction marks.")
LONG_CONTROL = ("不能包含控制字符或不可见的方向控制字符（换行可以）。",
                "This cannot contain control characters or invisible direction marks (line breaks are fine).")
INVISIBLE = ("请填写可以看到的文字。", "Enter text that can be seen.")


def _refused(ch: str, multiline: bool) -> bool:
    if ch in _BIDI:
        return True
    if multiline and ch == "\n":
        return False
    return unicodedata.category(ch) in ("Cc", "Zl", "Zp")


def _visible(text: str) -> bool:
    return any(not ch.isspace() and unicodedata.category(ch) not in ("Cf", "Mn", "Me") for ch in text)


def one_line(value: str) -> str:
    """A name or a short text: no control characters at all; something visible in it."""
    if any(_refused(ch, multiline=False) for ch in value):
        raise rule_error(*CONTROL)
    if value and not _visible(value):
        raise rule_error(*INVISIBLE)
    return value


def many_lines(value: str) -> str:
    """A description: line breaks (\\r\\n read as \\n) and nothing else invisible."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    if any(_refused(ch, multiline=True) for ch in value):
        raise rule_error(*LONG_CONTROL)
    if value and not _visible(value):
        raise rule_error(*INVISIBLE)
    return value


def ascii_digits(value: object) -> object:
    """Full-width characters as their ASCII forms, and every decimal digit of any script
    (Arabic-Indic, Devanagari, …) as 0–9; anything else is left for the field's own check."""
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value)
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in text)


def _types():
    from typing import Annotated

    from pydantic import AfterValidator, Field

    from .kinds import kind_schema

    return (Annotated[str, AfterValidator(one_line), Field(json_schema_extra=kind_schema("text"))],
            Annotated[str, AfterValidator(many_lines), Field(json_schema_extra=kind_schema("multiline"))])


OneLine, ManyLines = _types()  # str types for fields: a name, a description

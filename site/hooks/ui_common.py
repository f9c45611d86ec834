"""Punctuation that differs between the two languages, used by every block the hook renders."""
from __future__ import annotations

COLON = {"zh": "：", "en": ": "}   # full-width colon in Chinese text
SEP = {"zh": "、", "en": ", "}     # enumeration comma
# Parentheses around a remark, and the one way each language writes a date and a time on the
# portal's pages: the ISO form the messages use (templates: 2026-12-04, 2026-12-02 14:05, Beijing time).
PAREN = {"zh": "（{}）", "en": " ({})"}
DATE_TIME = {"zh": "{y}-{m}-{d} {H}:{M}", "en": "{y}-{m}-{d} {H}:{M}"}

"""Punctuation that differs between the two languages, used by every block the hook renders."""
from __future__ import annotations

COLON = {"zh": "：", "en": ": "}   # full-width colon in Chinese text
SEP = {"zh": "、", "en": ", "}     # enumeration comma

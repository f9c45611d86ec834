"""Identifiers enterprises type: unified social credit code (GB 32100-2015) and mainland mobiles."""
from __future__ import annotations

import re

USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_VALUE = {ch: i for i, ch in enumerate(USCC_ALPHABET)}
_USCC_WEIGHTS = [pow(3, i, 31) for i in range(17)]
USCC_PATTERN = f"^[{USCC_ALPHABET}]{{18}}$"

MOBILE_PATTERN = r"^(\+?86[\s\-]?)?1[3-9]\d([\s\-]?\d){8}$"  # valid in Python, Rust and JS v-mode
_MOBILE_RE = re.compile(MOBILE_PATTERN)


def uscc_check_char(first17: str) -> str:
    """The check character of the first 17 characters of a USCC."""
    total = sum(_USCC_VALUE[ch] * w for ch, w in zip(first17, _USCC_WEIGHTS))
    return USCC_ALPHABET[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    if len(code) != 18 or any(ch not in _USCC_VALUE for ch in code):
        return False
    return uscc_check_char(code[:17]) == code[17]


def normalise_mobile(raw: str) -> str | None:
    """+86 E.164 form of a mainland mobile typed with optional +86, spaces or dashes; else None."""
    text = raw.strip()
    if not _MOBILE_RE.match(text):
        return None
    digits = re.sub(r"\D", "", text)
    return "+86" + digits[-11:]


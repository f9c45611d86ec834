"""Tracking numbers and the secrets that open a request.

An access token is derived from the tracking number with a server key (HMAC), so nothing
stores it: the table keeps only its hash, and a repeated submission can still be answered
with a working status link. Secrets travel in a link's fragment, never in a URL a server sees."""
from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote

# Crockford's base32 without I, L, O, U: unambiguous when read aloud or typed from an SMS.
_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def new_tracking_no(now: datetime) -> str:
    """SY + date + 10 random characters (50 bits): unguessable, and useless without the token."""
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"SY{now:%y%m%d}-{suffix}"


REGISTRATION_PREFIX = "TR"  # a training registration's number; a request's starts SY


def new_registration_no(now: datetime) -> str:
    """TR + date + 10 random characters: a training registration, told apart from a request."""
    suffix = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{REGISTRATION_PREFIX}{now:%y%m%d}-{suffix}"


def is_registration_no(text: str) -> bool:
    return text.startswith(REGISTRATION_PREFIX)


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_matches(token: str | None, token_hash: str) -> bool:
    if not token or not token_hash:
        return False
    return hmac.compare_digest(hash_token(token), token_hash)


_NO_SUCH_HASH = hash_token("no such request")


def opens(secret: str | None, token_hash: str | None) -> bool:
    """Whether `secret` opens a request with `token_hash`. An unknown request (None) is checked
    against a stand-in hash, so that unknown and wrong take the same work."""
    matches = token_matches(secret, token_hash or _NO_SUCH_HASH)
    return matches and token_hash is not None


_MISREAD = str.maketrans("ILO", "110")  # letters the alphabet leaves out, read as what they look like


def normalise_tracking_no(text: str) -> str:
    """A tracking number as people type it from an SMS or read it out: in any case, full-width,
    with spaces; in its random part an I or L is read as 1 and an O as 0 (Crockford's reading),
    since the alphabet has none of them."""
    text = "".join(unicodedata.normalize("NFKC", text).split()).upper()
    head, dash, tail = text.partition("-")
    return head + dash + tail.translate(_MISREAD) if dash else text


def plausible_tracking_no(text: str) -> bool:
    return 8 <= len(text) <= 40 and text.replace("-", "").isalnum()


@dataclass(frozen=True)
class Links:
    """Derives a request's secrets and the links that carry them."""

    base_url: str
    key: bytes

    def __post_init__(self) -> None:
        if len(self.key) < 16:
            raise ValueError("ACCESS_TOKEN_KEY must be at least 16 characters")

    def _derive(self, purpose: str, tracking_no: str) -> str:
        mac = hmac.new(self.key, f"{purpose}|{tracking_no}".encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(mac[:24]).decode()  # 24 bytes: 32 characters, no padding

    def access_token(self, tracking_no: str) -> str:
        """The applicant's secret (32 characters, 192 bits)."""
        return self._derive("access", tracking_no)

    def registration_token(self, registration_no: str) -> str:
        """The participant's secret of a training registration (its manage link)."""
        return self._derive("registration", registration_no)

    def findings_token(self, tracking_no: str, role: str) -> str:
        """A responsible party's secret of a request's findings: it opens them and nothing else."""
        return self._derive("findings", f"{tracking_no}|{role}")

    def findings_url(self, tracking_no: str, role: str, lang: str) -> str:
        """The findings page with the party's secret in the fragment, which no server ever sees."""
        return self.page_url(f"findings/#no={quote(tracking_no)}&party={quote(role)}"
                             f"&token={quote(self.findings_token(tracking_no, role))}", lang)

    def registration_url(self, registration_no: str, lang: str) -> str:
        """The manage page with the secret in the fragment, which no server ever sees."""
        prefix = "/en" if lang == "en" else ""
        return (f"{self.base_url.rstrip('/')}{prefix}/trainings/registration/"
                f"#no={quote(registration_no)}&token={quote(self.registration_token(registration_no))}")

    def pseudonym(self, kind: str, subject: str) -> str:
        """What a limit counts by, instead of a mobile number or an address (domain/limits.py)."""
        return hmac.new(self.key, f"limit|{kind}|{subject}".encode(), hashlib.sha256).hexdigest()[:32]

    def page_url(self, path: str, lang: str) -> str:
        """The address of a page of the site (`contacts/`) in `lang` (English lives under /en/)."""
        return f"{self.base_url.rstrip('/')}{'/en' if lang == 'en' else ''}/{path}"

    def status_url(self, tracking_no: str, lang: str) -> str:
        return self.page_url(f"status/#no={quote(tracking_no)}&token={quote(self.access_token(tracking_no))}", lang)

    def contacts_url(self, stage: str, lang: str) -> str:
        """The contacts of a stage's lead departments (the contacts page's section of the stage)."""
        return self.page_url(f"contacts/#{quote(stage)}", lang)

    def workbench_url(self, tracking_no: str, lang: str = "zh") -> str:
        """The request in the workbench: it asks for sign-in, and the link itself grants nothing."""
        prefix = "/en" if lang == "en" else ""
        return f"{self.base_url.rstrip('/')}{prefix}/staff/#request={quote(tracking_no)}"

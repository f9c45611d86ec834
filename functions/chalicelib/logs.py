"""Log hygiene: phone numbers and email addresses are masked in every log record, whichever
logger (ours, botocore's, Chalice's) writes it. Names are never passed to a logger at all;
tests check both."""
from __future__ import annotations

import logging
import re

_MOBILE = re.compile(r"(?<!\d)(\+?86[\s-]?)?(1[3-9]\d)((?:[\s-]?\d){4})((?:[\s-]?\d){4})(?!\d)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9.-]+\.[A-Za-z]{2,})")
_installed = False


def _mask_mobile(m: re.Match) -> str:
    return m[2] + "****" + re.sub(r"\D", "", m[4])


def mask(text: str) -> str:
    text = _MOBILE.sub(_mask_mobile, text)
    return _EMAIL.sub(r"***@\1", text)


def install_masking(level: int = logging.INFO) -> None:
    """Mask every record this process creates; keep AWS SDK chatter (which can echo request
    bodies at DEBUG) at WARNING."""
    global _installed
    if _installed:
        return
    _installed = True
    factory = logging.getLogRecordFactory()

    def masked_record(*args, **kwargs) -> logging.LogRecord:
        record = factory(*args, **kwargs)
        try:
            message = record.getMessage()
        except Exception:  # a malformed format string: leave it to logging's own error path
            return record
        record.msg, record.args = mask(message), ()
        return record

    logging.setLogRecordFactory(masked_record)
    logging.getLogger("portal").setLevel(level)
    for noisy in ("botocore", "boto3", "urllib3", "werkzeug"):
        logging.getLogger(noisy).setLevel(logging.WARNING)

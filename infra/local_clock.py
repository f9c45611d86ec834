"""The local stack's clock: the real time, moved by whole days at start
(LOCAL_CLOCK_OFFSET_DAYS, to watch reminders fall due) or to any time by a test through
POST /_local/clock {"now": "<ISO time>"} (null goes back to the start's offset). With it the
end-to-end tests register for a session before its deadline and then check in on its day,
over HTTP, without waiting months. Only the local stack has it; AWS runs the SystemClock."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone


class LocalClock:
    def __init__(self, days: int = 0) -> None:
        self._start = timedelta(days=days)
        self.offset = self._start

    def now(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def set(self, now: str | None) -> dict:
        """Move the clock so that it reads `now` (an ISO time with its offset); None: back to the start's."""
        if now is None:
            self.offset = self._start
        else:
            moment = datetime.fromisoformat(now)
            if moment.tzinfo is None:
                raise ValueError("give the time with its UTC offset")
            self.offset = moment - datetime.now(timezone.utc)
        return {"now": self.now().isoformat()}

"""Dates as Shenyang counts them: Beijing time, working days on the official holiday calendar."""
from __future__ import annotations

import calendar as _cal
import functools
import logging
from datetime import date, datetime, timedelta, timezone

log = logging.getLogger("portal.calendar")

BEIJING = timezone(timedelta(hours=8), "CST")  # China has no daylight saving time


def beijing_date(now: datetime) -> date:
    return now.astimezone(BEIJING).date()


def add_months(day: date, months: int) -> date:
    """The same day `months` later, clamped to the month's end (31 Dec + 2 → 28/29 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def is_working_day(day: date) -> tuple[bool, bool]:
    """(is it a working day, is that from the official calendar). Years the State Council has
    not announced yet fall back to Monday–Friday, and the second value says so."""
    try:
        import chinese_calendar

        return chinese_calendar.is_workday(day), True
    except (NotImplementedError, ImportError):
        _warn_unannounced(day.year)
        return day.weekday() < 5, False


@functools.lru_cache(maxsize=None)
def _warn_unannounced(year: int) -> None:
    """Said once per process and year: a deadline in that year counts Monday to Friday only
    (messages and pages say so beside the date: notifications.NOT_OFFICIAL)."""
    log.warning("the official holiday calendar of %d is not yet announced (chinese-calendar has no data): "
                "working days of %d are counted Monday to Friday", year, year)


def add_working_days(start: date, days: int) -> tuple[date, bool]:
    """The `days`-th working day after `start`, and whether only official data was used."""
    day, official, left = start, True, days
    while left > 0:
        day += timedelta(days=1)
        working, known = is_working_day(day)
        official = official and known
        left -= working
    return day, official


def officially_known(start: date, end: date | str) -> bool:
    """Whether the official holiday calendar covers every day after `start` up to `end`."""
    last = date.fromisoformat(end) if isinstance(end, str) else end
    day = start
    while day < last:
        day += timedelta(days=1)
        if not is_working_day(day)[1]:
            return False
    return True


def working_days_before(end: date, days: int) -> date:
    """The working day `days` working days before `end` (add_working_days back again)."""
    day, left = end, days
    while left > 0:
        day -= timedelta(days=1)
        left -= is_working_day(day)[0]
    return day


def working_days_between(start: date, end: date) -> int:
    """How many working days come after `start` up to and including `end` (0 if end ≤ start)."""
    day, count = start, 0
    while day < end:
        day += timedelta(days=1)
        count += is_working_day(day)[0]
    return count

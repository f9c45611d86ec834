"""What a figures request asks for: the date range (Beijing dates), the rows (by month,
department, service, district or officer) and at most one filter (stage, service or district),
checked with a clear error in both languages. No I/O."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from ..i18n import Text
from .calendar import add_months
from .errors import FieldError, InvalidRequest

BY = ("month", "department", "service", "district", "officer")
FILTERS = ("stage", "service", "district")
MAX_MONTHS = 36  # a read costs departments × months items: three years at most


@dataclass(frozen=True)
class FigureQuery:
    start: date
    end: date
    by: str = "month"
    filter: tuple[str, str] | None = None  # (kind, value)
    department: str | None = None  # one department, or every one the officer may read

    @property
    def slice(self) -> str:
        """The aggregates' slice this query reads: "all", or the filter's."""
        return f"{self.filter[0]}={self.filter[1]}" if self.filter else "all"

    def months(self) -> list[str]:
        """Every month the range touches, YYYY-MM, oldest first."""
        out, day = [], self.start.replace(day=1)
        while day <= self.end:
            out.append(day.strftime("%Y-%m"))
            day = add_months(day, 1)
        return out


def _error(name: str, zh: str, en: str) -> FieldError:
    return FieldError(name, Text(zh=zh, en=en))


def _date(raw: str | None, name: str, default: date, errors: list[FieldError]) -> date:
    if not raw:
        return default
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(_error(name, "日期格式应为 YYYY-MM-DD。", "Give the date as YYYY-MM-DD."))
        return default


def parse_query(params: Mapping[str, str], today: date, known: Mapping[str, set[str]]) -> FigureQuery:
    """The query of `params`; `known` holds the valid values of each filter (stage, service,
    district ids). InvalidRequest names every field that is wrong."""
    errors: list[FieldError] = []
    start = _date(params.get("from"), "from", today.replace(month=1, day=1), errors)
    end = _date(params.get("to"), "to", today, errors)
    if start > end:
        errors.append(_error("from", "开始日期不能晚于结束日期。", "The start date cannot be after the end date."))
    elif add_months(start, MAX_MONTHS) <= end:
        errors.append(_error("to", f"一次最多查询{MAX_MONTHS}个月。", f"Ask for at most {MAX_MONTHS} months at a time."))
    by = params.get("by") or "month"
    if by not in BY:
        errors.append(_error("by", "没有这种分组方式。", "No such grouping."))
    given = [(k, params[k]) for k in FILTERS if params.get(k)]
    if len(given) > 1:
        errors.append(_error("filter", "一次只能按一项筛选。", "Filter by one thing at a time."))
    elif given and given[0][1] not in known.get(given[0][0], set()):
        errors.append(_error(given[0][0], "没有这个筛选项。", "No such filter value."))
    elif given and by in ("service", "district", "officer"):
        errors.append(_error("by", "按服务、区县或人员分组时不能再筛选。",
                             "Rows by service, district or officer cannot be filtered as well."))
    if errors:
        raise InvalidRequest(errors)
    return FigureQuery(start, end, by, given[0] if given else None, params.get("department") or None)

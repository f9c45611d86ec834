"""The bureau-wide monthly figures of the public page (五（四）publicity): from the bureau's
aggregate partition only, so no department, officer or personal data is in reach."""
from __future__ import annotations

from typing import Any

from ..domain.calendar import add_months, beijing_date
from ..domain.figure_labels import PUBLIC, value
from ..domain.figure_sets import figure_set, sum_days
from ..domain.figures import BUREAU
from .deps import Deps

MONTHS = 12


def public_months(deps: Deps) -> list[dict[str, Any]]:
    """The last twelve months, oldest first (PublicMonthOut's fields)."""
    now = deps.clock.now()
    today = beijing_date(now)
    first = add_months(today.replace(day=1), 1 - MONTHS)
    items = deps.figures.slice_items(BUREAU, "all", first.strftime("%Y-%m"), today.strftime("%Y-%m"))
    by_month = dict(items.months)
    months = []
    for i in range(MONTHS):
        day = add_months(first, i)
        key = day.strftime("%Y-%m")
        f = figure_set(sum_days([(key, by_month.get(key, {}))], day, add_months(day, 1)), None)
        months.append({"month": key, **{name: value(f, path) for name, path in PUBLIC}})
    return months

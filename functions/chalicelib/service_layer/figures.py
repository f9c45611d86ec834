"""Reading the performance figures, scoped by the signed-in officer: supervisors read every
department, a department head or an officer their own departments (anything else is NotFound,
like a department that does not exist); the per-officer rows are for heads and supervisors.
Each read costs departments × (months + 1) items of the aggregates, never one per request."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Mapping

from ..domain.calendar import beijing_date
from ..domain.errors import NotFound
from ..domain.figure_query import FigureQuery, parse_query
from ..domain.figure_sets import overdue, sum_days
from ..domain.officers import Officer, Role
from .deps import Deps
from .figure_ports import SliceItems


@dataclass
class Row:
    key: str
    counts: Counter[str] = field(default_factory=Counter)
    overdue: int | None = 0


@dataclass(frozen=True)
class Figures:
    query: FigureQuery
    today: date
    departments: tuple[str, ...]
    total: Row
    rows: list[Row]


def readable(officer: Officer, deps: Deps) -> tuple[str, ...]:
    """The departments whose figures the officer reads, in catalog order."""
    every = tuple(d.id for d in deps.catalog.departments)
    return every if officer.role is Role.SUPERVISOR else tuple(d for d in every if officer.serves(d))


def known_filters(deps: Deps) -> dict[str, set[str]]:
    c = deps.catalog
    return {"stage": {s.id for s in c.stages}, "service": {s.id for s in c.services},
            "district": {d.district for d in c.districts if d.district}}


def scoped_query(officer: Officer, params: Mapping[str, str], deps: Deps) -> tuple[FigureQuery, tuple[str, ...], date]:
    """The query of `params` and the departments it reads; NotFound outside the officer's."""
    today = beijing_date(deps.clock.now())
    query = parse_query(params, today, known_filters(deps))
    mine = readable(officer, deps)
    if query.department is not None and query.department not in mine:
        raise NotFound()
    if query.by == "officer" and officer.role is Role.OFFICER:
        raise NotFound()
    return query, ((query.department,) if query.department else mine), today


def figures(officer: Officer, params: Mapping[str, str], deps: Deps) -> Figures:
    query, departments, today = scoped_query(officer, params, deps)
    return compute(query, departments, today, deps)


def compute(query: FigureQuery, departments: tuple[str, ...], today: date, deps: Deps) -> Figures:
    months = query.months()
    total, rows = Row("total"), {}
    if query.by in ("month", "department"):
        for department in departments:
            items = deps.figures.slice_items(department, query.slice, months[0], months[-1])
            _add(total, items, query, today)
            if query.by == "department":
                _add(rows.setdefault(department, Row(department)), items, query, today)
            else:
                for period, attrs in items.months:
                    row = rows.setdefault(period, Row(period, overdue=None))
                    row.counts += _in_range([(period, attrs)], query)
        ordered = [rows[d] for d in departments if d in rows] if query.by == "department" else \
            [rows.get(m) or Row(m, overdue=None) for m in months]
    else:
        for department in departments:
            by_value = deps.figures.slices_of(department, query.by)
            _add(total, deps.figures.slice_items(department, "all", months[0], months[-1]), query, today)
            for value, items in by_value.items():
                _add(rows.setdefault(value, Row(value)), items, query, today)
        ordered = sorted(rows.values(), key=lambda r: r.key)
    return Figures(query, today, departments, total, ordered)


def _in_range(months: list[tuple[str, Mapping[str, int]]], query: FigureQuery) -> Counter[str]:
    return sum_days(months, query.start, query.end)


def _add(row: Row, items: SliceItems, query: FigureQuery, today: date) -> None:
    row.counts += _in_range(items.months, query)
    if row.overdue is not None:
        row.overdue += overdue(items.open, today)


def officer_names(f: Figures, deps: Deps) -> dict[str, str]:
    """The names of the officers the rows by officer show (the aggregates hold usernames)."""
    if f.query.by != "officer" or deps.directory is None:
        return {}
    return {o.username: o.name for d in f.departments for o in deps.directory.officers(d)}

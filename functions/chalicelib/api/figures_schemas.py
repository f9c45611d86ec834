"""Response bodies of the performance figures (绩效考核): the staff dashboard's, and the public
page's bureau-wide monthly figures. Rates are fractions 0..1, null when nothing was counted
(no denominator), never a made-up 0. Working days are counted on the official holiday calendar."""
from __future__ import annotations

from typing import Literal

from ..i18n import Text
from .schemas import Named, _Out

BY = ("month", "department", "service", "district", "officer")  # the rows a figures table can have
FILTERS = ("stage", "service", "district")  # at most one at a time (as the queue's facets)


class TimelinessOut(_Out):
    """First contact or completion: how many were made in the period, how many by their
    working-day deadline, and how long they took (working days, pauses for 补正 not counted)."""

    count: int
    on_time: int
    on_time_rate: float | None
    average_working_days: float | None
    p90_working_days: int | None  # the 90th percentile, from the histogram of working days


class InformationOut(_Out):
    """More-information rounds (补正) and one-time notices."""

    rounds: int  # 补正 rounds asked in the period
    rounds_per_request: float | None  # rounds / requests received in the period
    second_notice_requests: int  # requests whose second one-time notice was issued in the period


class RatingsOut(_Out):
    """Applicants' ratings. Ratings excluded by an upheld appeal count only in `excluded`."""

    completed: int
    rated: int
    rated_share: float | None  # rated / completed
    levels: list[int]  # five counts: levels[0] is level 1 (very dissatisfied) … levels[4] level 5
    satisfaction_rate: float | None  # share of counted ratings above POOR_RATING (3, 4 or 5)
    poor: int
    poor_verified_on_time: int  # 回访核实 by its working-day deadline (verify_by)
    poor_rectified_on_time: int  # 整改反馈 by its working-day deadline (rectify_by)
    appeals: int
    appeals_upheld: int
    excluded: int


class AcceptanceOut(_Out):
    """Formal acceptance after pre-acceptance, fire-acceptance service or archive pre-acceptance
    (the latest outcome each request's officer recorded), counted at the request's completion."""

    recorded: int
    first_attempt: int
    later: int
    not_yet: int
    first_time_pass_rate: float | None  # first_attempt / (first_attempt + later + not_yet)


class FigureSetOut(_Out):
    received: int  # arrivals: submitted to the department, or transferred to it
    accepted: int
    rejected: int
    transferred: int  # passed on by the department to another
    withdrawn: int
    completed: int
    first_contact: TimelinessOut
    completion: TimelinessOut
    overdue_now: int | None  # open requests past their running deadline today (the total and the
    # rows by department, service, district or officer; null in rows by month: not a period figure)
    information: InformationOut
    ratings: RatingsOut
    acceptance: AcceptanceOut


class FigureRowOut(_Out):
    """One row of the table: a month (key 2026-03), a department, service, district or officer."""

    key: str
    label: Text
    figures: FigureSetOut


class FilterOut(_Out):
    kind: Literal["stage", "service", "district"]
    value: str
    label: Text


class ReferenceOut(_Out):
    """The department's own first-time acceptance pass rate for ALL projects (proactive service
    or not), as it enters it (content/catalog/acceptance-reference.yml); `sample` marks values
    that are examples (示例), not the department's figures."""

    department: Named
    period: str
    first_time_pass_rate: float
    sample: bool
    note: Text


class FiguresOut(_Out):
    """GET /api/staff/figures: the figures of `departments` from `start` to `end` (Beijing dates,
    inclusive), in total and by `by`; read from per-department monthly aggregates."""

    start: str
    end: str
    today: str
    by: Literal["month", "department", "service", "district", "officer"]
    filter: FilterOut | None
    departments: list[Named]
    total: FigureSetOut
    rows: list[FigureRowOut]
    acceptance_reference: list[ReferenceOut]
    notes: list[Text]  # how the figures are counted (definitions, sample values, unannounced holidays)
    sample: bool  # the figures are of trial requests (SAMPLE_FIGURES: the local stack, a test stage)


class PublicMonthOut(_Out):
    month: str  # 2026-03
    received: int
    completed: int
    on_time_rate: float | None  # completed by the working-day deadline / completed
    first_contact_on_time_rate: float | None
    satisfaction_rate: float | None
    first_time_pass_rate: float | None


class PublicFiguresOut(_Out):
    """GET /api/figures/public: the bureau's monthly figures for the public page, no personal
    data, no department or officer; cached."""

    generated_at: str
    months: list[PublicMonthOut]
    notes: list[Text]
    sample: bool  # the figures are of trial requests, not the bureau's real ones (SAMPLE_FIGURES)

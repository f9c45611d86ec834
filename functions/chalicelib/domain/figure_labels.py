"""The ONE table of the performance figures (绩效考核): each figure of a figure set (figure_sets.
figure_set) by its path, with its words in both languages and its kind (how it is written).
The exports' headers (api/figure_files.py), the dashboard (site/hooks/dashboard_figures.py) and
the public page (site/hooks/render_figures.py) all read their words here; tests/unit/
test_figure_labels.py checks every figure of a set has exactly one entry and every entry is one.
No I/O."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, Mapping

from ..i18n import Text

# count: a number of things; rate: a fraction 0..1 (written in per cent); days: working days;
# ratio: a count per request; levels: five counts, one per rating level (actions.RATING_LABELS).
Kind = Literal["count", "rate", "days", "ratio", "levels"]


@dataclass(frozen=True)
class Figure:
    path: str  # "first_contact.on_time_rate": the key in a figure set (FigureSetOut), dotted
    label: Text
    kind: Kind


def _f(path: str, zh: str, en: str, kind: Kind = "count") -> Figure:
    return Figure(path, Text(zh=zh, en=en), kind)


def _timeliness(prefix: str, zh: str, step: str, done: str) -> tuple[Figure, ...]:
    """First contact or completion: the same five figures, each named after its step (zh; en:
    the step, and the step done)."""
    return (
        _f(f"{prefix}.count", f"{zh}件数（按时率的基数）", f"{done.capitalize()}: how many (the on-time rate's base)"),
        _f(f"{prefix}.on_time", f"按时{zh}件数", f"{done.capitalize()} on time: how many"),
        _f(f"{prefix}.on_time_rate", f"按时{zh}率", f"{done.capitalize()} on time", "rate"),
        _f(f"{prefix}.average_working_days", f"{zh}平均用时（工作日）", f"Working days to {step}, average", "days"),
        _f(f"{prefix}.p90_working_days", f"{zh}用时第90百分位（工作日）", f"Working days to {step}, 90th percentile", "days"),
    )


FIGURES: tuple[Figure, ...] = (
    _f("received", "收到申请", "Requests received"), _f("accepted", "受理", "Accepted"),
    _f("rejected", "不予受理", "Rejected"), _f("transferred", "转派", "Transferred"),
    _f("withdrawn", "撤回", "Withdrawn"), _f("completed", "办结", "Completed"),
    *_timeliness("first_contact", "首次联系", "first contact", "first contact"),
    *_timeliness("completion", "办结", "completion", "completed"),
    _f("overdue_now", "当前超期", "Overdue now"),
    _f("information.rounds", "补正次数", "More-information rounds"),
    _f("information.rounds_per_request", "每件申请补正次数", "More-information rounds per request", "ratio"),
    _f("information.second_notice_requests", "需第二次一次性告知的申请", "Requests that needed a second one-time notice"),
    _f("ratings.completed", "已办结申请（评价率的基数）", "Completed requests (the rated share's base)"),
    _f("ratings.rated", "评价件数", "Ratings"),
    _f("ratings.rated_share", "已办结申请的评价率", "Share of completed requests rated", "rate"),
    _f("ratings.levels", "评价等级", "Ratings by level", "levels"),
    _f("ratings.satisfaction_rate", "满意率", "Satisfaction rate", "rate"),
    _f("ratings.poor", "差评", "Poor ratings"),
    _f("ratings.poor_verified_on_time", "差评按时回访核实", "Poor ratings verified on time"),
    _f("ratings.poor_rectified_on_time", "差评按时整改反馈", "Poor ratings rectified on time"),
    _f("ratings.appeals", "申诉", "Appeals"), _f("ratings.appeals_upheld", "申诉成立", "Appeals upheld"),
    _f("ratings.excluded", "已排除的评价（申诉成立）", "Ratings excluded (appeal upheld)"),
    _f("acceptance.recorded", "已登记验收结果", "Acceptance outcomes recorded"),
    _f("acceptance.first_attempt", "一次验收通过", "Passed at the first attempt"),
    _f("acceptance.later", "后续验收通过", "Passed later"),
    _f("acceptance.not_yet", "尚未通过验收", "Not passed yet"),
    _f("acceptance.first_time_pass_rate", "一次验收通过率（靠前服务项目）",
       "First-time acceptance pass rate (projects with proactive service)", "rate"),
)
BY_PATH: dict[str, Figure] = {f.path: f for f in FIGURES}

# The public page's figures (api PublicMonthOut's keys, flat) → their path in a figure set.
PUBLIC: tuple[tuple[str, str], ...] = (
    ("received", "received"), ("completed", "completed"),
    ("first_contact_on_time_rate", "first_contact.on_time_rate"), ("on_time_rate", "completion.on_time_rate"),
    ("satisfaction_rate", "ratings.satisfaction_rate"), ("first_time_pass_rate", "acceptance.first_time_pass_rate"),
)


def figure(path: str) -> Figure:
    """The figure at `path` (KeyError: not a figure, so a page naming one fails its build)."""
    return BY_PATH[path]


def value(figures: Mapping[str, Any], path: str) -> Any:
    """A figure set's value at a dotted path."""
    out: Any = figures
    for key in path.split("."):
        out = out[key]
    return out


def leaf_paths(figures: Mapping[str, Any], prefix: str = "") -> list[str]:
    """Every figure's path in a figure set (nested sets walked; a list is one figure)."""
    out: list[str] = []
    for key, v in figures.items():
        path = f"{prefix}{key}"
        out.extend(leaf_paths(v, f"{path}.") if isinstance(v, Mapping) else [path])
    return out

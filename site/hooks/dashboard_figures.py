"""What the dashboard shows (render_dashboard.py): its charts, the period's totals and the
exports, each figure named by its path in the API's answer (functions/chalicelib/api/
figures_schemas.py FigureSetOut; tests/site/test_dashboard_page.py checks every path is one)
with its words in both languages."""
from __future__ import annotations

from chalicelib.domain.figure_query import FILTERS  # noqa: F401  (the facets the API filters figures by, at most one)

# Each chart: its id, the rows it is drawn over (months, rating levels, departments), its type,
# and its series: (the figure's path in the API's FigureSetOut, its words). Rates end in `_rate`.
CHARTS = (
    ("volumes", "months", "bar", (("received", "收到申请", "Received"), ("accepted", "受理", "Accepted"),
                                  ("rejected", "不予受理", "Rejected"), ("transferred", "转派", "Transferred"),
                                  ("withdrawn", "撤回", "Withdrawn"))),
    ("on_time", "months", "line", (("first_contact.on_time_rate", "按时首次联系率", "First contact on time"),
                                   ("completion.on_time_rate", "按时办结率", "Completed on time"))),
    ("ratings", "levels", "bar", (("count", "评价数", "Ratings"),)),
    ("ranking", "departments", "hbar", (("completion.on_time_rate", "按时办结率", "Completed on time"),
                                        ("ratings.satisfaction_rate", "满意率", "Satisfaction rate"),
                                        ("received", "收到申请", "Received"))),
)
# The period's totals, as a table only: (path in FigureSetOut, words, how it is written:
# n a count, % a rate, d working days, x a ratio).
TOTALS = (
    ("received", "收到申请", "Received", "n"), ("accepted", "受理", "Accepted", "n"),
    ("rejected", "不予受理", "Rejected", "n"), ("transferred", "转派", "Transferred", "n"),
    ("withdrawn", "撤回", "Withdrawn", "n"), ("completed", "办结", "Completed", "n"),
    ("first_contact.on_time_rate", "按时首次联系率", "First contact on time", "%"),
    ("first_contact.average_working_days", "首次联系平均用时（工作日）", "Working days to first contact, average", "d"),
    ("first_contact.p90_working_days", "首次联系用时第90百分位（工作日）", "Working days to first contact, 90th percentile", "d"),
    ("completion.on_time_rate", "按时办结率", "Completed on time", "%"),
    ("completion.average_working_days", "办结平均用时（工作日）", "Working days to completion, average", "d"),
    ("completion.p90_working_days", "办结用时第90百分位（工作日）", "Working days to completion, 90th percentile", "d"),
    ("overdue_now", "当前超期", "Overdue now", "n"),
    ("information.rounds_per_request", "每件申请补正次数", "More-information rounds per request", "x"),
    ("information.second_notice_requests", "需第二次一次性告知的申请", "Requests that needed a second one-time notice", "n"),
    ("ratings.rated_share", "已办结申请的评价率", "Share of completed requests rated", "%"),
    ("ratings.satisfaction_rate", "满意率", "Satisfaction rate", "%"),
    ("ratings.poor", "差评", "Poor ratings", "n"),
    ("ratings.poor_verified_on_time", "差评按时回访核实", "Poor ratings verified on time", "n"),
    ("ratings.poor_rectified_on_time", "差评按时整改反馈", "Poor ratings rectified on time", "n"),
    ("ratings.appeals_upheld", "申诉成立", "Appeals upheld", "n"),
    ("acceptance.first_time_pass_rate", "一次验收通过率（靠前服务项目）",
     "First-time acceptance pass rate (projects with proactive service)", "%"),
)

# The exports (the API's routes): button → (route, media type, the file's name when saved).
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A list of requests is of one department (the API answers 404 to a list of several).
ONE_DEPARTMENT = ("requests_xlsx", "requests_csv")
EXPORTS = {
    "figures_xlsx": ("/api/staff/figures.xlsx", XLSX, "figures.xlsx"),
    "figures_csv": ("/api/staff/figures.csv", "text/csv", "figures.csv"),
    "requests_xlsx": ("/api/staff/figures/requests.xlsx", XLSX, "requests.xlsx"),
    "requests_csv": ("/api/staff/figures/requests.csv", "text/csv", "requests.csv"),
}

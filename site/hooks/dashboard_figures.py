"""What the dashboard shows (render_dashboard.py): its charts, the period's totals and the
exports, each figure named by its path in the API's answer (functions/chalicelib/api/
figures_schemas.py FigureSetOut; tests/site/test_dashboard_page.py checks every path is one)
with its words in both languages from the one table of the figures (chalicelib/domain/
figure_labels.py)."""
from __future__ import annotations

from chalicelib.domain.figure_query import FILTERS  # noqa: F401  (the facets the API filters figures by, at most one)

# Each chart: its id, the rows it is drawn over (months, rating levels, departments), its type,
# and its series: the figures' paths in the API's FigureSetOut (their words and kinds are the one
# table's, chalicelib/domain/figure_labels.py); the rating chart's one series is the levels' counts.
CHARTS = (
    ("volumes", "months", "bar", ("received", "accepted", "rejected", "transferred", "withdrawn")),
    ("on_time", "months", "line", ("first_contact.on_time_rate", "completion.on_time_rate")),
    ("ratings", "levels", "bar", ("ratings.levels",)),
    ("ranking", "departments", "hbar", ("completion.on_time_rate", "ratings.satisfaction_rate", "received")),
)
# The period's totals, as a table only: the figures' paths, in the table's words and kinds.
TOTALS = (
    "received", "accepted", "rejected", "transferred", "withdrawn", "completed",
    "first_contact.on_time_rate", "first_contact.average_working_days", "first_contact.p90_working_days",
    "completion.on_time_rate", "completion.average_working_days", "completion.p90_working_days", "overdue_now",
    "information.rounds_per_request", "information.second_notice_requests",
    "ratings.rated_share", "ratings.satisfaction_rate", "ratings.poor", "ratings.poor_verified_on_time",
    "ratings.poor_rectified_on_time", "ratings.appeals_upheld", "acceptance.first_time_pass_rate",
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

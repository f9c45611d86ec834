from datetime import date

from chalicelib.domain.calendar import add_months, add_working_days, is_working_day


def test_official_holidays_and_make_up_days_count():
    assert is_working_day(date(2026, 10, 1)) == (False, True)  # National Day
    assert is_working_day(date(2026, 12, 1)) == (True, True)
    # The Friday before National Day 2026 is a working day; the following week is not.
    day, official = add_working_days(date(2026, 9, 30), 1)
    assert official and day > date(2026, 10, 7)


def test_unannounced_years_fall_back_to_weekdays_and_say_so():
    day, official = add_working_days(date(2099, 1, 2), 1)  # a Friday
    assert day == date(2099, 1, 5) and not official


def test_add_months_clamps_to_the_end_of_the_month():
    assert add_months(date(2026, 12, 31), 2) == date(2027, 2, 28)
    assert add_months(date(2027, 1, 31), -2) == date(2026, 11, 30)

"""When vuosikello events occur: fixed days, ISO weeks (53 too), last weekdays, every other
year, first and last years, and days counted from a follow-up round's dates."""

from datetime import date
from types import SimpleNamespace

import pytest

from lanu.yearclock.occurrences import (
    fixed_day,
    in_iso_week,
    last_weekday,
    occurrences,
    year_occurrences,
)


def rule(**fields):
    values = {"recurrence": "day", "month": None, "day": None, "week": None, "weekday": None}
    values |= {"on_date": None, "anchor": "", "offset_days": 0, "every_years": 1, "days": 1}
    values |= {"first_year": None, "last_year": None, "title": "Tapahtuma"}
    return SimpleNamespace(**values | fields)


def starts(event, first, last, rounds=()):
    return [o.starts_on for o in occurrences(event, first, last, rounds)]


def test_a_fixed_day_occurs_every_year():
    event = rule(month=3, day=15)
    assert starts(event, date(2023, 1, 1), date(2025, 12, 31)) == [
        date(2023, 3, 15),
        date(2024, 3, 15),
        date(2025, 3, 15),
    ]


def test_29_february_occurs_only_in_leap_years():
    event = rule(month=2, day=29)
    found = starts(event, date(2023, 1, 1), date(2032, 12, 31))
    assert found == [date(2024, 2, 29), date(2028, 2, 29), date(2032, 2, 29)]
    assert fixed_day(2100, 2, 29) is None  # divisible by 100, not by 400
    assert fixed_day(2000, 2, 29) == date(2000, 2, 29)


@pytest.mark.parametrize(
    "year, week, weekday, expected",
    [
        (2026, 53, 5, date(2027, 1, 1)),  # 2026 has 53 ISO weeks; its last Friday is in 2027
        (2020, 53, 4, date(2020, 12, 31)),
        (2025, 53, 1, None),  # 52 weeks
        (2025, 1, 1, date(2024, 12, 30)),  # ISO 2025 begins in December 2024
        (2024, 10, 1, date(2024, 3, 4)),
    ],
)
def test_an_iso_week_and_weekday(year, week, weekday, expected):
    assert in_iso_week(year, week, weekday) == expected


def test_week_53_is_left_out_in_years_of_52_weeks():
    event = rule(recurrence="week", week=53, weekday=1)
    assert starts(event, date(2020, 1, 1), date(2032, 12, 31)) == [
        date(2020, 12, 28),
        date(2026, 12, 28),
        date(2032, 12, 27),
    ]


def test_a_week_1_date_in_december_is_in_that_calendar_years_clock():
    event = rule(recurrence="week", week=1, weekday=1)
    assert [o.starts_on for o in year_occurrences([event], 2024)] == [
        date(2024, 1, 1),
        date(2024, 12, 30),  # Monday of ISO week 1 of 2025
    ]


@pytest.mark.parametrize(
    "year, month, weekday, expected",
    [
        (2024, 5, 5, date(2024, 5, 31)),  # the month's last day is the Friday
        (2025, 5, 5, date(2025, 5, 30)),
        (2024, 2, 4, date(2024, 2, 29)),  # leap year
        (2023, 2, 4, date(2023, 2, 23)),
        (2024, 12, 2, date(2024, 12, 31)),
    ],
)
def test_the_last_weekday_of_a_month(year, month, weekday, expected):
    assert last_weekday(year, month, weekday) == expected


def test_every_other_year_counts_from_the_first_year():
    survey = rule(month=3, day=1, every_years=2, first_year=2021)
    found = starts(survey, date(2019, 1, 1), date(2026, 12, 31))
    assert found == [date(2021, 3, 1), date(2023, 3, 1), date(2025, 3, 1)]


def test_the_last_year_ends_the_recurrence():
    event = rule(recurrence="last_weekday", month=11, weekday=3, last_year=2024)
    assert starts(event, date(2023, 1, 1), date(2026, 12, 31)) == [
        date(2023, 11, 29),
        date(2024, 11, 27),
    ]


def test_a_once_event_occurs_in_its_year_only():
    event = rule(recurrence="once", on_date=date(2022, 6, 15))
    assert starts(event, date(2020, 1, 1), date(2026, 12, 31)) == [date(2022, 6, 15)]
    assert year_occurrences([event], 2023) == []


def test_days_counted_from_each_rounds_closing():
    rounds = [
        SimpleNamespace(year=2023, opens_on=date(2024, 1, 15), closes_on=date(2024, 2, 29)),
        SimpleNamespace(year=2024, opens_on=date(2025, 1, 15), closes_on=date(2025, 2, 28)),
    ]
    board = rule(recurrence="round", anchor="closes", offset_days=30)
    assert starts(board, date(2024, 1, 1), date(2025, 12, 31), rounds) == [
        date(2024, 3, 30),
        date(2025, 3, 30),
    ]
    opening = rule(recurrence="round", anchor="opens", offset_days=-7, first_year=2024)
    assert starts(opening, date(2024, 1, 1), date(2025, 12, 31), rounds) == [date(2025, 1, 8)]


def test_an_event_of_several_days_ends_on_its_last_day():
    meeting = rule(month=12, day=30, days=3)
    (found,) = occurrences(meeting, date(2024, 1, 1), date(2024, 12, 31))
    assert (found.starts_on, found.ends_on) == (date(2024, 12, 30), date(2025, 1, 1))

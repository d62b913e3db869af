"""When an event occurs: plain functions of its recurrence, tested across years.

A fixed day that a year lacks (29 February) is left out that year, as is ISO week 53 in
a year of 52 weeks: the same as the event's RRULE in the iCalendar feed (feeds.py).
A week-based event belongs to its ISO year, which can begin in late December.
"""

import calendar
from datetime import date, timedelta
from typing import Any, NamedTuple


class Occurrence(NamedTuple):
    event: Any
    starts_on: date
    ends_on: date  # the last day, the same as starts_on for a one-day event
    round: Any = None  # the follow-up round it is counted from, if any


def fixed_day(year: int, month: int, day: int) -> date | None:
    """The day in the year; None if the year has no such day (29.2. in a common year)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def in_iso_week(year: int, week: int, weekday: int) -> date | None:
    """The weekday (1 Monday … 7 Sunday) of the ISO year's week; None if it has no such week."""
    try:
        return date.fromisocalendar(year, week, weekday)
    except ValueError:
        return None


def last_weekday(year: int, month: int, weekday: int) -> date:
    """The last weekday (1 Monday … 7 Sunday) of the month."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.isoweekday() - weekday) % 7)


def in_year(event, year: int) -> date | None:
    """The event's date belonging to the year (for a week, the ISO year), by its recurrence."""
    kind = event.recurrence
    if kind == "once":
        return event.on_date if event.on_date.year == year else None
    if not counts_year(event, year):
        return None
    if kind == "day":
        return fixed_day(year, event.month, event.day)
    if kind == "week":
        return in_iso_week(year, event.week, event.weekday)
    if kind == "last_weekday":
        return last_weekday(year, event.month, event.weekday)
    return None


def counts_year(event, year: int) -> bool:
    """Whether a recurring event occurs in the year: within its years, every n-th one."""
    if event.first_year and year < event.first_year:
        return False
    if event.last_year and year > event.last_year:
        return False
    return not event.first_year or (year - event.first_year) % event.every_years == 0


def round_date(event, round_) -> date | None:
    """The day counted from the round's opening or closing, if the round's year counts."""
    if not counts_year(event, round_.year):
        return None
    anchor = round_.opens_on if event.anchor == "opens" else round_.closes_on
    return anchor + timedelta(days=event.offset_days)


def start_dates(event, first: date, last: date, rounds=()) -> list[tuple[date, object]]:
    """The event's starting days from `first` to `last`, each with its round (or None)."""
    if event.recurrence == "round":
        found = [(round_date(event, r), r) for r in rounds]
    else:  # a week-based date of the year before or after can fall within the range
        years = range(first.year - 1, last.year + 2)
        found = [(in_year(event, year), None) for year in years]
    return sorted(
        ((day, r) for day, r in found if day and first <= day <= last), key=lambda pair: pair[0]
    )


def occurrences(event, first: date, last: date, rounds=()) -> list[Occurrence]:
    """The event's occurrences starting from `first` to `last` (both included).

    `rounds`: the follow-up rounds of the event's plans, for an event counted from them."""
    length = timedelta(days=event.days - 1)
    return [
        Occurrence(event, day, day + length, round_)
        for day, round_ in start_dates(event, first, last, rounds)
    ]


def year_occurrences(events, year: int, rounds=()) -> list[Occurrence]:
    """Every occurrence of the events in the calendar year, in date order."""
    first, last = date(year, 1, 1), date(year, 12, 31)
    found = [o for event in events for o in occurrences(event, first, last, rounds)]
    return sorted(found, key=lambda o: (o.starts_on, o.event.title))

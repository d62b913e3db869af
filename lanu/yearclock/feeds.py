"""The plan's vuosikello as an iCalendar feed (RFC 5545) that Outlook and Google Calendar
subscribe to, and a single event's download.

A recurring event is one VEVENT with an RRULE (a yearly day, an ISO week's weekday,
the last weekday of a month; INTERVAL for every other year, UNTIL its last year); an
event counted from follow-up rounds is one VEVENT per round. UIDs are stable: the event's
id (and the round's year), never its title or date. A published plan's feed is at its
address; an unpublished plan's at a secret one (`CalendarFeed.token`) which its readers
are shown and its coordinators renew, which ends the old address.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import icalendar
from django.urls import reverse

from lanu.accounts.permissions import can_coordinate
from lanu.lib.exporters import Exporter

from .models import CalendarFeed, Event
from .occurrences import in_year, start_dates

WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")  # ISO 1 … 7
SEARCH_YEARS = 12  # how far a recurring event's first date is looked for


@dataclass
class Calendar:
    """What a feed shows: the plan, its events and the rounds they may count from."""

    plan: Any
    events: list
    rounds: list


def uid(event: Event, round_=None) -> str:
    suffix = f"-round-{round_.year}" if round_ is not None else ""
    return f"lanu-yearclock-{event.pk}{suffix}@lanu"


def rrule(event: Event) -> dict | None:
    """The event's RRULE as icalendar's dict, or None for a date that does not recur."""
    rule: dict = {"FREQ": "YEARLY"}
    if event.every_years > 1:
        rule["INTERVAL"] = event.every_years
    if event.recurrence == Event.Recurrence.DAY:
        rule |= {"BYMONTH": event.month, "BYMONTHDAY": event.day}
    elif event.recurrence == Event.Recurrence.WEEK:
        rule |= {"BYWEEKNO": event.week, "BYDAY": weekday_code(event)}
    elif event.recurrence == Event.Recurrence.LAST_WEEKDAY:
        rule |= {"BYMONTH": event.month, "BYDAY": "-1" + weekday_code(event)}
    else:
        return None
    if event.last_year and (last := last_date(event)):
        rule["UNTIL"] = last
    return rule


def weekday_code(event: Event) -> str:
    return WEEKDAYS[(event.weekday or 1) - 1]


def first_date(event: Event, from_year: int) -> date | None:
    """The event's first date in a year it counts, from its first year (or `from_year`)."""
    year = event.first_year or from_year
    found = start_dates(event, date(year, 1, 1), date(year + SEARCH_YEARS, 12, 31))
    return found[0][0] if found else None


def last_date(event: Event) -> date | None:
    year = event.last_year or 0
    for each in range(year, year - SEARCH_YEARS, -1):
        if found := in_year(event, each):
            return found
    return None


def vevents(event: Event, plan, rounds) -> list[icalendar.Event]:
    """The event's VEVENTs: one (with its RRULE), or one per round it is counted from."""
    if event.recurrence == Event.Recurrence.ROUND:
        far = (date(1900, 1, 1), date(2200, 12, 31))
        return [vevent(event, day, round_) for day, round_ in start_dates(event, *far, rounds)]
    first = first_date(event, plan.period_start)
    return [] if first is None else [vevent(event, first, None, rrule(event))]


def vevent(event: Event, day: date, round_=None, rule=None) -> icalendar.Event:
    item = icalendar.Event()
    item.add("uid", uid(event, round_))
    item.add("dtstamp", datetime.now(UTC).replace(microsecond=0))
    item.add("summary", event.local_title)
    item.add("dtstart", day)
    item.add("dtend", day + timedelta(days=event.days))
    item.add("categories", [str(event.get_kind_display())])
    if rule:
        item.add("rrule", rule)
    if text := describe(event):
        item.add("description", text)
    return item


def describe(event: Event) -> str:
    owner = f"{event.owner.name}\n\n" if event.owner else ""
    return (owner + event.local_description).strip()


def calendar_of(subject: Calendar) -> icalendar.Calendar:
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Lanu//vuosikello//FI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", subject.plan.name)
    for event in subject.events:
        for item in vevents(event, subject.plan, subject.rounds):
            cal.add_component(item)
    return cal


class ICalendar(Exporter):
    name = "ics"
    extension = "ics"
    content_type = "text/calendar; charset=utf-8"

    def render(self, subject: Calendar):
        yield calendar_of(subject).to_ical()


def plan_calendar(plan, events=None) -> Calendar:
    """The plan's calendar: all its events (or the ones given) and its rounds."""
    chosen = list(plan.events.select_related("owner")) if events is None else events
    return Calendar(plan, chosen, list(plan.rounds.all()))


def feed_of(request, plan) -> dict:
    """The feed's address for the clock page: a published plan's own, an unpublished
    plan's secret one (for its readers only: the page is theirs), and who may renew it."""
    if plan.published:
        path = reverse("yearclock:feed", args=[plan.slug])
        return {"url": request.build_absolute_uri(path), "secret": False}
    feed, _created = CalendarFeed.objects.get_or_create(plan=plan)
    path = reverse("calendar:feed", args=[feed.token])
    may_renew = can_coordinate(request.user, plan)
    return {"url": request.build_absolute_uri(path), "secret": True, "may_renew": may_renew}


def renew(plan) -> CalendarFeed:
    """A new secret address for the plan's feed; the old one stops answering."""
    feed, _created = CalendarFeed.objects.get_or_create(plan=plan)
    feed.token = CalendarFeed._meta.get_field("token").get_default()
    feed.save()
    return feed

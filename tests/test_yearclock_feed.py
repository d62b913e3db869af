"""The vuosikello as an iCalendar feed: it parses with icalendar and round-trips its
events, its RRULEs expand (dateutil) to the dates the clock shows across years, leap
years and week 53, UIDs are stable, and an unpublished plan's feed is at a secret,
renewable address."""

from datetime import date, datetime, time

import icalendar
import pytest
from dateutil.rrule import rrulestr
from django.urls import reverse

from lanu.followup.rounds import open_round
from lanu.yearclock.feeds import ICalendar, plan_calendar
from lanu.yearclock.models import CalendarFeed, Event
from lanu.yearclock.occurrences import occurrences

from .html_links import press

pytestmark = pytest.mark.django_db

RULES = [
    {"recurrence": "day", "month": 3, "day": 15},
    {"recurrence": "day", "month": 2, "day": 29},
    {"recurrence": "week", "week": 53, "weekday": 4},
    {"recurrence": "week", "week": 1, "weekday": 1},
    {"recurrence": "week", "week": 10, "weekday": 3, "every_years": 2, "first_year": 2021},
    {"recurrence": "last_weekday", "month": 2, "weekday": 4},
    {"recurrence": "last_weekday", "month": 5, "weekday": 5, "last_year": 2027},
]


def add_event(plan, **fields) -> Event:
    event = Event.objects.create(**{"title": "Tapahtuma", "kind": Event.Kind.DEADLINE} | fields)
    event.plans.add(plan)
    return event


def parsed(plan, events=None) -> icalendar.Calendar:
    data = b"".join(ICalendar().render(plan_calendar(plan, events)))
    return icalendar.Calendar.from_ical(data)


@pytest.mark.parametrize("fields", RULES, ids=lambda f: "-".join(str(v) for v in f.values()))
def test_the_rrule_expands_to_the_dates_of_the_clock(plan_of, fields):
    plan = plan_of(1)
    plan.period_start = 2020
    event = add_event(plan, **fields)
    (vevent,) = parsed(plan).walk("VEVENT")
    start = datetime.combine(vevent.decoded("dtstart"), time())
    rule = rrulestr(vevent["RRULE"].to_ical().decode(), dtstart=start)
    expanded = [day.date() for day in rule.between(start, datetime(2040, 12, 31), inc=True)]
    assert expanded == [o.starts_on for o in occurrences(event, start.date(), date(2040, 12, 31))]
    assert len(expanded) >= 2


def test_the_feed_round_trips_its_events(plan_of):
    plan = plan_of(1)
    add_event(plan, recurrence="once", on_date=date(2024, 6, 15), days=2, title_sv="Slut")
    add_event(plan, recurrence="day", month=9, day=1, description="Hallitus\nja valtuusto")
    calendar = parsed(plan)
    again = icalendar.Calendar.from_ical(calendar.to_ical())
    assert again == calendar
    once, yearly = sorted(again.walk("VEVENT"), key=lambda e: "RRULE" in e)
    assert (once.decoded("dtstart"), once.decoded("dtend")) == (
        date(2024, 6, 15),
        date(2024, 6, 17),
    )
    assert "RRULE" not in once
    assert yearly["RRULE"]["FREQ"] == ["YEARLY"]
    assert yearly.decoded("description") == "Hallitus\nja valtuusto"
    assert once["CATEGORIES"].cats == ["Määräaika"]


def test_uids_stay_when_the_event_changes(plan_of):
    plan = plan_of(1)
    event = add_event(plan, recurrence="day", month=9, day=1)
    before = parsed(plan).walk("VEVENT")[0]["UID"]
    event.title, event.day = "Uusi nimi", 20
    event.save()
    assert parsed(plan).walk("VEVENT")[0]["UID"] == before
    assert str(before) == f"lanu-yearclock-{event.pk}@lanu"


def test_a_rounds_events_are_one_per_round_with_their_own_uid(plan_of):
    plan = plan_of(1)
    open_round(plan, 2023, date(2024, 1, 15), date(2024, 2, 29))
    open_round(plan, 2024, date(2025, 1, 15), date(2025, 2, 28))
    closing = plan.events.get(anchor="closes")
    found = {str(v["UID"]): v.decoded("dtstart") for v in parsed(plan, [closing]).walk("VEVENT")}
    assert found == {
        f"lanu-yearclock-{closing.pk}-round-2023@lanu": date(2024, 2, 29),
        f"lanu-yearclock-{closing.pk}-round-2024@lanu": date(2025, 2, 28),
    }


def test_a_published_plans_feed_is_at_its_address(client, plan_of):
    plan = plan_of(1)
    add_event(plan, recurrence="day", month=9, day=1)
    response = client.get(reverse("yearclock:feed", args=[plan.slug]))
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert icalendar.Calendar.from_ical(response.getvalue()).walk("VEVENT")


def test_a_single_event_downloads_alone(client, plan_of):
    plan = plan_of(1)
    add_event(plan, recurrence="day", month=9, day=1)
    event = add_event(plan, recurrence="day", month=10, day=1, title="Yksi")
    response = client.get(reverse("yearclock:event-file", args=[plan.slug, event.pk]))
    (vevent,) = icalendar.Calendar.from_ical(response.getvalue()).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Yksi"


def test_an_unpublished_plans_feed_needs_its_secret_address(client, people):
    add_event(people.plan, recurrence="day", month=9, day=1)
    assert client.get(reverse("yearclock:feed", args=[people.plan.slug])).status_code == 404
    client.force_login(people.vera)
    page = client.get(reverse("yearclock:clock", args=[people.plan.slug]))
    token = CalendarFeed.objects.get(plan=people.plan).token
    secret = reverse("calendar:feed", args=[token])
    assert secret in page.text and "Uusi osoite" not in page.text  # vera may not renew
    client.logout()
    assert icalendar.Calendar.from_ical(client.get(secret).getvalue()).walk("VEVENT")
    assert client.get(reverse("calendar:feed", args=["arvattu"])).status_code == 404


def test_a_coordinator_renews_the_secret_address(client, people):
    client.force_login(people.alice)
    page = client.get(reverse("yearclock:clock", args=[people.plan.slug]))
    old = reverse("calendar:feed", args=[CalendarFeed.objects.get(plan=people.plan).token])
    press(client, page, "Uusi osoite (vanha lakkaa toimimasta)")
    new = reverse("calendar:feed", args=[CalendarFeed.objects.get(plan=people.plan).token])
    assert new != old
    client.logout()
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_only_a_coordinator_renews_the_address(client, people):
    client.force_login(people.vera)
    response = client.post(reverse("yearclock:feed-renew", args=[people.plan.slug]))
    assert response.status_code == 403

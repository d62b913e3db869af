"""The plan's vuosikello: the clock and its list, and the coordinator's event forms.

Every view gets the plan from plans/access.py; every save goes through plans/editing.py
(plans/structure.py's create and edit pages), so events are versioned and in the history.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanu.accounts.permissions import can_coordinate
from lanu.history.models import Change
from lanu.history.records import record
from lanu.lib.exporters import streaming_response
from lanu.plans.access import coordinated_plan, readable_plan
from lanu.plans.structure import create_page, edit_page

from . import clock as face
from .feeds import ICalendar, feed_of, plan_calendar, renew
from .forms import EventForm
from .models import CalendarFeed, Event
from .occurrences import year_occurrences

FORM_PAGE = "yearclock/event_form.html"


def shown_year(request, today: date) -> int:
    """The year asked for (?year=2025), or this year."""
    try:
        year = int(request.GET.get("year", today.year))
    except ValueError:
        return today.year
    return year if 1900 <= year <= 2200 else today.year


def clock(request, slug):
    plan = readable_plan(request, slug)
    today = timezone.localdate()
    year = shown_year(request, today)
    events = list(plan.events.select_related("owner"))
    rounds = list(plan.rounds.all())
    found = year_occurrences(events, year, rounds)
    closed = {round_.year for round_ in rounds if round_.is_closed}
    coordinates = can_coordinate(request.user, plan)
    context = {
        "plan": plan,
        "year": year,
        "today": today,
        "months": face.by_month(found, year, closed),
        "labels": face.month_labels(year),
        "marks": face.marks(found),
        "hand": face.today_hand(today, year),
        "legend": face.legend(),
        "size": face.SIZE,
        "centre": face.CENTRE,
        "outer": face.OUTER,
        "can_coordinate": coordinates,
        "events": events if coordinates else [],
        "feed": feed_of(request, plan),
    }
    return render(request, "yearclock/clock.html", context)


def clock_url(event_or_plan) -> str:
    return reverse("yearclock:clock", args=[event_or_plan.slug])


def plan_event(plan, pk: int) -> Event:
    return get_object_or_404(Event, pk=pk, plans=plan)


@login_required
def add_event(request, slug):
    """A new event's form; its POST adds the event to the plan (plans.structure.create_page)."""
    plan = coordinated_plan(request, slug)
    page = {
        "template": FORM_PAGE,
        "done": lambda event: clock_url(plan),
        "then": lambda event: event.plans.add(plan),
    }
    return create_page(request, bound(EventForm, plan), Event(), plan, page)


@login_required
def edit_event(request, slug, pk):
    """The event's form; its POST saves the event (plans.structure.edit_page)."""
    plan = coordinated_plan(request, slug)
    page = {"template": FORM_PAGE, "done": lambda event: clock_url(plan)}
    return edit_page(request, bound(EventForm, plan), plan_event(plan, pk), plan, page)


def bound(form_class, plan):
    """The form class with the plan given (create_page and edit_page make it with
    data and instance only)."""

    def make(*args, **kwargs):
        return form_class(*args, plan=plan, **kwargs)

    return make


@login_required
def delete_event(request, slug, pk):
    """A confirmation page; its POST takes the event off the plan (and deletes it when no
    other plan has it), written in the plan's history."""
    plan = coordinated_plan(request, slug)
    event = plan_event(plan, pk)
    if request.method != "POST":
        return render(request, "yearclock/event_delete.html", {"plan": plan, "event": event})
    return remove_event(request, plan, event)


def remove_event(request, plan, event):
    record(request.user, event, Change.Kind.REMOVED, plan)
    event.plans.remove(plan)
    if not event.plans.exists():
        event.delete()
    messages.success(request, _("“%s” was removed from the vuosikello.") % event)
    return redirect(clock_url(plan))


# The iCalendar feed and downloads


def feed(request, slug):
    """A readable plan's whole calendar (a published plan's: anyone's to subscribe to)."""
    plan = readable_plan(request, slug)
    return streaming_response(ICalendar(), plan_calendar(plan), f"{plan.slug}-vuosikello.ics")


def token_feed(request, secret):
    """An unpublished plan's calendar at its secret address (calendar programs log in to
    nothing); a renewed address's old token answers 404, as any wrong one."""
    found = get_object_or_404(CalendarFeed.objects.select_related("plan"), token=secret)
    plan = found.plan
    return streaming_response(ICalendar(), plan_calendar(plan), f"{plan.slug}-vuosikello.ics")


def event_file(request, slug, pk):
    """One event to add to one's own calendar."""
    plan = readable_plan(request, slug)
    event = plan_event(plan, pk)
    return streaming_response(ICalendar(), plan_calendar(plan, [event]), f"{slug}-{pk}.ics")


@login_required
@require_POST
def renew_feed(request, slug):
    plan = coordinated_plan(request, slug)
    renew(plan)
    messages.success(
        request, _("The calendar feed has a new address: the old one no longer works.")
    )
    return redirect(clock_url(plan))

"""A plan's vuosikello in its full export, and back.

"events" holds one object per event of the plan's annual calendar (lanu.yearclock): its
texts, kind, recurrence and its fields, and its owner by the organisation's name (one
of the plan's). The round's own events are among them, so a restored plan has them as
they were (their titles edited or not) and the rounds' restore adds none. A file from
before events were exported has no "events": the restored rounds give the plan their two
events, as a new round does. An event that is shared with other plans comes back as
this plan's own.
"""

from datetime import date

from django.core.exceptions import ValidationError

from lanu.plans.models import Organisation, Plan
from lanu.yearclock.models import Event

from .checks import Checker

EVENT_FIELDS = (
    "title",
    "title_sv",
    "title_en",
    "description",
    "description_sv",
    "description_en",
    "kind",
    "recurrence",
    "on_date",
    "month",
    "day",
    "week",
    "weekday",
    "anchor",
    "offset_days",
    "every_years",
    "first_year",
    "last_year",
    "days",
    "produces",
    "round_event",
)


def events_of(plan: Plan) -> list[dict]:
    """The plan's events, in the clock's order: 1 query."""
    return [
        {name: written(getattr(event, name)) for name in EVENT_FIELDS}
        | {"owner": event.owner.name if event.owner else None}
        for event in plan.events.select_related("owner").order_by("pk")
    ]


def written(value):
    return value.isoformat() if isinstance(value, date) else value


def read_events(check: Checker, document: dict, organisations: set[str]) -> list[dict] | None:
    """The events of the file, checked as the event form checks them; None if it has none."""
    if "events" not in document:
        return None
    events = []
    for where, item in check.items(document, "events"):
        before = len(check.problems)
        fields = check.fields(Event, item, EVENT_FIELDS, where)
        owner = check.reference(item.get("owner"), organisations, f"{where}.owner", True)
        if len(check.problems) == before:  # its values are good: do they make an event?
            check_event(check, Event(**fields), where)
        events.append(fields | {"owner": owner})
    return events


def check_event(check: Checker, event: Event, where: str) -> None:
    """The event's fields together, as the event form checks them (Event.clean())."""
    try:
        event.clean()
    except ValidationError as error:
        for name, messages in error.message_dict.items():
            check.problem(f"{where}.{name}", " ".join(messages))


def restore_events(plan: Plan, events: list[dict] | None) -> None:
    """The plan's events as the file has them (before its rounds, which then add none)."""
    if events is None:
        return
    owners = {o.name: o for o in Organisation.objects.filter(participations__plan=plan)}
    for fields in events:
        owner = owners.get(fields["owner"]) if fields["owner"] else None
        event = Event.objects.create(**(fields | {"owner": owner}))
        event.plans.add(plan)

"""A follow-up round's dates on the clock: its opening and its closing, as events.

The events of a round are counted from the round's dates (occurrences.round_date), so a
changed opening or closing date moves them with it, whichever way the round was saved
(the coordinator's form, import-round, a restored backup, the admin). When a round is
saved, its plan gets the two events once (post_save, connected in YearclockConfig.ready():
follow-up knows nothing of the clock).
"""

from django.db import transaction
from django.utils.translation import gettext_lazy, override

from .models import Event

ROUND_EVENTS = (  # anchor, kind, title (translated in each language)
    (Event.Anchor.OPENS, Event.Kind.OTHER, gettext_lazy("The follow-up round opens")),
    (Event.Anchor.CLOSES, Event.Kind.DEADLINE, gettext_lazy("The follow-up round closes")),
)


def round_saved(sender, instance, **kwargs) -> None:
    """The plan's round events, added if the plan has none for this anchor yet."""
    add_round_events(instance.plan)


def add_round_events(plan) -> list[Event]:
    """The plan's events counted from its rounds' opening and closing: added when missing."""
    have = set(plan.events.filter(round_event=True, offset_days=0).values_list("anchor", flat=True))
    added = []
    with transaction.atomic():
        for anchor, kind, title in ROUND_EVENTS:
            if anchor not in have:
                added.append(round_event(plan, anchor, kind, title))
    return added


def round_event(plan, anchor, kind, title) -> Event:
    with override("fi"):
        finnish = str(title)
    with override("sv"):
        swedish = str(title)
    with override("en"):
        english = str(title)
    event = Event.objects.create(
        title=finnish,
        title_sv=swedish,
        title_en=english,
        kind=kind,
        recurrence=Event.Recurrence.ROUND,
        anchor=anchor,
        round_event=True,
    )
    event.plans.add(plan)
    return event

"""A follow-up round's opening and closing are on the plan's clock, and move with the round."""

from datetime import date

import pytest

from lanu.followup.rounds import open_round
from lanu.yearclock.models import Event
from lanu.yearclock.occurrences import year_occurrences

pytestmark = pytest.mark.django_db


def clock_days(plan, year):
    events = plan.events.all()
    return {
        (o.event.anchor, o.starts_on) for o in year_occurrences(events, year, plan.rounds.all())
    }


def test_opening_a_round_puts_its_dates_on_the_clock(plan_of):
    plan = plan_of(3)
    open_round(plan, 2024, date(2025, 1, 15), date(2025, 2, 28))
    assert clock_days(plan, 2025) == {("opens", date(2025, 1, 15)), ("closes", date(2025, 2, 28))}
    closing = plan.events.get(anchor="closes")
    assert (closing.kind, closing.title, closing.title_sv) == (
        Event.Kind.DEADLINE,
        "Seurantakierros sulkeutuu",
        "Uppföljningsomgången stängs",
    )


def test_a_second_round_adds_no_second_pair_of_events(plan_of):
    plan = plan_of(3)
    open_round(plan, 2023, date(2024, 1, 15), date(2024, 2, 29))
    open_round(plan, 2024, date(2025, 1, 15), date(2025, 2, 28))
    assert plan.events.count() == 2
    assert ("closes", date(2024, 2, 29)) in clock_days(plan, 2024)


def test_a_rounds_changed_closing_date_moves_its_event(plan_of):
    plan = plan_of(3)
    round_ = open_round(plan, 2024, date(2025, 1, 15), date(2025, 2, 28))
    round_.closes_on = date(2025, 3, 14)
    round_.save()
    assert ("closes", date(2025, 3, 14)) in clock_days(plan, 2025)
    assert ("closes", date(2025, 2, 28)) not in clock_days(plan, 2025)

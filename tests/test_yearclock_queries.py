"""The vuosikello's pages read the same number of queries however many events, rounds
and actions the plan has (the feed's too)."""

from datetime import date

import pytest
from django.urls import reverse

from lanu.followup.rounds import open_round
from lanu.yearclock.models import Event
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db


def add_events(plan, count: int) -> None:
    for n in range(count):
        event = Event.objects.create(
            title=f"Tapahtuma {n}", kind="meeting", recurrence="day", month=n % 12 + 1, day=5
        )
        event.plans.add(plan)


def counts(client, plan, name: str, *args) -> int:
    return queries_for(client, reverse(name, args=[plan.slug, *args]))


@pytest.mark.parametrize("name", ["yearclock:clock", "yearclock:feed"])
def test_the_clock_and_feed_do_not_grow_with_the_events(client, plan_of, name):
    small, large = plan_of(2), plan_of(2)
    add_events(small, 2)
    add_events(large, 40)
    for year in (2023, 2024, 2025):
        open_round(large, year, date(year + 1, 1, 15), date(year + 1, 2, 28))
    assert counts(client, small, name) == counts(client, large, name)


def test_the_matrix_does_not_grow_with_the_actions(client, plan_of):
    small, large = plan_of(10), plan_of(300)
    first = small.participations.first().organisation_id
    big = large.participations.first().organisation_id
    assert counts(client, small, "yearclock:organisation-matrix", first) == counts(
        client, large, "yearclock:organisation-matrix", big
    )

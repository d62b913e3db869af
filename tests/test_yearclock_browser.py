"""The vuosikello and the ease × impact matrix in a browser: axe finds nothing, and a
coordinator rates an action with the keyboard only."""

import datetime

import pytest
from django.urls import reverse

from lanu.followup.rounds import open_round
from lanu.plans.models import Action
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard, press

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_clock_and_the_matrix_are_axe_clean_and_rated_by_keyboard(live_server, people):
    plan = people.plan
    open_round(plan, 2024, datetime.date(2025, 1, 15), datetime.date(2025, 2, 28))
    first = plan.actions.filter(organisation=people.first).order_by("order").first()
    Action.objects.filter(pk=first.pk).update(ease="easy", impact="high")
    matrix = reverse("yearclock:organisation-matrix", args=[plan.slug, people.first.pk])
    with chromium_page() as page:
        log_in_by_keyboard(page, live_server.url, "alice", matrix)
        assert axe_violations(page) == []
        page.get_by_role("radio", name="Nopeat voitot").first.focus()
        page.keyboard.press("ArrowDown")  # the next field of the same action
        press(page, "button", "Tallenna arviot")
        assert axe_violations(page) == []
        page.goto(live_server.url + reverse("yearclock:clock", args=[plan.slug]) + "?year=2025")
        assert axe_violations(page) == []
    first.refresh_from_db()
    assert (first.ease, first.impact) == ("hard", "high")  # major projects, the next one

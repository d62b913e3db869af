"""`python -m lanu close-due-rounds` closes the rounds past their closing date, and says which."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone, translation

from lanu.followup.models import FollowUpRound, RoundAction
from lanu.followup.rounds import open_round

pytestmark = pytest.mark.django_db
TODAY = date(2026, 4, 1)


def run(monkeypatch) -> str:
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)
    out = StringIO()
    with translation.override("fi"):
        call_command("close-due-rounds", stdout=out)
    return out.getvalue()


def test_rounds_past_their_closing_date_are_closed_with_their_snapshot(people, monkeypatch):
    due = open_round(people.plan, 2024, date(2026, 1, 15), date(2026, 3, 31))
    today = open_round(people.plan, 2025, date(2026, 2, 1), TODAY)  # its last day: stays open
    output = run(monkeypatch)
    assert output.strip() == (
        "Suljettiin suunnitelman ”Synteettinen suunnitelma (12 toimenpidettä)” "
        "seurantakierros 2024 (päättymispäivä 31.3.2026)."
    )
    due.refresh_from_db()
    today.refresh_from_db()
    assert due.is_closed and due.closed_at is not None and due.closed_by is None
    assert not today.is_closed
    assert RoundAction.objects.filter(round=due).count() == 12  # the snapshot of its actions
    assert not RoundAction.objects.filter(round=today).exists()


def test_nothing_due_says_so_and_a_second_run_closes_nothing_again(people, monkeypatch):
    open_round(people.plan, 2024, date(2026, 1, 15), date(2026, 3, 1))
    run(monkeypatch)
    closed_at = FollowUpRound.objects.get().closed_at
    assert run(monkeypatch).strip() == "Yksikään seurantakierros ei ollut sulkeutumassa."
    assert FollowUpRound.objects.get().closed_at == closed_at
    assert RoundAction.objects.count() == 12

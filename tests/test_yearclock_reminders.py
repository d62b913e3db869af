"""send-reminders: e-mails before an owned deadline and before a round closes, each once
however often it runs, in the plan's language; --dry-run sends and records nothing.

The `people` fixture: bob edits Organisaatio 1, charlie Organisaatio 2; Organisaatio 3
has no editor."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from lanu.followup.models import ReminderSent, Submission
from lanu.followup.rounds import open_round
from lanu.yearclock.models import DeadlineReminderSent, Event

pytestmark = pytest.mark.django_db


def run(*options) -> str:
    out = StringIO()
    call_command("send-reminders", *options, stdout=out)
    return out.getvalue()


def deadline(plan, owner, day: date) -> Event:
    event = Event.objects.create(
        title="Toimintasuunnitelmat lautakunnalle",
        title_sv="Verksamhetsplanerna till nämnden",
        kind=Event.Kind.DEADLINE,
        recurrence=Event.Recurrence.DAY,
        month=day.month,
        day=day.day,
        owner=owner,
    )
    event.plans.add(plan)
    return event


def test_an_owned_deadline_is_reminded_once_however_often_it_runs(people):
    today = timezone.localdate()
    deadline(people.plan, people.first, today + timedelta(days=5))
    run()
    run()
    assert [m.to for m in mail.outbox] == [["bob@example.fi"]]
    assert "Toimintasuunnitelmat lautakunnalle" in mail.outbox[0].subject
    assert DeadlineReminderSent.objects.count() == 1


def test_a_deadline_further_than_the_days_ahead_waits(people):
    today = timezone.localdate()
    deadline(people.plan, people.first, today + timedelta(days=10))
    assert "Muistutuksia ei ole lähetettävänä." in run()
    run("--days", "14")
    assert len(mail.outbox) == 1


def test_a_round_closing_soon_reminds_who_has_not_submitted_once(people):
    today = timezone.localdate()
    round_ = open_round(people.plan, today.year, today - timedelta(days=30), today + timedelta(3))
    Submission.objects.create(round=round_, organisation=people.first, submitted_by=people.bob)
    run()
    run()
    assert [m.to for m in mail.outbox] == [["charlie@example.fi"]]  # bob's has submitted
    assert "Organisaatio 2" in mail.outbox[0].body
    sent = ReminderSent.objects.get()
    assert (sent.organisation, sent.sent_by) == (people.second, None)  # on the overview


def test_the_e_mail_is_in_the_plans_language(people):
    people.plan.language = "sv"
    people.plan.save()
    deadline(people.plan, people.first, timezone.localdate() + timedelta(days=1))
    run()
    assert mail.outbox[0].subject.startswith("Påminnelse")
    assert "Verksamhetsplanerna till nämnden" in mail.outbox[0].subject


def test_a_dry_run_lists_and_neither_sends_nor_records(people):
    deadline(people.plan, people.first, timezone.localdate() + timedelta(days=2))
    output = run("--dry-run")
    assert "bob@example.fi" in output and "Lähettäisi" in output
    assert mail.outbox == [] and not DeadlineReminderSent.objects.exists()
    run()
    assert len(mail.outbox) == 1

"""The issue's whole story, by links from the plan page only: a round opened, reported by two
organisations, submitted after a warning, reminded after a confirmation, closed, public.

The `people` fixture: alice coordinates "yhteinen", bob edits Organisaatio 1 and charlie
Organisaatio 2; Organisaatio 3 has no editor. Only the plan page's address is typed.
"""

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation

from lanu.followup.models import ActionReport, FollowUpRound, ReminderSent, Submission
from lanu.plans.models import Metric
from tests.html_links import follow, links, press
from tests.html_tables import tables
from tests.test_action_merge import as_browser_posts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def plan_page(client, plan):
    with translation.override("en"):
        return client.get(reverse("plans:plan", args=[plan.slug]))


def report_first_action(client, plan, organisation, status_name: str, account: str, **metrics):
    """From the plan page to the organisation's one report page, its first action reported
    there with the Save button of its own form (the autosave posts the same form)."""
    report = follow(client, plan_page(client, plan), f"Report of {organisation.name}")
    action = plan.actions.filter(organisation=organisation).order_by("order").first()
    form = dict(report.context["report_forms"])[action]
    status = plan.status_levels.get(name=status_name)
    fields = {f"metric_{m.pk}": metrics[m.text] for m in form.metrics if m.text in metrics}
    data = as_browser_posts(form, status=str(status.pk), account=account, **fields)
    saved = press(client, report, f"Save – {plan.labels_in('en')['action']} {action.number}", data)
    assert saved.status_code == 302 and saved.url.endswith(f"#report-{action.pk}")


def metrics_of_every_kind(plan, organisation) -> None:
    """The first action's metrics as the coordinator set their kinds: a number of groups,
    whether a feedback system exists (yes/no), and what was learnt (text)."""
    action = plan.actions.filter(organisation=organisation).order_by("order").first()
    action.metrics.all().delete()
    for order, (text, kind) in enumerate(
        [("Ryhmien määrä", "number"), ("Palautejärjestelmä luotu", "yes_no"), ("Opit", "text")]
    ):
        Metric.objects.create(action=action, text=text, kind=kind, order=order)


def submit_with_warning(client, plan, organisation) -> None:
    report = follow(client, plan_page(client, plan), f"Report of {organisation.name}")
    warning = press(client, report, "Submit the organisation's report")
    assert "3 actions have no status and no text of what was done" in warning.text
    assert not Submission.objects.filter(organisation=organisation).exists()
    press(client, warning, "Submit the report as it is")
    assert Submission.objects.filter(organisation=organisation).exists()


def test_open_report_submit_remind_close_and_read_the_progress(people):
    plan, alice = people.plan, logged_in(people.alice)
    plan.published = True
    plan.save()
    rounds = follow(alice, plan_page(alice, plan), "Follow-up rounds: the yearly reports")
    new = follow(alice, rounds, "Open a round")
    form = {"year": 2025, "opens_on": "2026-01-01", "closes_on": "2026-02-28"}
    opened = press(alice, new, "Open the round", {**form, "scale": "default"})
    assert opened.status_code == 302 and FollowUpRound.objects.filter(year=2025).exists()

    bob, charlie = logged_in(people.bob), logged_in(people.charlie)
    metrics_of_every_kind(plan, people.first)
    bobs = {"Ryhmien määrä": "12", "Palautejärjestelmä luotu": "kyllä", "Opit": "Nuoret tulivat."}
    report_first_action(bob, plan, people.first, "Käytössä", "Kohtaamispaikka avattiin.", **bobs)
    report_first_action(charlie, plan, people.second, "Aloitettu", "Suunnittelu alkoi.")
    assert ActionReport.objects.filter(round__year=2025).count() == 2
    submit_with_warning(bob, plan, people.first)

    overview = follow(alice, plan_page(alice, plan), "Overview of the round and reminders")
    reports = follow(alice, overview, "The round's reports")
    third = follow(alice, reports, "Organisaatio 3")  # the coordinator drafts, never submits
    draft = dict(third.context["report_forms"])
    action, form = next(iter(draft.items()))
    in_use = plan.status_levels.get(name="Käytössä")
    data = as_browser_posts(form, status=str(in_use.pk), account="Luonnos, ei lähetetty.")
    press(alice, third, f"Save – {plan.labels_in('en')['action']} {action.number}", data)
    assert ActionReport.objects.get(action=action).account == "Luonnos, ei lähetetty."
    confirmation = follow(alice, overview, "Send reminders…")
    assert "charlie@example.fi" in confirmation.text and not mail.outbox
    press(alice, confirmation, "Send 1 reminder")
    assert [m.to for m in mail.outbox] == [["charlie@example.fi"]]
    assert ReminderSent.objects.get().recipient == people.charlie
    submit_with_warning(charlie, plan, people.second)

    public = Client()
    assert "Progress of the plan" not in str(links(plan_page(public, plan)))
    closing = follow(alice, plan_page(alice, plan), "Close the round")
    assert press(alice, closing, "Close the round").status_code == 302

    progress = follow(public, plan_page(public, plan), "Progress of the plan: the follow-up rounds")
    rows = tables(progress)["The status of each action in 2025"]
    statuses = {(row[2], row[4]) for row in rows[1:]}
    assert ("Organisaatio 1", "In use") in statuses
    assert ("Organisaatio 2", "Started") in statuses
    bobs_row = next(row for row in rows[1:] if row[2] == "Organisaatio 1" and row[4] == "In use")
    assert bobs_row[5] == "Kohtaamispaikka avattiin."
    assert "Ryhmien määrä: 12" in bobs_row[6] and "Palautejärjestelmä luotu: Yes" in bobs_row[6]
    assert "Opit: Nuoret tulivat." in bobs_row[6]
    drafted = next(row for row in rows[1:] if row[2] == "Organisaatio 3")
    assert drafted[4] == "Not reported" and "Luonnos" not in progress.text

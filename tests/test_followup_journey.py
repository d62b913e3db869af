"""The issue's whole story: a round opened, reported by two organisations, closed, public."""

import pytest
from django.test import Client
from django.urls import reverse

from lanu.followup.models import ActionReport, FollowUpRound
from tests.html_tables import tables
from tests.test_action_merge import as_browser_posts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def round_url(name: str, plan, **kwargs) -> str:
    return reverse(f"followup:{name}", kwargs={"slug": plan.slug, **kwargs})


def report(client, plan, action, status_name: str, account: str) -> None:
    url = round_url("report-action", plan, year=2025, pk=action.pk)
    form = client.get(url).context["form"]
    status = plan.status_levels.get(name=status_name)
    data = as_browser_posts(form, status=str(status.pk), account=account)
    assert client.post(url, data).status_code in (200, 302)


def test_open_report_as_two_organisations_close_and_read_the_progress(people):
    plan, alice = people.plan, logged_in(people.alice)
    plan.published = True
    plan.save()
    opened = alice.post(
        round_url("round-new", plan),
        {"year": 2025, "opens_on": "2026-01-01", "closes_on": "2026-02-28", "scale": "default"},
    )
    assert opened.status_code == 302 and FollowUpRound.objects.filter(year=2025).exists()
    bobs = plan.actions.filter(organisation=people.first).first()
    charlies = plan.actions.filter(organisation=people.second).first()
    report(logged_in(people.bob), plan, bobs, "Käytössä", "Kohtaamispaikka avattiin.")
    report(logged_in(people.charlie), plan, charlies, "Aloitettu", "Suunnittelu alkoi.")
    assert ActionReport.objects.filter(round__year=2025).count() == 2

    overview = alice.get(round_url("round-overview", plan, year=2025)).text
    assert "Organisaatio 3" in overview  # has not submitted
    hidden = Client().get(round_url("progress-year", plan, year=2025))
    assert hidden.status_code == 404  # an open round is not public

    closing = alice.post(round_url("round-close", plan, year=2025))
    assert closing.status_code == 302
    public = Client().get(round_url("progress-year", plan, year=2025))  # /en/... (in_english)
    rows = tables(public)["The status of each action in 2025"]
    statuses = {(row[2], row[4]) for row in rows[1:]}
    assert ("Organisaatio 1", "Käytössä") in statuses
    assert ("Organisaatio 2", "Aloitettu") in statuses

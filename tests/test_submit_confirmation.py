"""Submitting an organisation's report with actions unreported asks first, and lists them.

In the `people` fixture bob edits Organisaatio 1, whose actions are 1, 4, 7 and 10 of the
plan "yhteinen". An action counts as reported when its report gives a status or tells
what was done; an empty report (saved with nothing in it) does not.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from lanu.followup.models import ActionReport, Submission
from lanu.followup.rounds import open_round
from tests.html_links import follow

pytestmark = pytest.mark.django_db


@pytest.fixture
def round_(people):
    return open_round(people.plan, 2025, date(2026, 1, 15), date(2026, 3, 31))


def report(round_, number, status=None, account=""):
    action = round_.plan.actions.get(order=number - 1)
    status = round_.plan.status_levels.get(name=status) if status else None
    return ActionReport.objects.create(round=round_, action=action, status=status, account=account)


def submit_url(people, round_, organisation, language="fi") -> str:
    with translation.override(language):
        args = [people.plan.slug, round_.year, organisation.pk]
        return reverse("followup:report-submit", args=args)


def titles(people, *numbers) -> list[str]:
    return [people.plan.actions.get(order=n - 1).title for n in numbers]


def test_submitting_with_unreported_actions_lists_them_and_submits_nothing(client, people, round_):
    report(round_, 1, "Aloitettu")
    report(round_, 4, account="Koulutus pidetty.")
    report(round_, 7)  # saved, but empty: not reported
    client.force_login(people.bob)
    page = client.post(submit_url(people, round_, people.first))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Lähetetäänkö raportti, vaikka toimenpiteitä on raportoimatta?" in text
    assert "2 toimenpiteellä ei ole tilaa eikä kuvausta tehdystä:" in text
    for title in titles(people, 7, 10):
        assert title in text
    for title in titles(people, 1, 4):
        assert title not in text
    assert not Submission.objects.exists()


def test_the_confirmation_submits_and_its_links_lead_to_the_unreported_actions(
    client, people, round_
):
    client.force_login(people.bob)
    page = client.post(submit_url(people, round_, people.first))
    action_page = follow(client, page, "Toimenpide 10: " + titles(people, 10)[0])
    assert action_page.status_code == 200
    done = client.post(submit_url(people, round_, people.first), {"confirm": "yes"}, follow=True)
    assert "Raportti lähetettiin." in done.content.decode()
    submission = Submission.objects.get()
    assert (submission.organisation, submission.submitted_by) == (people.first, people.bob)


def test_a_fully_reported_organisation_submits_at_once(client, people, round_):
    for number in (1, 4, 7, 10):
        report(round_, number, "Käynnissä")
    client.force_login(people.bob)
    response = client.post(submit_url(people, round_, people.first))
    assert response.status_code == 302
    assert Submission.objects.get().organisation == people.first


def test_the_question_is_in_swedish_on_swedish_pages(client, people, round_):
    client.force_login(people.bob)
    url = submit_url(people, round_, people.first, "sv")
    assert url.startswith("/sv/")
    page = client.post(url)
    assert "Skicka rapporten fast åtgärder saknar rapport?" in page.content.decode()
    assert not Submission.objects.exists()

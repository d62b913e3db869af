"""Every step of an open follow-up round is reachable from the plan page, by links only.

The personas of the `people` fixture (conftest.py): alice coordinates the plan "yhteinen",
bob edits Organisaatio 1, charlie Organisaatio 2, vera only reads. No address is typed
here except the plan page's own: each page is reached by following a link's text.
"""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from lanu.followup.rounds import close_round, open_round
from tests.html_links import follow, links

pytestmark = pytest.mark.django_db

OVERVIEW = "Kierroksen yleiskuva ja muistutukset"
HIGHLIGHTS = "Yhteisen työn nostot"
CLOSE = "Sulje kierros"
ROUND = "Seurantakierros 2024"


@pytest.fixture
def round_2024(people):
    return open_round(people.plan, 2024, date(2025, 1, 15), date(2025, 3, 31))


def plan_page(client, people, name=None):
    if name:
        client.force_login(getattr(people, name))
    with translation.override("fi"):  # the plan page in Finnish, whatever came before
        url = reverse("plans:plan", args=[people.plan.slug])
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_coordinator_reaches_the_overview_highlights_and_closing_from_the_plan_page(
    client, people, round_2024
):
    page = plan_page(client, people, "alice")
    assert "Seurantakierros 2024 on auki" in page.content.decode()
    overview = follow(client, page, OVERVIEW)
    assert overview.status_code == 200
    assert "Lähetä muistutukset…" in links(overview)
    assert follow(client, page, HIGHLIGHTS).status_code == 200
    closing = follow(client, page, CLOSE)
    assert closing.status_code == 200
    assert 'method="post"' in closing.content.decode()
    round_page = follow(client, page, ROUND)
    assert follow(client, round_page, OVERVIEW).status_code == 200


@pytest.mark.parametrize(
    ("name", "organisation", "other"),
    [("bob", "Organisaatio 1", "Organisaatio 2"), ("charlie", "Organisaatio 2", "Organisaatio 1")],
)
def test_editor_reaches_their_organisations_report_and_nothing_of_the_coordinator(
    client, people, round_2024, name, organisation, other
):
    page = plan_page(client, people, name)
    report = follow(client, page, f"Organisaation {organisation} raportti")
    assert report.status_code == 200
    assert f"<h1>{organisation}</h1>" in report.content.decode()
    shown = links(page)
    assert f"Organisaation {other} raportti" not in shown
    assert not {OVERVIEW, HIGHLIGHTS, CLOSE} & set(shown)


def test_viewer_sees_the_round_but_no_report_or_coordinators_links(client, people, round_2024):
    page = plan_page(client, people, "vera")
    shown = links(page)
    assert ROUND in shown
    assert not {OVERVIEW, HIGHLIGHTS, CLOSE} & set(shown)
    assert not [text for text in shown if text.startswith("Organisaation ")]


def test_the_public_never_sees_the_rounds_links(client, people, round_2024):
    people.plan.published = True
    people.plan.save()
    page = plan_page(client, people)
    assert "Seurantakierros 2024 on auki" not in page.content.decode()
    assert not {OVERVIEW, HIGHLIGHTS, CLOSE, ROUND} & set(links(page))
    client.force_login(people.mallory)
    assert not {OVERVIEW, HIGHLIGHTS, CLOSE, ROUND} & set(links(plan_page(client, people)))


def test_a_closed_round_is_no_longer_offered_as_open(client, people, round_2024):
    close_round(round_2024, people.alice)
    page = plan_page(client, people, "alice")
    assert "Seurantakierros 2024 on auki" not in page.content.decode()
    assert OVERVIEW not in links(page)

"""The action page's "Similar actions": other organisations' actions, in the plan and in
the other plans the person may read, with their plan, similarity and shared words."""

import pytest
from django.urls import reverse

from lanu.accounts.models import Membership

from .querycount import queries_for
from .similar_data import action_of, plan_of_texts

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

TEXTS = [
    ("Kunta A", "Koulukiusaamisen ehkäiseminen KiVa-ohjelmalla kaikissa kouluissa"),
    ("Kunta B", "Kiusaamista ehkäistään kouluissa KiVa-ohjelman avulla"),
    ("Kunta A", "KiVa-koulu kiusaamisen ehkäisyyn kouluissamme"),
    ("Järjestö C", "Nuorten liikuntaharrastusten tukeminen harrastusseteleillä"),
]


def panel_of(client, action) -> str:
    response = client.get(reverse("plans:action", args=[action.plan.slug, action.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('id="similar-actions-title"')
    return html[start : html.index("</section>", start)]


def test_similar_panel_shows_other_organisations_actions_with_score_and_words(client):
    plan = plan_of_texts("a", TEXTS)
    plan_of_texts("b", [("Kaupunki D", "KiVa-ohjelma kiusaamisen ehkäisyyn kouluissa")])
    panel = panel_of(client, action_of(plan, "Koulukiusaamisen"))
    assert "Kiusaamista ehkäistään kouluissa" in panel and "Kunta B" in panel
    assert "this plan" in panel
    assert "KiVa-ohjelma kiusaamisen ehkäisyyn" in panel and "Suunnitelma b" in panel
    assert "KiVa-koulu kiusaamisen" not in panel  # its own organisation's
    assert "% – very similar" in panel or "% – similar" in panel
    assert "Shared words:" in panel and "kiva" in panel
    assert "Nuorten liikunta" not in panel  # nothing shared


def test_similar_panel_never_shows_a_plan_the_person_may_not_read(client, people):
    plan = plan_of_texts("a", TEXTS)
    hidden = plan_of_texts("c", [("Kaupunki E", "Kiusaamisen ehkäisy KiVa-kouluissa")], False)
    action = action_of(plan, "Koulukiusaamisen")
    assert "Kiusaamisen ehkäisy KiVa" not in panel_of(client, action)
    client.force_login(people.mallory)
    assert "Kiusaamisen ehkäisy KiVa" not in panel_of(client, action)
    Membership.objects.create(user=people.mallory, plan=hidden, role="viewer")
    panel = panel_of(client, action)
    assert "Kiusaamisen ehkäisy KiVa" in panel and "Suunnitelma c" in panel


def test_similar_panel_says_when_there_are_none(client):
    plan = plan_of_texts("a", TEXTS)
    panel = panel_of(client, action_of(plan, "Nuorten liikunta"))
    assert "No similar actions of other organisations." in panel


def test_similar_panel_queries_stay_constant_as_the_plans_grow(client, plan_of):
    small = plan_of(10, slug="pieni")
    url = reverse("plans:action", args=[small.slug, small.actions.first().pk])
    before = queries_for(client, url)
    plan_of(60, slug="iso")
    plan_of(30, slug="toinen")
    assert queries_for(client, url) == before
    large = plan_of(90, slug="suuri")
    assert (
        queries_for(client, reverse("plans:action", args=[large.slug, large.actions.first().pk]))
        == before
    )

"""The public pages of a published plan: what a visitor sees, and what stays hidden."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def page_urls(plan):
    action = plan.actions.first()
    subgoal = action.subgoals.first()
    return [
        reverse("plans:list"),
        reverse("plans:plan", args=[plan.slug]),
        reverse("plans:subgoal", args=[plan.slug, subgoal.pk]),
        reverse("plans:organisation", args=[plan.slug, action.organisation_id]),
        reverse("plans:actions", args=[plan.slug]),
        reverse("plans:action", args=[plan.slug, action.pk]),
    ]


def test_plan_pages_show_the_plan_in_finnish_by_default(client, plan_of):
    plan = plan_of(12)
    for url in page_urls(plan):
        response = client.get(url)
        assert response.status_code == 200, url
        assert '<html lang="fi">' in response.text
        assert plan.name in response.text


def test_plan_page_counts_actions_per_subgoal_and_organisation(client, plan_of):
    plan = plan_of(30, organisations=3)
    response = client.get(reverse("plans:plan", args=[plan.slug]))
    subgoal = plan.goals.get(number="I").subgoals.get(number="1")
    row = response.text.split(f"{subgoal.key} {subgoal.title}</a>")[1].split("</tr>")[0]
    # 30 actions over 15 sub-goals, each action serving two: 4 actions for I.1
    assert '<td class="number">4</td>' in row
    assert "Organisaatio 1: 2" in row


def test_subgoal_page_shows_each_organisations_actions_side_by_side(client, plan_of):
    plan = plan_of(30, organisations=3)
    subgoal = plan.goals.get(number="I").subgoals.get(number="2")
    response = client.get(reverse("plans:subgoal", args=[plan.slug, subgoal.pk]))
    text = response.text
    # actions 0, 1, 15 and 16 serve I.2; they belong to organisations 1 and 2, not 3
    assert text.count('scope="rowgroup"') == 2
    without = text.split("<h2>Organisaatiot, joilla ei ole toimenpiteitä tähän välitavoitteeseen")[
        1
    ]
    assert "Organisaatio 3</a></li>" in without.split("</ul>")[0]
    assert "Toimenpide 0: kohtaamispaikkatoiminnan laajentaminen" in text
    assert "Toimenpide 1: kohtaamispaikkatoiminnan laajentaminen" in text
    assert "Toimenpide 2: kohtaamispaikkatoiminnan laajentaminen" not in text


def test_plan_pages_are_translated_to_swedish_and_english(client, plan_of):
    plan = plan_of(3)
    url = reverse("plans:plan", args=[plan.slug])
    swedish, english = client.get("/sv" + url), client.get("/en" + url)
    assert '<html lang="sv">' in swedish.text and "Organisationer" in swedish.text
    assert '<html lang="en">' in english.text and "Organisations" in english.text
    finnish = client.get(url)
    assert "Organisaatiot" in finnish.text


def test_unpublished_plan_is_not_shown_to_the_public(client, plan_of):
    plan = plan_of(3)
    urls = page_urls(plan) + [reverse("plans:export-json", args=[plan.slug])]
    plan.published = False
    plan.save()
    listing = client.get(reverse("plans:list"))
    assert plan.name not in listing.text
    for url in urls[1:]:
        assert client.get(url).status_code == 404, url


def test_action_of_another_plan_is_not_found_under_this_plan(client, plan_of):
    first, second = plan_of(3, slug="first"), plan_of(3, slug="second")
    other = second.actions.first()
    response = client.get(reverse("plans:action", args=[first.slug, other.pk]))
    assert response.status_code == 404


def test_ease_impact_matrix_counts_actions(client, plan_of):
    plan = plan_of(8)
    response = client.get(reverse("plans:plan", args=[plan.slug]))
    matrix = response.text.split('class="matrix"')[1].split("</table>")[0]
    # n = 0..7: easy when n is odd; low impact when n % 4 == 0 (n = 0 and 4, both hard)
    cells = [c.split("<")[0] for c in matrix.split('<td class="number">')[1:]]
    assert cells == ["4", "2", "0", "2"]  # high: easy, hard; low: easy, hard

"""The ease × impact matrix of an organisation's or a sub-goal's actions: the four fields
of seed 001 with their actions listed, and rating by a form: a coordinator rates any
action, an editor their organisation's, a viewer none; saved through the write path."""

import re

import pytest
from django.urls import reverse

from lanu.history.models import Change
from lanu.plans.models import Action

from .html_links import press

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def unrated(people):
    """The synthetic plan's actions come rated: here none is, to begin with."""
    people.plan.actions.update(ease="", impact="")


def matrix_url(people, organisation=None) -> str:
    return reverse(
        "yearclock:organisation-matrix", args=[people.plan.slug, (organisation or people.first).pk]
    )


def actions_of(people, organisation):
    return list(people.plan.actions.filter(organisation=organisation).order_by("order"))


def test_the_fields_list_their_actions(client, people):
    first, second, *rest = actions_of(people, people.first)
    Action.objects.filter(pk=first.pk).update(ease="easy", impact="high")
    Action.objects.filter(pk=second.pk).update(ease="hard", impact="low")
    client.force_login(people.vera)
    page = client.get(matrix_url(people)).text
    wins, projects = page.index('id="field-quick-wins"'), page.index('id="field-major-projects"')
    reconsider = page.index('id="field-reconsider"')
    unrated = page.index('id="field-unrated"')
    assert first.title in page[wins:projects] and first.title not in page[projects:]
    assert second.title in page[reconsider:unrated]
    assert "Nopeat voitot (1)" in page and "Harkitse uudelleen (1)" in page
    assert f"Ei arvioitu ({len(rest)})" in page
    assert "Tallenna arviot" not in page  # a viewer rates nothing
    assert page.count("<circle") == 2
    assert re.findall(r'<circle cx="([\d.]+)" cy="([\d.]+)"', page)  # a point, not a comma


def test_an_editor_rates_their_organisations_actions_by_the_form(client, people):
    mine = actions_of(people, people.first)[0]
    client.force_login(people.bob)
    page = client.get(matrix_url(people))
    chosen = {f"field-{mine.pk}": "major-projects", f"version-{mine.pk}": mine.version}
    press(client, page, "Tallenna arviot", chosen)
    mine.refresh_from_db()
    assert (mine.ease, mine.impact, mine.version) == ("hard", "high", 2)
    change = Change.objects.get(object_id=mine.pk, kind=Change.Kind.CHANGED)
    assert {f["field"] for f in change.fields} == {"ease", "impact"}


def test_an_editor_cannot_rate_another_organisations_action(client, people):
    theirs = actions_of(people, people.second)[0]
    client.force_login(people.bob)
    data = {f"field-{theirs.pk}": "quick-wins", f"version-{theirs.pk}": theirs.version}
    client.post(matrix_url(people, people.second), data)
    theirs.refresh_from_db()
    assert (theirs.ease, theirs.impact) == ("", "")


def test_a_viewer_may_not_post_ratings(client, people):
    client.force_login(people.vera)
    assert client.post(matrix_url(people), {}).status_code == 403


def test_a_rating_of_an_outdated_matrix_saves_nothing(client, people):
    first, second = actions_of(people, people.first)[:2]
    client.force_login(people.alice)
    data = {f"field-{first.pk}": "quick-wins", f"version-{first.pk}": first.version}
    data |= {f"field-{second.pk}": "small-tasks", f"version-{second.pk}": second.version}
    Action.objects.filter(pk=second.pk).update(version=second.version + 1)  # someone saved
    page = client.post(matrix_url(people), data, follow=True)
    assert "sillä välin: mitään ei tallennettu" in page.text
    first.refresh_from_db()
    assert first.ease == ""


def test_a_field_no_form_offers_is_refused(client, people):
    first = actions_of(people, people.first)[0]
    client.force_login(people.alice)
    data = {f"field-{first.pk}": "kaikki", f"version-{first.pk}": first.version}
    assert client.post(matrix_url(people), data).status_code == 400


def test_a_subgoals_matrix_shows_its_actions(client, people):
    subgoal = people.plan.goals.first().subgoals.first()
    action = subgoal.actions.first()
    client.force_login(people.vera)
    url = reverse("yearclock:subgoal-matrix", args=[people.plan.slug, subgoal.pk])
    assert action.title in client.get(url).text


def test_the_plan_page_links_each_organisations_matrix(client, people):
    client.force_login(people.vera)
    page = client.get(reverse("plans:plan", args=[people.plan.slug])).text
    assert matrix_url(people) in page

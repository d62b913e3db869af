"""The plan's overlap count on the plan page, for its coordinators only: the pairs to
review fall by one with each decision, the pairs decided the same work rise."""

import pytest
from django.urls import reverse

from lanu.plans.models import Action, Metric

from .overlap_data import overlapping

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def plan_page(client, people) -> str:
    response = client.get(reverse("plans:plan", args=[people.plan.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_overlap_count_on_the_plan_page_falls_with_a_same_work_decision(client, people):
    actions = overlapping(people.plan)
    client.force_login(people.alice)
    html = plan_page(client, people)
    assert "3 pairs of similar actions to review · 0 pairs decided the same work" in html
    assert reverse("search-plan:overlaps", args=[people.plan.slug]) in html
    data = {"first": actions[0].pk, "second": actions[1].pk, "verdict": "same_work"}
    client.post(reverse("search-plan:overlap-decide", args=[people.plan.slug]), data)
    html = plan_page(client, people)
    assert "2 pairs of similar actions to review · 1 pair decided the same work" in html


@pytest.mark.parametrize("name", ["bob", "vera"])
def test_overlap_count_is_not_shown_to_others_than_coordinators(client, people, name):
    overlapping(people.plan)
    client.force_login(getattr(people, name))
    html = plan_page(client, people)
    assert "Overlapping work" not in html and "/overlaps/" not in html


def test_overlap_count_follows_changed_texts_and_archived_actions(client, people):
    """The count is kept between visits, never past a change it depends on."""
    actions = overlapping(people.plan)
    client.force_login(people.alice)
    assert "3 pairs of similar actions to review" in plan_page(client, people)
    actions[5].description = "Verkkopalvelujen saavutettavuus"
    actions[5].save()
    assert "2 pairs of similar actions to review" in plan_page(client, people)
    Action.objects.filter(pk=actions[0].pk).update(archived=True)  # no signal, no version
    assert "1 pair of similar actions to review" in plan_page(client, people)
    Action.objects.filter(pk=actions[0].pk).update(archived=False)
    assert "2 pairs of similar actions to review" in plan_page(client, people)
    Metric.objects.create(action=actions[5], text="Nuorisovaltuusto kuulee nuoria päätöksenteossa")
    assert "3 pairs of similar actions to review" in plan_page(client, people)

"""The pages and files that list a plan's child impact assessments read them in a fixed
number of queries however many there are and however many sub-goals and actions each
links to."""

import pytest
from django.urls import reverse

from tests.personas import as_persona
from tests.querycount import queries_for
from tests.voice_assessments import action_of, assessment, draft

pytestmark = pytest.mark.django_db


def add_assessments(plan, organisation, count: int) -> None:
    actions = list(plan.actions.filter(organisation=organisation))
    subgoals = [subgoal for action in actions for subgoal in action.subgoals.all()]
    for n in range(count):
        assessment(plan, actions=actions, subgoals=subgoals, title=f"Päätös {n}")
        draft(plan, actions=actions, subgoals=subgoals, title=f"Luonnos {n}")


def addresses(plan, action) -> list[str]:
    subgoal = action.subgoals.first()
    return [
        reverse("voice:assessments", args=[plan.slug]),
        reverse("voice:assessments-csv", args=[plan.slug]),
        reverse("voice:assessments-xlsx", args=[plan.slug]),
        reverse("plans:plan", args=[plan.slug]),
        reverse("plans:subgoal", args=[plan.slug, subgoal.pk]),
        reverse("plans:action", args=[plan.slug, action.pk]),
        reverse("plans:export-json", args=[plan.slug]),
    ]


@pytest.mark.parametrize("person", ["alice", "bob", None])
def test_assessment_lists_read_in_a_fixed_number_of_queries(client, people, person):
    plan = people.plan
    plan.published = True
    plan.save()
    action = action_of(plan, people.first)
    as_persona(client, people, person)
    add_assessments(plan, people.first, 1)
    few = {url: queries_for(client, url) for url in addresses(plan, action)}
    add_assessments(plan, people.first, 5)
    many = {url: queries_for(client, url) for url in addresses(plan, action)}
    assert many == few


def test_assessment_page_reads_its_links_in_a_fixed_number_of_queries(client, people):
    plan = people.plan
    as_persona(client, people, "alice")
    one = assessment(plan, actions=[action_of(plan, people.first)])
    every = assessment(plan, actions=plan.actions.all())
    every.subgoals.set([s for a in plan.actions.all() for s in a.subgoals.all()])
    for name in ("voice:assessment", "voice:assessment-docx"):
        few = queries_for(client, reverse(name, args=[plan.slug, one.pk]))
        assert queries_for(client, reverse(name, args=[plan.slug, every.pk])) == few, name

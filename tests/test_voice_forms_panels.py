"""The forms on the plan's pages: the plan page's "Voice of children and youth", the
forms about a sub-goal or an action on its page, and the link to ask children and youth
about it for those who make forms. The public sees only forms with published results;
the queries do not grow with the forms."""

import pytest
from django.urls import reverse

from lanu.plans.models import Plan
from lanu.voice.models import FeedbackForm
from tests.personas import as_persona
from tests.querycount import queries_for
from tests.voice_data import answer, feedback_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
ASK = "Ask children and youth about this"


def pages(people):
    subgoal = people.plan.goals.first().subgoals.first()
    action = people.plan.actions.filter(organisation=people.first).first()
    slug = people.plan.slug
    return (
        subgoal,
        action,
        {
            "plan": reverse("plans:plan", args=[slug]),
            "subgoal": reverse("plans:subgoal", args=[slug, subgoal.pk]),
            "action": reverse("plans:action", args=[slug, action.pk]),
        },
    )


def html_of(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_voice_panels_show_the_people_every_form_with_links(client, people):
    subgoal, action, urls = pages(people)
    about_subgoal = feedback_form(people.plan, title="Alatavoitteen lomake", subgoal=subgoal)
    feedback_form(people.plan, title="Toimenpiteen kysely", action=action, state="draft")
    as_persona(client, people, "alice")
    plan_page = html_of(client, urls["plan"])
    assert "Voice of children and youth" in plan_page
    assert "Alatavoitteen lomake" in plan_page and "Toimenpiteen kysely" in plan_page
    assert reverse("voice:forms", args=[people.plan.slug]) in plan_page
    subgoal_page = html_of(client, urls["subgoal"])
    assert "Alatavoitteen lomake" in subgoal_page and "Toimenpiteen kysely" not in subgoal_page
    assert reverse("voice:summary", args=[people.plan.slug, about_subgoal.pk]) in subgoal_page
    new = reverse("voice:form-new", args=[people.plan.slug])
    assert f'href="{new}?subgoal={subgoal.pk}">{ASK}' in subgoal_page
    action_page = html_of(client, urls["action"])
    assert (
        "Toimenpiteen kysely" in action_page and f'href="{new}?action={action.pk}"' in action_page
    )


@pytest.mark.parametrize("name", ["vera", "mallory", None])
def test_voice_panels_show_others_only_forms_with_published_results(client, people, name):
    Plan.objects.filter(pk=people.plan.pk).update(published=True)
    subgoal, action, urls = pages(people)
    feedback_form(people.plan, title="Julkaistut tulokset", subgoal=subgoal, summary_published=True)
    feedback_form(people.plan, title="Keskeneräinen", subgoal=subgoal)
    feedback_form(
        people.plan, title="Luonnos", subgoal=subgoal, summary_published=True, state="draft"
    )
    as_persona(client, people, name)
    for page in ("plan", "subgoal"):
        html = html_of(client, urls[page])
        assert "Julkaistut tulokset" in html
        assert "Keskeneräinen" not in html and "Luonnos" not in html
        assert ASK not in html
        assert f'href="{reverse("voice:forms", args=[people.plan.slug])}"' not in html


def test_voice_panels_editor_is_asked_but_reads_only_own_summaries(client, people):
    subgoal, action, urls = pages(people)
    own = feedback_form(people.plan, title="Bobin", subgoal=subgoal, organisation=people.first)
    other = feedback_form(
        people.plan, title="Charlien", subgoal=subgoal, organisation=people.second
    )
    html = html_of(as_persona(client, people, "bob"), urls["subgoal"])
    assert ASK in html
    assert reverse("voice:summary", args=[people.plan.slug, own.pk]) in html
    assert reverse("voice:summary", args=[people.plan.slug, other.pk]) not in html


@pytest.mark.parametrize("page", ["plan", "subgoal", "action"])
@pytest.mark.parametrize("name", ["alice", None])
def test_voice_panels_queries_do_not_grow_with_the_forms(client, people, page, name):
    Plan.objects.filter(pk=people.plan.pk).update(published=True)
    subgoal, action, urls = pages(people)
    as_persona(client, people, name)
    fields = {"subgoal": subgoal} if page != "action" else {"action": action}
    answer(feedback_form(people.plan, summary_published=True, **fields), score=9)
    few = queries_for(client, urls[page])
    for n in range(4):
        feedback_form(people.plan, title=f"Lomake {n}", summary_published=True, **fields)
    FeedbackForm.objects.update(closes_at="2030-01-01T00:00Z")
    assert queries_for(client, urls[page]) == few

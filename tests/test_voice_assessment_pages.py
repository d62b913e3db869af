"""Child impact assessments of a plan: who reads and writes them, drafts kept from the
public, links only to the plan's own sub-goals and actions, refused forms keeping
what was typed."""

import pytest
from django.urls import reverse

from lanu.history.models import Change
from lanu.importers.synthetic import build_plan
from lanu.voice.models import ChildImpactAssessment
from tests.personas import as_persona, check_outcome, form_data
from tests.voice_assessments import action_of, assessment, draft
from tests.voice_data import voice_url

pytestmark = pytest.mark.django_db

READERS = [
    pytest.param("alice", 200, id="alice-coordinator"),
    pytest.param("bob", 200, id="bob-editor"),
    pytest.param("charlie", 200, id="charlie-editor"),
    pytest.param("vera", 200, id="vera-viewer"),
    pytest.param("mallory", 404, id="mallory-no-role"),
    pytest.param(None, 404, id="anonymous"),
]
# An assessment linked to bob's organisation's action: who may change it.
EDITORS = [
    pytest.param("alice", "done", id="alice-coordinator"),
    pytest.param("bob", "done", id="bob-editor-of-the-action"),
    pytest.param("charlie", 403, id="charlie-editor-of-another"),
    pytest.param("vera", 403, id="vera-viewer"),
    pytest.param("mallory", 404, id="mallory-no-role"),
]


def new_form(client, plan):
    response = client.get(voice_url("assessment-new", plan))
    assert response.status_code == 200
    return response.context["form"]


@pytest.mark.parametrize("person, expected", READERS)
def test_assessment_list_of_an_unpublished_plan_for_its_people_only(
    client, people, person, expected
):
    draft(people.plan)
    response = as_persona(client, people, person).get(voice_url("assessments", people.plan))
    assert response.status_code == expected
    if expected == 200:
        assert "Luonnos: koulukuljetusten muutos" in response.content.decode()


def test_assessment_drafts_never_reach_the_public(client, people):
    plan = people.plan
    plan.published = True
    plan.save()
    action = action_of(plan, people.first)
    subgoal = action.subgoals.first()
    ready = assessment(plan, actions=[action], subgoals=[subgoal])
    hidden = draft(plan, actions=[action], subgoals=[subgoal])
    pages = [
        voice_url("assessments", plan),
        reverse("plans:plan", args=[plan.slug]),
        reverse("plans:subgoal", args=[plan.slug, subgoal.pk]),
        reverse("plans:action", args=[plan.slug, action.pk]),
        voice_url("assessments-csv", plan),
        reverse("plans:export-json", args=[plan.slug]),
    ]
    for page in pages:
        text = b"".join(client.get(page)).decode("utf-8")
        assert ready.title in text, page
        assert hidden.title not in text and "koulukuljetus" not in text, page
    assert client.get(voice_url("assessment", plan, hidden.pk)).status_code == 404
    assert client.get(voice_url("assessment-docx", plan, hidden.pk)).status_code == 404
    assert client.get(voice_url("assessment", plan, ready.pk)).status_code == 200
    as_persona(client, people, "vera")
    assert client.get(voice_url("assessment", plan, hidden.pk)).status_code == 200


@pytest.mark.parametrize("person, expected", EDITORS)
def test_assessment_edit_by_coordinator_and_editor_of_a_linked_action(
    client, people, person, expected
):
    found = assessment(people.plan, actions=[action_of(people.plan, people.first)])
    as_persona(client, people, person)
    address = voice_url("assessment-edit", people.plan, found.pk)
    response = client.get(address)
    if expected != "done":
        assert response.status_code == expected
        assert client.post(address, {"title": "Muutettu"}).status_code == expected
        return
    data = form_data(response.context["form"], title="Muutettu päätös")
    check_outcome(client.post(address, data), "done")
    found.refresh_from_db()
    assert found.title == "Muutettu päätös"


@pytest.mark.parametrize(
    "person, expected",
    [
        pytest.param("alice", 200, id="alice-coordinator"),
        pytest.param("bob", 200, id="bob-editor"),
        pytest.param("vera", 403, id="vera-viewer"),
        pytest.param("mallory", 404, id="mallory-no-role"),
    ],
)
def test_assessment_new_form_for_coordinators_and_editors(client, people, person, expected):
    response = as_persona(client, people, person).get(voice_url("assessment-new", people.plan))
    assert response.status_code == expected


def test_assessment_new_form_asks_an_anonymous_visitor_to_log_in(client, people):
    people.plan.published = True
    people.plan.save()
    response = client.get(voice_url("assessment-new", people.plan))
    check_outcome(response, "login")


def test_assessment_an_editor_writes_one_for_their_own_action(client, people, in_english):
    plan = people.plan
    own = action_of(plan, people.first)
    as_persona(client, people, "bob")
    changes = {
        "title": "Nuorisotilan siirto",
        "actions": [own.pk],
        "effect_leisure": "negative",
        "effect_leisure_description": "Matka pitenee",
        "check_heard": True,
        "check_heard_note": "Kysely 8.-9.-luokkalaisille",
        "state": "ready",
    }
    response = client.post(
        voice_url("assessment-new", plan), form_data(new_form(client, plan), **changes)
    )
    created = ChildImpactAssessment.objects.get()
    assert response.status_code == 302 and response.url == voice_url("assessment", plan, created.pk)
    assert created.effects == {"leisure": {"direction": "negative", "description": "Matka pitenee"}}
    assert created.checklist == {"heard": {"done": True, "note": "Kysely 8.-9.-luokkalaisille"}}
    assert created.created_by == people.bob and list(created.actions.all()) == [own]
    assert Change.objects.filter(object_id=created.pk, kind=Change.Kind.CREATED).exists()
    page = client.get(response.url).content.decode()
    assert "Leisure and hobbies" in page and "Negative" in page and "Matka pitenee" in page
    assert "Done:" in page and "Kysely 8.-9.-luokkalaisille" in page


def test_assessment_an_editor_is_refused_one_of_only_other_organisations_actions(
    client, people, in_english
):
    plan = people.plan
    others = action_of(plan, people.second)
    as_persona(client, people, "bob")
    changes = {"title": "Nuorisotilan siirto", "children": "Yläkoululaiset"}
    data = form_data(new_form(client, plan), **changes)
    for actions, message in (
        ([others.pk], f"Select a valid choice. {others.pk} is not one of the available choices."),
        ([], "Link at least one action of your own organisation to the assessment."),
    ):
        response = client.post(voice_url("assessment-new", plan), {**data, "actions": actions})
        assert response.status_code == 200
        page = response.content.decode()
        assert message in page
        assert 'value="Nuorisotilan siirto"' in page and "Yläkoululaiset</textarea>" in page
    assert not ChildImpactAssessment.objects.exists()


def test_assessment_links_to_another_plans_sub_goals_and_actions_are_refused(
    client, people, in_english
):
    plan = people.plan
    other = build_plan(3, organisations=1, slug="toinen")
    foreign_action = other.actions.first()
    foreign_subgoal = foreign_action.subgoals.first()
    as_persona(client, people, "alice")
    changes = {"title": "Päätös", "effect_health": "positive"}
    for field, pk in (("actions", foreign_action.pk), ("subgoals", foreign_subgoal.pk)):
        data = form_data(new_form(client, plan), **changes, **{field: [pk]})
        response = client.post(voice_url("assessment-new", plan), data)
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
        assert response.context["form"]["effect_health"].value() == "positive"
    assert not ChildImpactAssessment.objects.exists()


def test_assessment_of_another_plan_is_not_found_under_this_one(client, people):
    other = build_plan(3, organisations=1, slug="toinen")
    elsewhere = assessment(other)
    as_persona(client, people, "alice")
    assert client.get(voice_url("assessment", people.plan, elsewhere.pk)).status_code == 404
    assert client.get(voice_url("assessment-edit", people.plan, elsewhere.pk)).status_code == 404


def test_assessment_an_edit_is_in_the_history_with_the_effects_in_words(client, people, in_english):
    found = assessment(people.plan, actions=[action_of(people.plan, people.first)])
    address = voice_url("assessment-edit", people.plan, found.pk)
    as_persona(client, people, "alice")
    form = client.get(address).context["form"]
    assert form["effect_health"].value() == "positive"
    assert form["check_heard_note"].value() == "Nuorisovaltuusto 3.2."
    data = form_data(form, effect_safety="unknown")
    assert client.post(address, data).status_code == 302
    change = Change.objects.get(object_id=found.pk, kind=Change.Kind.CHANGED)
    effects = next(field for field in change.fields if field["field"] == "effects")
    assert "Safety: Not known" in effects["new"] and "Safety" not in effects["old"]
    found.refresh_from_db()
    assert found.version == 2 and found.effects["safety"] == {
        "direction": "unknown",
        "description": "",
    }

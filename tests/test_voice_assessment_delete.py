"""A child impact assessment made by mistake is deleted from its page: a confirmation
page names it and says what goes, its POST deletes it for those who may edit it, and
the plan's people read the deletion in the list's history. Everyone else is refused
and nothing goes."""

import pytest
from django.test import Client

from lanu.history.models import Change
from lanu.voice.models import ChildImpactAssessment
from tests.html_links import follow, links, press
from tests.personas import REFUSED_OUTSIDE_BOBS_ORGANISATION, as_persona
from tests.voice_assessments import action_of, assessment, draft
from tests.voice_data import feedback_form, voice_url

pytestmark = pytest.mark.django_db

TITLE = "Perhekeskuksen aukioloaikojen muutos"


def bobs(people, **fields):
    return assessment(people.plan, actions=[action_of(people.plan, people.first)], **fields)


@pytest.mark.parametrize("person", ["alice", "bob"])
def test_assessment_deleted_from_its_page_after_a_confirmation(client, people, in_english, person):
    plan = people.plan
    found = bobs(people)
    other = bobs(people, title="Nuorisotilan siirto")
    as_persona(client, people, person)
    page = client.get(voice_url("assessment", plan, found.pk))
    confirmation = follow(client, page, "Delete the assessment")
    text = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert f"Delete the child impact assessment “{TITLE}”" in text
    assert "its effects, its checklist and its links" in text
    assert ChildImpactAssessment.objects.filter(pk=found.pk).exists()  # a GET deletes nothing
    deleted = press(client, confirmation, "Delete", follow=True)
    assert deleted.redirect_chain == [(voice_url("assessments", plan), 302)]
    listed = deleted.content.decode()
    assert f"The child impact assessment “{TITLE}” was deleted." in listed
    assert not ChildImpactAssessment.objects.filter(pk=found.pk).exists()
    assert other.title in links(deleted)
    assert TITLE not in links(deleted)
    history = listed.split("Deleted assessments", 1)[1]
    assert "Removed" in history and TITLE in history and person.capitalize() in history
    change = Change.objects.get(kind=Change.Kind.REMOVED)
    assert (change.plan, change.object_id, change.object_repr) == (plan, found.pk, TITLE)
    assert change.user == getattr(people, person)


def test_assessment_deleted_keeps_its_feedback_form_and_actions(client, people):
    hearing = feedback_form(people.plan, title="Nuorisovaltuuston kuuleminen")
    found = bobs(people, feedback_form=hearing)
    as_persona(client, people, "alice")
    response = client.post(voice_url("assessment-delete", people.plan, found.pk))
    assert response.status_code == 302
    assert not ChildImpactAssessment.objects.exists()
    hearing.refresh_from_db()
    assert hearing.title == "Nuorisovaltuuston kuuleminen"
    assert people.plan.actions.filter(pk=action_of(people.plan, people.first).pk).exists()


@pytest.mark.parametrize("person, status", REFUSED_OUTSIDE_BOBS_ORGANISATION)
def test_assessment_delete_refused_to_those_who_may_not_edit_it(client, people, person, status):
    found = bobs(people)
    as_persona(client, people, person)
    address = voice_url("assessment-delete", people.plan, found.pk)
    assert client.get(address).status_code == status
    assert client.post(address).status_code == status
    assert ChildImpactAssessment.objects.filter(pk=found.pk).exists()
    assert not Change.objects.filter(kind=Change.Kind.REMOVED).exists()
    if status == 403:
        page = client.get(voice_url("assessment", people.plan, found.pk))
        assert voice_url("assessment-delete", people.plan, found.pk) not in page.content.decode()


def test_assessment_delete_on_a_published_plan_hides_drafts_and_asks_to_log_in(client, people):
    plan = people.plan
    plan.published = True
    plan.save()
    ready = bobs(people)
    hidden = draft(plan, actions=[action_of(plan, people.first)])
    asked = client.post(voice_url("assessment-delete", plan, ready.pk))
    assert asked.status_code == 302 and "/accounts/login/" in asked.url
    as_persona(client, people, "mallory")
    assert client.post(voice_url("assessment-delete", plan, ready.pk)).status_code == 403
    assert client.post(voice_url("assessment-delete", plan, hidden.pk)).status_code == 404
    assert ChildImpactAssessment.objects.count() == 2


def test_assessment_delete_needs_the_csrf_token(people):
    found = bobs(people)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.alice)
    assert strict.post(voice_url("assessment-delete", people.plan, found.pk)).status_code == 403
    assert ChildImpactAssessment.objects.filter(pk=found.pk).exists()


def test_assessment_deletions_are_not_shown_to_the_public(client, people, in_english):
    plan = people.plan
    plan.published = True
    plan.save()
    gone = draft(plan, actions=[action_of(plan, people.first)], title="Salainen luonnos")
    as_persona(client, people, "bob").post(voice_url("assessment-delete", plan, gone.pk))
    client.logout()
    public = client.get(voice_url("assessments", plan)).content.decode()
    assert "Salainen luonnos" not in public and "Deleted assessments" not in public
    as_persona(client, people, "vera")
    shown = client.get(voice_url("assessments", plan)).content.decode()
    assert "Deleted assessments" in shown and "Salainen luonnos" in shown

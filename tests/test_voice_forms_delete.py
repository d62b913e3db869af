"""A feedback form or hearing made by mistake is deleted from its settings page while it
has no answers: a confirmation page names it and says what goes, the plan's history
keeps the deletion. A form with answers stays: its pages say why, and a POST deletes
nothing, for the answers of children go only by the retention rule."""

import datetime

import pytest
from django.test import Client

from lanu.history.models import Change
from lanu.voice.models import Answer, ChildImpactAssessment, FeedbackForm, Question, Response
from lanu.voice.retention import delete_old_answers
from tests.html_links import follow, links, press
from tests.personas import REFUSED_OUTSIDE_BOBS_ORGANISATION, as_persona
from tests.voice_assessments import action_of, assessment
from tests.voice_data import answer, feedback_form, voice_url

pytestmark = pytest.mark.django_db

TITLE = "Miten meillä menee?"
KEPT = "so it cannot be deleted here"


def stored() -> tuple:
    return tuple(model.objects.count() for model in (FeedbackForm, Question, Response, Answer))


@pytest.mark.parametrize("person", ["alice", "bob"])
def test_voice_form_without_answers_deleted_from_its_settings(client, people, in_english, person):
    plan = people.plan
    found = feedback_form(plan, organisation=people.first)
    kept = feedback_form(plan, title="Toinen lomake", organisation=people.first)
    as_persona(client, people, person)
    settings = client.get(voice_url("form-edit", plan, found.pk))
    confirmation = follow(client, settings, f"Delete the form “{TITLE}”")
    text = confirmation.content.decode()
    assert confirmation.status_code == 200
    assert f"Delete “{TITLE}”" in text and "deleted with its questions" in text
    assert FeedbackForm.objects.filter(pk=found.pk).exists()  # a GET deletes nothing
    deleted = press(client, confirmation, "Delete", follow=True)
    assert deleted.redirect_chain == [(voice_url("forms", plan), 302)]
    listed = deleted.content.decode()
    assert f"“{TITLE}” was deleted." in listed
    assert TITLE not in links(deleted) and kept.title in links(deleted)
    assert not Question.objects.filter(form_id=found.pk).exists()
    change = Change.objects.get(kind=Change.Kind.REMOVED)
    assert (change.plan, change.object_id, change.user) == (plan, found.pk, getattr(people, person))
    shown = as_persona(client, people, "alice").get(voice_url("forms", plan)).content.decode()
    history = shown.split("Deleted forms and hearings", 1)[1]
    assert "Removed" in history and TITLE in history and person.capitalize() in history


def test_voice_form_deletions_are_listed_to_coordinators_only(client, people, in_english):
    found = feedback_form(people.plan, title="Bobin lomake", organisation=people.first)
    as_persona(client, people, "bob").post(
        voice_url("form-delete", people.plan, found.pk), follow=True
    )
    assert not FeedbackForm.objects.exists()
    for person in ("bob", "charlie"):
        page = as_persona(client, people, person).get(voice_url("forms", people.plan))
        assert "Bobin lomake" not in page.content.decode()


@pytest.mark.parametrize("person, status", REFUSED_OUTSIDE_BOBS_ORGANISATION)
def test_voice_form_delete_refused_to_those_who_may_not_manage_it(client, people, person, status):
    found = feedback_form(people.plan, organisation=people.first)
    as_persona(client, people, person)
    address = voice_url("form-delete", people.plan, found.pk)
    assert client.get(address).status_code == status
    assert client.post(address).status_code == status
    assert FeedbackForm.objects.filter(pk=found.pk).exists()
    assert not Change.objects.exists()


def test_voice_form_with_answers_says_why_it_stays_and_refuses_a_post(client, people, in_english):
    plan = people.plan
    found = feedback_form(plan)
    answer(found, score=9, text="Lisää iltoja nuorisotalolle")
    as_persona(client, people, "alice")
    settings = client.get(voice_url("form-edit", plan, found.pk)).content.decode()
    assert f"The form has 1 response, {KEPT}." in settings
    assert voice_url("form-delete", plan, found.pk) not in settings
    page = client.get(voice_url("form-delete", plan, found.pk))
    assert KEPT in page.content.decode() and "Delete" not in links(page)
    before = stored()
    refused = client.post(voice_url("form-delete", plan, found.pk))
    assert refused.status_code == 400
    assert f"The form has 1 response, {KEPT}." in refused.content.decode()
    assert "the retention rule" in refused.content.decode()
    assert stored() == before and not Change.objects.exists()


def test_voice_form_whose_old_answers_were_deleted_may_be_deleted(client, people):
    plan = people.plan
    found = feedback_form(plan)
    answer(found, score=9)
    Response.objects.update(submitted_on=datetime.date(plan.period_end, 6, 1))
    as_persona(client, people, "alice")
    assert client.post(voice_url("form-delete", plan, found.pk)).status_code == 400
    delete_old_answers(datetime.date(plan.period_end + 1, 1, 1))
    assert client.post(voice_url("form-delete", plan, found.pk)).status_code == 302
    assert not FeedbackForm.objects.exists()


def test_voice_form_deleted_leaves_the_assessment_that_refers_to_it(client, people, in_english):
    plan = people.plan
    found = feedback_form(plan, title="Nuorisovaltuuston kuuleminen", kind="hearing")
    linked = assessment(plan, actions=[action_of(plan, people.first)], feedback_form=found)
    as_persona(client, people, "alice")
    deleted = client.post(voice_url("form-delete", plan, found.pk), follow=True)
    assert deleted.redirect_chain == [(voice_url("forms", plan), 302)]
    linked.refresh_from_db()
    assert (
        linked.feedback_form is None and linked.title == ChildImpactAssessment.objects.get().title
    )
    page = client.get(voice_url("assessment", plan, linked.pk))
    assert page.status_code == 200 and "Nuorisovaltuuston kuuleminen" not in page.content.decode()


def test_voice_form_delete_needs_the_csrf_token(people):
    found = feedback_form(people.plan)
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.alice)
    assert strict.post(voice_url("form-delete", people.plan, found.pk)).status_code == 403
    assert FeedbackForm.objects.filter(pk=found.pk).exists()

"""Unmoderated text never appears on a public page: a pending or rejected free-text
answer is absent from the form's own pages and the plan's public pages (as an anonymous
visitor and as a person with no role); a published one is shown in the results."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from lanu.voice.models import Answer
from tests.voice_data import answer, feedback_form

pytestmark = pytest.mark.django_db

PENDING_TEXT = "Odottava vastaus: Mikko kiusaa minua"
REJECTED_TEXT = "Hylätty vastaus: soita 040 123 4567"
PUBLISHED_TEXT = "Julkaistu vastaus: lisää iltoja nuorisotalolle"


@pytest.fixture(autouse=True)
def no_counted_answers():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def answered(people):
    """A published plan's open form about a sub-goal and an action, results published,
    with a pending, a rejected and a published text answer."""
    plan = people.plan
    plan.published = True
    plan.save()
    subgoal = plan.goals.order_by("order").first().subgoals.first()
    action = plan.actions.first()
    form = feedback_form(plan, subgoal=subgoal, action=action, summary_published=True)
    states = [
        (PENDING_TEXT, Answer.Moderation.PENDING),
        (REJECTED_TEXT, Answer.Moderation.REJECTED),
        (PUBLISHED_TEXT, Answer.Moderation.PUBLISHED),
    ]
    for text, state in states:
        answer(form, score=8, text=text).answers.filter(text=text).update(moderation=state)
    return form, subgoal, action


def public_pages(form, subgoal, action) -> list[str]:
    slug = form.plan.slug
    short = [reverse(f"voice-short:{name}", args=[form.code]) for name in ("answer", "thanks")]
    plan_pages = [
        reverse("plans:plan", args=[slug]),
        reverse("plans:subgoal", args=[slug, subgoal.pk]),
        reverse("plans:action", args=[slug, action.pk]),
        reverse("plans:actions", args=[slug]),
    ]
    return [*short, reverse("voice-short:results", args=[form.code]), *plan_pages]


def visitors(people) -> list[Client]:
    anonymous, no_role = Client(), Client()
    no_role.force_login(people.mallory)
    stranger = get_user_model().objects.create_user("tuntematon", password="salasana-123")
    by_stranger = Client()
    by_stranger.force_login(stranger)
    return [anonymous, no_role, by_stranger]


def test_unmoderated_text_is_on_no_public_page(people, answered):
    form, subgoal, action = answered
    for visitor in visitors(people):
        for url in public_pages(form, subgoal, action):
            response = visitor.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert PENDING_TEXT not in html and REJECTED_TEXT not in html, url
            assert "040 123 4567" not in html and "Mikko" not in html, url


def test_published_text_is_shown_in_the_results(client, answered):
    form, _subgoal, _action = answered
    html = client.get(reverse("voice-short:results", args=[form.code])).content.decode()
    assert PUBLISHED_TEXT in html


def test_a_refused_form_shows_back_only_what_this_person_typed(client, people, answered):
    """The answering page after an error holds the person's own text, never another's."""
    form, _subgoal, _action = answered
    score = form.questions.get(kind="score")
    score.required = True
    score.save()
    url = reverse("voice-short:answer", args=[form.code])
    html = client.post(url, {}).content.decode()
    assert PENDING_TEXT not in html and REJECTED_TEXT not in html and PUBLISHED_TEXT not in html

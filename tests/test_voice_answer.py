"""Answering a form at its short link /v/<code>/: in the form's language, only the form,
stored through the one path, then the thanks page; a refused form keeps what was typed;
a draft is not found and a closed form says so, and neither takes an answer."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from lanu.voice.answering import HONEYPOT, field_name
from lanu.voice.models import Answer, FeedbackForm, Question, Response
from tests.querycount import queries_for
from tests.voice_data import feedback_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_counted_answers():
    """The throttle's counts live in the cache, across tests: each test starts afresh."""
    cache.clear()
    yield
    cache.clear()


def url(form, name="answer"):
    return reverse(f"voice-short:{name}", args=[form.code])


def fields(form) -> dict:
    return {question.kind: field_name(question) for question in form.questions.all()}


def full_answer(form, **changes) -> dict:
    names = fields(form)
    data = {
        names[Question.Kind.SCORE]: "9",
        names[Question.Kind.SMILEY]: "5",
        names[Question.Kind.CHOICE]: "Koulussa",
        names[Question.Kind.CHOICES]: ["Koulussa", "Kotona"],
        names[Question.Kind.TEXT]: "Lisää iltoja nuorisotalolle",
        "age_group": "13-15",
    }
    return data | changes


def test_answer_page_shows_only_the_form_of_an_unpublished_plan(client, people):
    form = feedback_form(people.plan, introduction="Kerro meille, miten koulussa menee.")
    html = client.get(url(form)).content.decode()
    assert people.plan.published is False
    assert "Miten meillä menee?" in html and "Kerro meille, miten koulussa menee." in html
    assert people.plan.name not in html and "Organisaatio" not in html
    assert '<html lang="fi">' in html and "Lähetä vastaukseni" in html
    assert html.count("<fieldset") == 6 and html.count("<legend>") == 6  # 5 questions, age


def test_answer_page_is_in_the_forms_language_whatever_the_address(client, people):
    form = feedback_form(people.plan, language="sv")
    response = client.get("/en" + url(form))
    html = response.content.decode()
    assert '<html lang="sv">' in html and response["Content-Language"] == "sv"
    assert "Skicka mina svar" in html and "Mycket bra" in html  # the smiley's word


def test_the_score_says_what_its_ends_mean_and_the_smiley_its_word(client, people, in_english):
    form = feedback_form(people.plan, language="en")
    html = client.get(url(form)).content.decode()
    assert "0 = not at all likely, 10 = very likely" in html
    assert '<span class="visually-hidden"> (not at all likely)</span>' in html
    assert (
        '<span class="face" aria-hidden="true">😀</span><span class="word">Very good</span>' in html
    )
    assert "At most 2000 characters" in html and 'maxlength="2000"' in html


def test_answers_are_stored_and_the_person_thanked(client, people):
    form = feedback_form(people.plan)
    response = client.post(url(form), full_answer(form))
    assert response.status_code == 302 and response["Location"] == url(form, "thanks")
    stored = Response.objects.get(form=form)
    assert stored.age_group == "13-15"
    values = {a.question.kind: (a.number, a.chosen, a.text) for a in stored.answers.all()}
    assert values[Question.Kind.SCORE][0] == 9 and values[Question.Kind.SMILEY][0] == 5
    assert values[Question.Kind.CHOICES][1] == ["Koulussa", "Kotona"]
    assert values[Question.Kind.TEXT][2] == "Lisää iltoja nuorisotalolle"
    assert "Kiitos vastauksistasi" in client.get(response["Location"]).content.decode()


def test_a_refused_form_keeps_what_was_typed(client, people, in_english):
    form = feedback_form(people.plan, language="en")
    score = form.questions.get(kind=Question.Kind.SCORE)
    score.required = True
    score.save()
    data = full_answer(form, **{field_name(score): ""})
    data[fields(form)[Question.Kind.TEXT]] = "Pidempi <b>aukiolo</b>"
    response = client.post(url(form), data)
    html = response.content.decode()
    assert response.status_code == 200 and not Response.objects.exists()
    assert '<div class="error-summary" role="alert"' in html
    assert f'href="#id_{field_name(score)}_0"' in html and "This field is required." in html
    assert "Pidempi &lt;b&gt;aukiolo&lt;/b&gt;</textarea>" in html
    assert html.count(" checked") == 5  # the smiley, the choice, two choices, the age group
    assert 'value="13-15" id="id_age_group_3" checked>' in html


def test_a_draft_or_an_unknown_code_is_not_found_and_takes_nothing(client, people):
    form = feedback_form(people.plan, state=FeedbackForm.State.DRAFT)
    assert client.get(url(form)).status_code == 404
    assert client.post(url(form), full_answer(form)).status_code == 404
    assert client.get(url(form, "thanks")).status_code == 404
    assert client.get("/v/eiolemassa/").status_code == 404
    assert not Response.objects.exists()


def test_a_closed_form_says_so_with_its_date_and_takes_nothing(client, people):
    closed_at = timezone.make_aware(datetime.datetime(2026, 3, 5, 16, 0))
    form = feedback_form(people.plan, state=FeedbackForm.State.CLOSED, closes_at=closed_at)
    response = client.get(url(form))
    html = response.content.decode()
    assert response.status_code == 200 and "<form" not in html
    assert "5.3.2026" in html and "16.00" in html
    assert client.post(url(form), full_answer(form)).status_code == 200
    assert not Response.objects.exists()


def test_a_form_not_yet_open_says_when_it_opens(client, people):
    opens = timezone.now() + datetime.timedelta(days=3)
    form = feedback_form(people.plan, opens_at=opens)
    html = client.get(url(form)).content.decode()
    local = timezone.localtime(opens)
    assert f"{local.day}.{local.month}.{local.year}" in html and "<form" not in html
    client.post(url(form), full_answer(form))
    assert not Response.objects.exists()


def test_an_open_form_past_its_closing_time_takes_nothing(client, people):
    form = feedback_form(people.plan, closes_at=timezone.now() - datetime.timedelta(hours=1))
    assert "<form" not in client.get(url(form)).content.decode()
    client.post(url(form), full_answer(form))
    assert not Response.objects.exists()


def test_a_filled_honeypot_stores_nothing_and_thanks_the_same(client, people):
    form = feedback_form(people.plan)
    response = client.post(url(form), full_answer(form, **{HONEYPOT: "http://spam.example"}))
    assert response.status_code == 302 and response["Location"] == url(form, "thanks")
    assert not Response.objects.exists() and not Answer.objects.exists()


def test_answering_sets_no_cookie_but_csrfs(client, people):
    form = feedback_form(people.plan)
    page = client.get(url(form))
    assert set(page.cookies) <= {"csrftoken"}
    answered = client.post(url(form), full_answer(form))
    thanks = client.get(answered["Location"])
    assert set(answered.cookies) | set(thanks.cookies) <= {"csrftoken"}
    assert "sessionid" not in client.cookies


def test_answer_page_queries_do_not_grow_with_the_questions(client, people):
    form = feedback_form(people.plan)
    few = queries_for(client, url(form))
    for order in range(5, 25):
        form.questions.create(kind=Question.Kind.SMILEY, text=f"Kysymys {order}", order=order)
    assert queries_for(client, url(form)) == few

"""A form's questions as the coordinator edits them: add, change, remove, reorder; a
question that has answers keeps its kind and stays; an open form's questions keep their
kind but their texts may be corrected; the form opened and closed."""

import pytest
from django.urls import reverse

from lanu.voice.models import FeedbackForm, Question
from tests.personas import as_persona
from tests.querycount import queries_for
from tests.voice_data import answer, feedback_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def url_of(form):
    return reverse("voice:questions", args=[form.plan.slug, form.pk])


def draft(people):
    return feedback_form(people.plan, state=FeedbackForm.State.DRAFT)


def fields_of(question, **changes) -> dict:
    prefix = f"q{question.pk}-"
    values = {
        "kind": question.kind,
        "text": question.text,
        "help_text": question.help_text,
        "choices_text": "\n".join(question.choices),
    } | changes
    return {prefix + name: value for name, value in values.items()} | {"save": question.pk}


def texts(form) -> list[str]:
    return list(form.questions.values_list("text", flat=True))


def test_voice_questions_add_a_choice_question_with_choices_one_per_line(client, people):
    form = draft(people)
    as_persona(client, people, "alice")
    data = {
        "new-kind": "choices",
        "new-text": "Mistä pidät?",
        "new-choices_text": "Sähly\r\n Kirjasto \r\n\r\nSähly\r\nKerho",
        "add": "1",
    }
    assert client.post(url_of(form), data).status_code == 302
    added = form.questions.last()
    assert (added.kind, added.text, added.choices) == (
        "choices",
        "Mistä pidät?",
        ["Sähly", "Kirjasto", "Kerho"],
    )
    assert added.order == 5


def test_voice_questions_a_refused_question_keeps_what_was_typed(client, people):
    form = draft(people)
    as_persona(client, people, "alice")
    data = {"new-kind": "choice", "new-text": "Kumpi?", "new-choices_text": "Vain yksi", "add": "1"}
    response = client.post(url_of(form), data)
    assert response.status_code == 200
    assert "Give at least two choices, one per line." in response.content.decode()
    assert response.context["new"]["text"].value() == "Kumpi?"
    assert form.questions.count() == 5


def test_voice_questions_change_the_kind_and_text_of_an_unanswered_question(client, people):
    form = draft(people)
    question = form.questions.get(kind="smiley")
    as_persona(client, people, "alice")
    response = client.post(url_of(form), fields_of(question, kind="text", text="Kerro lisää"))
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.kind, question.text) == ("text", "Kerro lisää")


def test_voice_questions_an_answered_question_keeps_its_kind_and_stays(client, people):
    form = feedback_form(people.plan)
    answer(form, score=8)
    form.state = FeedbackForm.State.CLOSED
    form.save()
    score = form.questions.get(kind="score")
    as_persona(client, people, "alice")
    page = client.get(url_of(form)).content.decode()
    assert "This question has answers, so its kind cannot change." in page
    assert "This question has answers, so it cannot be removed." in page
    response = client.post(url_of(form), fields_of(score, kind="text", text="Uusi teksti"))
    assert response.status_code == 302
    score.refresh_from_db()
    assert (score.kind, score.text) == ("score", "Uusi teksti")
    removed = client.post(url_of(form), {"remove": score.pk}, follow=True)
    assert "This question has answers, so it cannot be removed." in removed.content.decode()
    assert form.questions.filter(pk=score.pk).exists()


def test_voice_questions_an_open_form_keeps_kinds_but_texts_change(client, people):
    form = feedback_form(people.plan)  # open, no answers
    smiley = form.questions.get(kind="smiley")
    as_persona(client, people, "alice")
    page = client.get(url_of(form)).content.decode()
    assert "The form is open, so its questions keep their kind." in page
    client.post(url_of(form), fields_of(smiley, kind="text", text="Miltä nyt tuntuu?"))
    smiley.refresh_from_db()
    assert (smiley.kind, smiley.text) == ("smiley", "Miltä nyt tuntuu?")


def test_voice_questions_remove_an_unanswered_question(client, people):
    form = draft(people)
    smiley = form.questions.get(kind="smiley")
    as_persona(client, people, "alice")
    assert client.post(url_of(form), {"remove": smiley.pk}).status_code == 302
    assert not Question.objects.filter(pk=smiley.pk).exists()
    assert list(form.questions.values_list("order", flat=True)) == [0, 1, 2, 3]


def test_voice_questions_move_up_and_down(client, people):
    form = draft(people)
    first, second, *rest = form.questions.all()
    as_persona(client, people, "alice")
    client.post(url_of(form), {"down": first.pk})
    assert texts(form)[:2] == [second.text, first.text]
    client.post(url_of(form), {"up": first.pk})
    assert texts(form)[:2] == [first.text, second.text]
    at_end = client.post(url_of(form), {"up": first.pk}, follow=True)
    assert "already at that end" in at_end.content.decode()
    assert texts(form)[0] == first.text


def test_voice_questions_open_and_close_the_form(client, people):
    form = draft(people)
    as_persona(client, people, "alice")
    client.post(url_of(form), {"open": "1"})
    form.refresh_from_db()
    assert form.state == FeedbackForm.State.OPEN and form.is_open()
    client.post(url_of(form), {"close": "1"})
    form.refresh_from_db()
    assert form.state == FeedbackForm.State.CLOSED and not form.is_open()


def test_voice_questions_a_form_without_questions_is_not_opened(client, people):
    form = FeedbackForm.objects.create(plan=people.plan, title="Tyhjä")
    as_persona(client, people, "alice")
    response = client.post(url_of(form), {"open": "1"}, follow=True)
    assert "Add at least one question before opening the form." in response.content.decode()
    form.refresh_from_db()
    assert form.state == FeedbackForm.State.DRAFT


def test_voice_questions_of_another_plan_form_are_not_found(client, people):
    form = draft(people)
    other = FeedbackForm.objects.create(plan=people.plan, title="Toinen")
    as_persona(client, people, "alice")
    question = form.questions.first()
    response = client.post(url_of(other), {"remove": question.pk})
    assert response.status_code == 404
    assert Question.objects.filter(pk=question.pk).exists()


def test_voice_questions_page_queries_do_not_grow_with_the_questions(client, people):
    form = draft(people)
    as_persona(client, people, "alice")
    few = queries_for(client, url_of(form))
    for n in range(6):
        form.questions.create(kind="choice", text=f"Kysymys {n}", choices=["a", "b"], order=9 + n)
    answer(form, score=5)
    assert queries_for(client, url_of(form)) == few

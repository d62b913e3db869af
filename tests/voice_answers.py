"""Free-text answers made for the voice tests, inside each test's transaction."""

from datetime import date

from lanu.voice.models import Answer, FeedbackForm, Question, Response
from lanu.voice.personal_data import found_in


def text_form(plan, organisation=None, **fields) -> FeedbackForm:
    """An open form of the plan with one free-text question."""
    fields = {"title": "Mikä nuorisotalossa on kivaa?", "state": FeedbackForm.State.OPEN} | fields
    form = FeedbackForm.objects.create(plan=plan, organisation=organisation, **fields)
    Question.objects.create(form=form, kind=Question.Kind.TEXT, text="Kerro omin sanoin")
    return form


def text_answer(form, text, moderation=Answer.Moderation.PENDING, on=None) -> Answer:
    """One response to the form, its text answer in the given moderation state."""
    response = Response.objects.create(form=form, submitted_on=on or date(2026, 11, 2))
    return Answer.objects.create(
        response=response,
        question=form.questions.get(kind=Question.Kind.TEXT),
        text=text,
        moderation=moderation,
        personal_data=found_in(text),
    )

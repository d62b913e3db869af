"""Feedback forms built for the voice tests: a form with a question of every kind, and
answers stored through the one path (lanu/voice/answering.py)."""

from django.urls import reverse

from lanu.voice.answering import field_name, save_response
from lanu.voice.models import FeedbackForm, Question

CHOICES = ["Koulussa", "Harrastuksissa", "Kotona"]


def voice_url(name, plan, *args) -> str:
    """The address of one of the plan's voice pages (voice:NAME)."""
    return reverse(f"voice:{name}", args=[plan.slug, *args])


def feedback_form(plan, **fields) -> FeedbackForm:
    """An open form of the plan with one question of each kind, in this order."""
    values = {"title": "Miten meillä menee?", "state": FeedbackForm.State.OPEN} | fields
    form = FeedbackForm.objects.create(plan=plan, **values)
    kinds = [
        (Question.Kind.SCORE, "Kuinka todennäköisesti suosittelisit tätä kaverille?", []),
        (Question.Kind.SMILEY, "Miltä tuntuu?", []),
        (Question.Kind.CHOICE, "Missä viihdyt?", CHOICES),
        (Question.Kind.CHOICES, "Missä kaikkialla viihdyt?", CHOICES),
        (Question.Kind.TEXT, "Mitä haluaisit sanoa?", []),
    ]
    for order, (kind, text, choices) in enumerate(kinds):
        form.questions.create(kind=kind, text=text, choices=choices, order=order)
    return form


def answer(form, score=None, smiley=None, choice=None, choices=(), text="", **person):
    """One person's answers, stored as the answering page stores them."""
    questions = {question.kind: question for question in form.questions.all()}
    values = {
        Question.Kind.SCORE: score,
        Question.Kind.SMILEY: smiley,
        Question.Kind.CHOICE: choice,
        Question.Kind.CHOICES: list(choices),
        Question.Kind.TEXT: text,
    }
    cleaned = {field_name(q): values[kind] for kind, q in questions.items()} | person
    return save_response(form, cleaned)

"""Answering a form: the form a child fills in, and the one path that stores the answers.

save_response() stores only what the models hold: the day (never the time), the
optional age group and municipality, and the answers. Nothing about the person or
their device: no user, no session, no address, no browser. A free-text answer gets the
kinds of personal data found in it (personal_data.found_in), for the moderator.

The honeypot: a text field that people never see (a CSS class hides it, aria-hidden
hides it from screen readers, tabindex=-1 from the keyboard, autocomplete=off from the
browser's filling), which a form-filling robot fills in. A filled honeypot stores
nothing, yet the robot is thanked as a person would be (so it learns nothing).
"""

from typing import Any

from django import forms
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lanu.lib.text import NormalTextForm

from .models import Answer, FeedbackForm, Question, Response
from .personal_data import found_in
from .scales import SCORES, SMILEYS

HONEYPOT = "homepage"  # a name a robot fills in
TEXT_LENGTH = 2000


def field_name(question: Question) -> str:
    return f"q{question.pk}"


class AnswerForm(NormalTextForm, forms.Form):
    """One field per question (in the form's order), then the optional age group and
    municipality, and the honeypot."""

    def __init__(self, form: FeedbackForm, questions: list[Question], *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.feedback_form = form
        self.questions = questions
        for question in questions:
            self.fields[field_name(question)] = question_field(question)
        if form.ask_age_group:
            self.fields["age_group"] = forms.ChoiceField(
                label=_("Your age"),
                choices=[("", _("I don't want to say")), *Response.AgeGroup.choices],
                required=False,
                widget=forms.RadioSelect,
            )
        if form.ask_municipality:
            self.fields["municipality"] = forms.CharField(
                label=_("Your municipality"), max_length=100, required=False
            )
        self.fields[HONEYPOT] = forms.CharField(
            label=_("Leave this empty"),
            required=False,
            widget=forms.TextInput(
                attrs={"tabindex": "-1", "autocomplete": "off", "aria-hidden": "true"}
            ),
        )

    def question_fields(self):
        """(question, bound field) pairs, in the form's order."""
        return [(question, self[field_name(question)]) for question in self.questions]

    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT, "").strip())


def question_field(question: Question) -> forms.Field:
    common: dict[str, Any] = {"label": question.text, "help_text": question.help_text}
    common["required"] = question.required
    kind = Question.Kind
    if question.kind == kind.SCORE:
        choices = [(str(number), str(number)) for number in SCORES]
        return forms.TypedChoiceField(
            choices=choices, coerce=int, widget=forms.RadioSelect, empty_value=None, **common
        )
    if question.kind == kind.SMILEY:
        choices = [(str(number), f"{face} {word}") for number, face, word in SMILEYS]
        return forms.TypedChoiceField(
            choices=choices, coerce=int, widget=forms.RadioSelect, empty_value=None, **common
        )
    offered = [(choice, choice) for choice in question.choices]
    if question.kind == kind.CHOICE:
        return forms.ChoiceField(choices=offered, widget=forms.RadioSelect, **common)
    if question.kind == kind.CHOICES:
        return forms.MultipleChoiceField(
            choices=offered, widget=forms.CheckboxSelectMultiple, **common
        )
    return forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), max_length=TEXT_LENGTH, **common
    )


def save_response(form: FeedbackForm, cleaned: dict) -> Response:
    """Store one person's answers (an AnswerForm's cleaned_data): the one path that does."""
    with transaction.atomic():
        response = Response.objects.create(
            form=form,
            submitted_on=timezone.localdate(),
            age_group=cleaned.get("age_group") or "",
            municipality=(cleaned.get("municipality") or "").strip(),
        )
        answers = [
            answer
            for question in form.questions.all()
            if (answer := answer_of(response, question, cleaned.get(field_name(question))))
        ]
        Answer.objects.bulk_create(answers)
    return response


def answer_of(response: Response, question: Question, value) -> Answer | None:
    """The answer to store, or None when the question was left unanswered."""
    if value in (None, "", []):
        return None
    if question.kind in (Question.Kind.SCORE, Question.Kind.SMILEY):
        return Answer(response=response, question=question, number=int(value))
    if question.kind == Question.Kind.CHOICE:
        return Answer(response=response, question=question, chosen=[value])
    if question.kind == Question.Kind.CHOICES:
        return Answer(response=response, question=question, chosen=list(value))
    text = value.strip()
    if not text:
        return None
    return Answer(response=response, question=question, text=text, personal_data=found_in(text))

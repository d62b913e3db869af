"""Making and changing a plan's feedback forms and their questions: the verbs the
coordinator's pages call (form_views.py), each in one place.

A new form starts with a ready question set in the form's own language, because
coordinators start from an example: the usual set (a 0–10 recommendation score for the
cNPS, a smiley scale, a free text) or a short set for young children (smileys only).

The rules of a question follow from its answers: a question that has answers keeps its
kind and stays (its answers would otherwise lose their meaning or vanish from the
summary); while the form is open no question changes kind. Its text may always be
corrected. A refused change says why (why_kind_is_kept, why_kept).
"""

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from lanu.history.records import record_removed

from .models import FeedbackForm, Question

STANDARD, YOUNG = "standard", "young"
SCORE_HELP = {
    "fi": "0 = en lainkaan todennäköisesti, 10 = erittäin todennäköisesti",
    "sv": "0 = inte alls troligt, 10 = mycket troligt",
    "en": "0 = not at all likely, 10 = very likely",
}
# (kind, question, help text) in each language of a form: plain words a child reads.
QUESTION_SETS: dict[str, dict[str, list[tuple[str, str, str]]]] = {
    STANDARD: {
        "fi": [
            (Question.Kind.SCORE, "Kuinka todennäköisesti suosittelisit tätä kaverillesi?", ""),
            (Question.Kind.SMILEY, "Mitä pidit tästä?", ""),
            (Question.Kind.TEXT, "Mitä muuttaisit?", ""),
        ],
        "sv": [
            (
                Question.Kind.SCORE,
                "Hur troligt är det att du skulle rekommendera det här till en kompis?",
                "",
            ),
            (Question.Kind.SMILEY, "Vad tyckte du om det här?", ""),
            (Question.Kind.TEXT, "Vad skulle du vilja ändra?", ""),
        ],
        "en": [
            (Question.Kind.SCORE, "How likely would you recommend this to a friend?", ""),
            (Question.Kind.SMILEY, "How did you like this?", ""),
            (Question.Kind.TEXT, "What would you change?", ""),
        ],
    },
    YOUNG: {
        "fi": [
            (Question.Kind.SMILEY, "Mitä pidit tästä?", ""),
            (Question.Kind.SMILEY, "Kuuntelivatko aikuiset sinua?", ""),
        ],
        "sv": [
            (Question.Kind.SMILEY, "Vad tyckte du om det här?", ""),
            (Question.Kind.SMILEY, "Lyssnade de vuxna på dig?", ""),
        ],
        "en": [
            (Question.Kind.SMILEY, "How did you like this?", ""),
            (Question.Kind.SMILEY, "Did the grown-ups listen to you?", ""),
        ],
    },
}
CHOICE_KINDS = (Question.Kind.CHOICE, Question.Kind.CHOICES)
# What the history keeps of a deleted form: the list of removals names it by these.
REMOVED_FIELDS = ["title", "kind", "state", "organisation", "target_group"]


def create_form(form: FeedbackForm, question_set: str = STANDARD) -> FeedbackForm:
    """Save the new form (plan, subject and fields set) with its first questions."""
    with transaction.atomic():
        form.save()
        language = form.language if form.language in SCORE_HELP else "en"
        for order, (kind, text, help_text) in enumerate(QUESTION_SETS[question_set][language]):
            if kind == Question.Kind.SCORE:
                help_text = SCORE_HELP[language]
            form.questions.create(kind=kind, text=text, help_text=help_text, order=order)
    return form


def answered_question_ids(form: FeedbackForm) -> set[int]:
    """The form's questions that have at least one answer (one query)."""
    answered = form.questions.filter(answers__isnull=False).values_list("pk", flat=True)
    return set(answered.distinct())


def why_kind_is_kept(question: Question, answered: bool) -> str:
    """Why the question's kind may not change now, or "" when it may."""
    if answered:
        return _("This question has answers, so its kind cannot change.")
    if question.form.state == FeedbackForm.State.OPEN:
        return _("The form is open, so its questions keep their kind. You can still edit the text.")
    return ""


def why_kept(question: Question, answered: bool) -> str:
    """Why the question may not be removed, or "" when it may."""
    if answered:
        return _("This question has answers, so it cannot be removed.")
    return ""


def add_question(form: FeedbackForm, question: Question) -> Question:
    """The question (its fields set) saved as the form's last."""
    last = form.questions.aggregate(last=Max("order"))["last"]
    question.form = form
    question.order = 0 if last is None else last + 1
    question.save()
    return question


def remove_question(question: Question) -> None:
    """Remove an unanswered question; the others keep their order."""
    with transaction.atomic():
        form = question.form
        question.delete()
        renumber(list(form.questions.all()))


def move_question(question: Question, step: int) -> bool:
    """Move the question one place up (step −1) or down (+1); False at either end."""
    with transaction.atomic():
        questions = list(question.form.questions.select_for_update())
        at = next(n for n, other in enumerate(questions) if other.pk == question.pk)
        to = at + step
        if not 0 <= to < len(questions):
            return False
        questions[at], questions[to] = questions[to], questions[at]
        renumber(questions)
    return True


def renumber(questions: list[Question]) -> None:
    """Store the questions' order as 0, 1, 2… in the list's order."""
    for order, question in enumerate(questions):
        if question.order != order:
            question.order = order
            Question.objects.filter(pk=question.pk).update(order=order)


def open_form(form: FeedbackForm) -> None:
    """The form takes answers at its short link (within its opening hours)."""
    form.state = FeedbackForm.State.OPEN
    form.save(update_fields=["state", "updated_at"])


def close_form(form: FeedbackForm) -> None:
    """The form takes no more answers; its summary stays."""
    form.state = FeedbackForm.State.CLOSED
    form.save(update_fields=["state", "updated_at"])


def delete_form(form: FeedbackForm, user) -> bool:
    """Delete a form that has no responses, with its questions, written in its plan's
    history. A form with responses stays (False): the answers of children and youth go
    only by the retention rule (retention.py). The form's row is locked first, so that an
    answer arriving meanwhile is either seen here or refused for a form no longer there."""
    with transaction.atomic():
        locked = FeedbackForm.objects.select_for_update(of=("self",))
        locked = locked.select_related("plan", "organisation")  # no lock on either
        form = locked.get(pk=form.pk)
        if form.responses.exists():
            return False
        record_removed(user, form, form.plan, REMOVED_FIELDS)
        form.delete()
    return True

"""Moderation: the free-text answers of a plan's forms, read by a person before any is
shown outside the plan's people.

A text answer comes PENDING. The plan's coordinators moderate every form of the plan;
an editor the forms of their own organisation(s) (the permissions of the actions:
accounts.permissions.editable_organisation_ids). Publishing, rejecting and withdrawing a
published text (it becomes REJECTED: not published) each set moderated_at, the time of
the decision. Only PUBLISHED text is ever shown on a public page, report or export.
"""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from lanu.accounts.permissions import editable_organisation_ids

from .models import Answer, Question
from .personal_data import Finding, found

WARNINGS = {
    Finding.EMAIL: _("Contains an e-mail address"),
    Finding.PHONE: _("Contains a phone number"),
    Finding.IDENTITY_CODE: _("Contains a personal identity code"),
    Finding.NAME: _("Contains a name"),
}
# What each decision makes of the answers it is given, and which answers it may take.
PENDING, PUBLISHED, REJECTED = Answer.Moderation
DECISIONS = {
    "publish": (PUBLISHED, [PENDING, REJECTED]),
    "reject": (REJECTED, [PENDING]),
    "withdraw": (REJECTED, [PUBLISHED]),
}


@dataclass(frozen=True)
class Row:
    """One text answer as the moderator sees it."""

    answer: Answer
    marked: SafeString  # the text, escaped, the personal data in <mark>
    warnings: list[str]  # "Contains a phone number", in Finding's order


def moderated_answers(user, plan) -> QuerySet[Answer]:
    """The text answers of the plan's forms that this person moderates."""
    answers = Answer.objects.filter(
        response__form__plan=plan, question__kind=Question.Kind.TEXT
    ).exclude(text="")
    organisations = editable_organisation_ids(user, plan)
    if organisations is None:
        return answers
    return answers.filter(response__form__organisation__in=organisations)


def may_moderate(user, plan) -> bool:
    """Coordinators, and editors (for their organisation's forms)."""
    organisations = editable_organisation_ids(user, plan)
    return organisations is None or bool(organisations)


def counts(answers: QuerySet[Answer]) -> dict[str, int]:
    """How many answers are in each moderation state (one query)."""
    found_counts = dict(answers.values_list("moderation").annotate(n=Count("pk")).order_by())
    return {state: found_counts.get(state, 0) for state in Answer.Moderation.values}


def rows(answers) -> list[Row]:
    return [Row(answer, marked(answer.text), warnings(answer)) for answer in answers]


def warnings(answer: Answer) -> list[str]:
    """The personal data stored at answering, and any the detector finds now."""
    kinds = set(answer.personal_data) | {span.kind for span in found(answer.text)}
    return [str(WARNINGS[kind]) for kind in Finding if kind in kinds]


def marked(text: str) -> SafeString:
    """The text escaped, each piece of personal data in a <mark>, its kind named for a
    screen reader (which does not announce the mark)."""
    pieces: list[str] = []
    at = 0
    for span in found(text):
        pieces.append(escape(text[at : span.start]))
        kind = escape(Finding(span.kind).label)
        hidden = f'<span class="visually-hidden">({kind}) </span>'
        pieces.append(f"<mark>{hidden}{escape(text[span.start : span.end])}</mark>")
        at = span.end
    pieces.append(escape(text[at:]))
    return mark_safe("".join(pieces))  # noqa: S308 (every piece of the text escaped)


def decide(answers: QuerySet[Answer], decision: str, pks: list[int]) -> int:
    """Apply the decision to those of the answers (their pks) it may take; how many."""
    state, takes = DECISIONS[decision]
    chosen = answers.filter(Q(pk__in=pks), moderation__in=takes)
    return chosen.update(moderation=state, moderated_at=timezone.now())

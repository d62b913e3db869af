"""Retention: the answers of children, youth and families are kept for the plan's period
and no longer.

A plan's period ends with its last year (Plan.period_end). From the first day of the
following year, the responses submitted before that day (and with them their answers:
the scores, the choices, the free texts and the personal data found in them) are
deleted by `python -m lanu delete-old-answers`, meant to run daily from cron. What
stays: the forms and their questions, the coordinator's written summaries, and the
reports already made (a report file keeps its figures; a report made afterwards has
no answers from those years). Responses submitted after the period (a form left open)
are not older than the period and stay; close a plan's forms when its period ends.
See docs/voice.md.
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from lanu.plans.models import Plan

from .models import Answer, Response


@dataclass(frozen=True)
class Deleted:
    """What went (or would go, in a dry run) of one plan."""

    plan: Plan
    before: date  # responses submitted before this day: the first day after the period
    responses: int
    answers: int


def kept_until(plan: Plan) -> date:
    """The first day after the plan's period: answers submitted before it are old then."""
    return date(plan.period_end + 1, 1, 1)


def ended_plans(today: date):
    """The plans whose period is over on this day, by their slug."""
    return Plan.objects.filter(period_end__lt=today.year).order_by("slug")


def old_responses(plan: Plan):
    return Response.objects.filter(form__plan=plan, submitted_on__lt=kept_until(plan))


def delete_old_answers(today: date, *, dry_run: bool = False) -> list[Deleted]:
    """Delete the responses older than their plan's period, every plan in one
    transaction; each plan that had some, with how many. A dry run deletes nothing."""
    found = []
    with transaction.atomic():
        for plan in ended_plans(today):
            responses = old_responses(plan)
            counted = responses.count()
            if not counted:
                continue
            answers = Answer.objects.filter(response__in=responses).count()
            found.append(Deleted(plan, kept_until(plan), counted, answers))
            if not dry_run:
                responses.delete()
    return found

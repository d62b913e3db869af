"""Organisations joining and leaving a plan, each step recorded in the history.

A participation has no versions (it is there or not), so it is written here
rather than by plans/editing.py; the history records it all the same.
"""

from django.db import transaction
from django.utils.translation import ngettext

from lanu.history.models import Change
from lanu.history.records import record, record_removed, snapshot

from .editing import next_order
from .models import Organisation, Participation, Plan

FIELDS = ["organisation"]


def join(plan: Plan, organisation: Organisation, user) -> Participation:
    """Make the organisation take part in the plan, listed last."""
    with transaction.atomic():
        participation = Participation.objects.create(
            plan=plan, organisation=organisation, order=next_order(plan.participations)
        )
        record(user, participation, Change.Kind.CREATED, plan, {}, snapshot(participation, FIELDS))
    return participation


def reasons_to_stay(participation: Participation) -> list[str]:
    """Why the organisation cannot leave the plan: its actions or editors there."""
    plan, organisation = participation.plan, participation.organisation
    actions = plan.actions.filter(organisation=organisation).count()
    editors = plan.memberships.filter(organisation=organisation).count()
    reasons = []
    if actions:
        reasons.append(
            ngettext(
                "It has %(count)d action in the plan (archived ones count too).",
                "It has %(count)d actions in the plan (archived ones count too).",
                actions,
            )
            % {"count": actions}
        )
    if editors:
        reasons.append(
            ngettext(
                "%(count)d person edits its actions in the plan.",
                "%(count)d people edit its actions in the plan.",
                editors,
            )
            % {"count": editors}
        )
    return reasons


def leave(participation: Participation, user) -> None:
    """Take the organisation off the plan (check reasons_to_stay() first)."""
    with transaction.atomic():
        record_removed(user, participation, participation.plan, FIELDS)
        participation.delete()

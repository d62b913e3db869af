"""Child impact assessments of a plan: the checklist of the Finnish practice, who may read
and write them, and the lists the pages, panels and exports show.

One permission function decides who writes an assessment (may_edit): the plan's
coordinators every one; an editor those linked to an action of their organisation(s),
and a new one that they link so. Everyone who may read a published plan reads its READY
assessments; the plan's people (any role) read the drafts too.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lanu.accounts.permissions import can_edit_any_action, editable_organisation_ids, memberships
from lanu.plans.models import Action, Plan, SubGoal

from .models import ChildImpactAssessment

Assessment = ChildImpactAssessment
AREAS = ChildImpactAssessment.Area
DIRECTIONS = ChildImpactAssessment.Direction

# The checklist of an assessment made in advance (ennakkoarviointi), in the order the
# work is done: (key stored in `checklist`, what is checked).
CHECKLIST: list[tuple[str, Promise]] = [
    ("decision", _("The decision, its decider and its schedule are described.")),
    (
        "children",
        _("The children and families the decision affects, directly and indirectly, are named."),
    ),
    (
        "vulnerable",
        _(
            "Children in a vulnerable position are considered: children with disabilities, "
            "child welfare clients, children of another language or culture."
        ),
    ),
    ("effects", _("The effects are assessed in every area, positive and negative.")),
    ("heard", _("The children concerned were heard and their views are written down.")),
    ("alternatives", _("The alternatives and their effects on children are compared.")),
    ("mitigation", _("Ways to prevent or reduce the negative effects are proposed.")),
    ("follow_up", _("It is decided how and when the actual effects are followed up.")),
    (
        "informed",
        _("The children who were heard are told how their views were taken into account."),
    ),
]


@dataclass(frozen=True)
class Effect:
    """One area's assessed effect as the pages and exports show it."""

    area: str
    area_label: str
    direction: str  # "" when not assessed
    direction_label: str
    description: str


@dataclass(frozen=True)
class Check:
    """One checklist item of an assessment."""

    key: str
    label: str
    done: bool
    note: str


def effects_of(assessment: Assessment) -> list[Effect]:
    """Each area in the fixed order, with its direction and description (if assessed)."""
    stored = assessment.effects if isinstance(assessment.effects, dict) else {}
    rows = []
    for area, area_label in AREAS.choices:
        found = stored.get(area) or {}
        direction = found.get("direction", "")
        direction = direction if direction in DIRECTIONS.values else ""
        label = DIRECTIONS(direction).label if direction else _("Not assessed")
        description = found.get("description", "")
        rows.append(Effect(area, str(area_label), direction, str(label), description))
    return rows


def checks_of(assessment: Assessment) -> list[Check]:
    """Each checklist item in the fixed order, done or not, with its note."""
    stored = assessment.checklist if isinstance(assessment.checklist, dict) else {}
    checks = []
    for key, label in CHECKLIST:
        found = stored.get(key) or {}
        checks.append(Check(key, str(label), bool(found.get("done")), found.get("note", "")))
    return checks


def checks_done(assessment: Assessment) -> int:
    return sum(check.done for check in checks_of(assessment))


# Who may do what ----------------------------------------------------------------------


def may_read_drafts(user, plan: Plan) -> bool:
    """The plan's people (any role) and administrators read the drafts."""
    return user.is_superuser or bool(memberships(user, plan))


def may_write(user, plan: Plan) -> bool:
    """May start an assessment: coordinators, and editors (for their organisation's actions)."""
    return can_edit_any_action(user, plan)


def may_edit(user, plan: Plan, assessment: Assessment | None = None) -> bool:
    """Coordinators every assessment; an editor one linked to an action of their own
    organisation(s) (`assessment` None: whether they may start one)."""
    organisations = editable_organisation_ids(user, plan)
    if organisations is None:
        return True
    if assessment is None:
        return bool(organisations)
    return any(action.organisation_id in organisations for action in assessment.actions.all())


def may_read(user, plan: Plan, assessment: Assessment) -> bool:
    return assessment.is_ready or may_read_drafts(user, plan)


# What is listed -----------------------------------------------------------------------


def with_links(assessments: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """The assessments with their sub-goals, actions and form: 3 more queries however many."""
    subgoals = SubGoal.objects.select_related("goal")
    actions = Action.objects.select_related("organisation")
    return assessments.select_related("feedback_form").prefetch_related(
        Prefetch("subgoals", queryset=subgoals.order_by("goal__order", "goal_id", "order", "pk")),
        Prefetch("actions", queryset=actions.order_by("order", "pk")),
    )


def shown_assessments(user, plan: Plan) -> QuerySet[Assessment]:
    """The plan's assessments this person reads: READY ones, and drafts for the plan's people."""
    assessments = Assessment.objects.filter(plan=plan)
    if not may_read_drafts(user, plan):
        assessments = assessments.filter(state=Assessment.State.READY)
    return assessments


def public_assessments(plan: Plan) -> QuerySet[Assessment]:
    """What anyone reading the published plan reads: its READY assessments."""
    return Assessment.objects.filter(plan=plan, state=Assessment.State.READY)

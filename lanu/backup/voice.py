"""A plan's child impact assessments (lanu.voice) in its full export, and back.

"assessments" holds one object per assessment, drafts too: its texts, state, effects
and checklist as the assessment stores them, its sub-goals by key, its actions by their
position in the document's "actions", and who wrote it by username. The link to a
feedback form is not kept (the full export has no feedback forms): a restored assessment
names its hearing in its texts. A file from before assessments were exported has none.
"""

from datetime import date

from django.utils.translation import gettext as _

from lanu.plans.models import Plan
from lanu.voice.assessments import AREAS, CHECKLIST, DIRECTIONS
from lanu.voice.models import ChildImpactAssessment

from .checks import Checker

ASSESSMENT_FIELDS = (
    "title",
    "decider",
    "decision_date",
    "state",
    "description",
    "children",
    "vulnerable_groups",
    "effects",
    "children_views",
    "hearing",
    "alternatives",
    "conclusion",
    "mitigation",
    "follow_up",
    "checklist",
)
CHECK_KEYS = {key for key, _label in CHECKLIST}


def assessments_of(plan: Plan, positions, people) -> list[dict]:
    """The plan's assessments, oldest first: 3 queries however many."""
    rows = ChildImpactAssessment.objects.filter(plan=plan).select_related("created_by")
    rows = rows.prefetch_related("subgoals__goal", "actions").order_by("pk")
    return [
        {name: written(getattr(assessment, name)) for name in ASSESSMENT_FIELDS}
        | {
            "subgoals": sorted(subgoal.key for subgoal in assessment.subgoals.all()),
            "actions": sorted(positions.actions[action.pk] for action in assessment.actions.all()),
            "created_by": people.name(assessment.created_by),
        }
        for assessment in rows
    ]


def written(value):
    return value.isoformat() if isinstance(value, date) else value


def read_assessments(check: Checker, document: dict, known) -> list[dict] | None:
    """The assessments of the file, checked; None if it has none."""
    if "assessments" not in document:
        return None
    found = []
    for where, item in check.items(document, "assessments"):
        fields = check.fields(ChildImpactAssessment, item, ASSESSMENT_FIELDS, where)
        check_effects(check, fields.get("effects"), f"{where}.effects")
        check_checklist(check, fields.get("checklist"), f"{where}.checklist")
        subgoals = [
            check.reference(key, known.subgoals, f"{where}.subgoals")
            for key in listed(check, item, "subgoals", where)
        ]
        actions = [
            check.reference(position, set(known.metrics), f"{where}.actions")
            for position in listed(check, item, "actions", where)
        ]
        author = check.reference(item.get("created_by"), known.people, f"{where}.created_by", True)
        found.append(fields | {"subgoals": subgoals, "actions": actions, "created_by": author})
    return found


def listed(check: Checker, item: dict, key: str, where: str) -> list:
    values = item.get(key, [])
    if not isinstance(values, list):
        check.problem(f"{where}.{key}", _("expected a list"))
        return []
    return values


def check_effects(check: Checker, effects, where: str) -> None:
    """An object of areas, each with a known direction (or none) and a text."""
    if not isinstance(effects, dict):
        check.problem(where, _("expected an object"))
        return
    for area, effect in effects.items():
        good = (
            area in AREAS.values
            and isinstance(effect, dict)
            and effect.get("direction", "") in ["", *DIRECTIONS.values]
            and isinstance(effect.get("description", ""), str)
        )
        if not good:
            check.problem(f"{where}.{area}", _("expected an area's direction and description"))


def check_checklist(check: Checker, checklist, where: str) -> None:
    """An object of checklist items, each done or not, with a note."""
    if not isinstance(checklist, dict):
        check.problem(where, _("expected an object"))
        return
    for key, item in checklist.items():
        good = (
            key in CHECK_KEYS
            and isinstance(item, dict)
            and isinstance(item.get("done", False), bool)
            and isinstance(item.get("note", ""), str)
        )
        if not good:
            check.problem(f"{where}.{key}", _("expected a checklist item done or not, with a note"))


def restore_assessments(plan: Plan, assessments: list[dict] | None, targets, people) -> None:
    """The plan's assessments as the file has them, linked to the restored plan's own."""
    for item in assessments or []:
        fields = {name: item[name] for name in ASSESSMENT_FIELDS}
        created = ChildImpactAssessment.objects.create(
            plan=plan, created_by=people.get(item["created_by"]), **fields
        )
        created.subgoals.set(targets.subgoals[key] for key in item["subgoals"])
        created.actions.set(targets.actions[position] for position in item["actions"])

"""Lanu's own JSON export ("format": "lanu-plan/1"), so export -> import round-trips."""

import json
from datetime import date

from django.utils.translation import gettext as _

from .data import (
    ActionData,
    GoalData,
    ImportRefused,
    IndicatorDescriptionData,
    MetricData,
    OrganisationData,
    PlanData,
    Problem,
    SectionData,
    SubGoalData,
)

FORMAT = "lanu-plan/1"


def detect(text: str) -> bool:
    return text.lstrip().startswith("{") and '"format"' in text[:2000]


def read(text: str, source: str) -> PlanData:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        message = _("This is not valid JSON: %s.") % error.msg
        raise ImportRefused([Problem(message, error.lineno, error.colno, source)]) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        found = document.get("format") if isinstance(document, dict) else None
        message = _("Expected “format”: “%(expected)s”, found “%(found)s”.")
        raise ImportRefused([Problem(message % {"expected": FORMAT, "found": found}, 1, 1, source)])
    try:
        return plan_from(document, source)
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        message = _("The JSON does not have the structure of a Lanu plan (%s).") % error
        raise ImportRefused([Problem(message, file=source)]) from None


def optional_date(value) -> date | None:
    return date.fromisoformat(value) if value else None


def plan_from(document: dict, source: str) -> PlanData:
    head = document["plan"]
    labels = head.get("level_labels") or {}
    return PlanData(
        name=head["name"],
        slug=head.get("slug", ""),
        region=head.get("region", ""),
        period_start=int(head["period_start"]),
        period_end=int(head["period_end"]),
        language=head.get("language", "fi"),
        goal_label=labels.get("goal", "Päätavoite"),
        subgoal_label=labels.get("subgoal", "Välitavoite"),
        action_label=labels.get("action", "Toimenpide"),
        approved_by=head.get("approved_by", ""),
        approved_on=optional_date(head.get("approved_on")),
        status=head.get("status", "draft"),
        published=bool(head.get("published", False)),
        notes=head.get("notes", ""),
        source=head.get("source", source),
        organisations=[OrganisationData(**item) for item in document.get("organisations", [])],
        sections=[SectionData(**item) for item in document.get("sections", [])],
        indicators=[IndicatorDescriptionData(**item) for item in document.get("indicators", [])],
        goals=[goal_from(item) for item in document["goals"]],
        actions=[action_from(item) for item in document.get("actions", [])],
    )


def archived_flag(item: dict) -> bool:
    """The "archived" flag of a full export's item (lanu/backup/); absent means live."""
    value = item.get("archived", False)
    if not isinstance(value, bool):
        raise TypeError(_("“archived” is true or false, not “%s”") % value)
    return value


def goal_from(item: dict) -> GoalData:
    subgoals = [subgoal_from(sub) for sub in item.get("subgoals", [])]
    fields = {key: value for key, value in item.items() if key not in ("subgoals", "archived")}
    return GoalData(**fields, subgoals=subgoals, archived=archived_flag(item))


def subgoal_from(item: dict) -> SubGoalData:
    fields = {key: value for key, value in item.items() if key != "archived"}
    return SubGoalData(**fields, archived=archived_flag(item))


def action_from(item: dict) -> ActionData:
    item = dict(item)
    broken_down = set(item.pop("metrics_by_mother_tongue", []))
    metrics = [MetricData(text, n in broken_down) for n, text in enumerate(item.pop("metrics", []))]
    start, end = item.pop("start_date", None), item.pop("end_date", None)
    item["archived"] = archived_flag(item)
    return ActionData(
        **item, metrics=metrics, start_date=optional_date(start), end_date=optional_date(end)
    )

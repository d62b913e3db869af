"""save_plan(): write a checked PlanData as one new plan, in one transaction."""

from django.db import transaction
from django.utils.translation import gettext as _

from lanu.lib.rows import insert_rows
from lanu.lib.text import normalise_texts
from lanu.plans.labels import LABEL_TRANSLATIONS
from lanu.plans.models import (
    Action,
    Goal,
    IndicatorDescription,
    Metric,
    Organisation,
    Participation,
    Plan,
    Section,
    SubGoal,
)
from lanu.plans.signals import actions_inserted
from lanu.plans.slugs import RESERVED_SLUGS, unique_slug

from .data import ActionData, ImportRefused, PlanData, Problem, check_plan
from .organisations import Choices, add_aliases, match_organisations, organisation_of

BATCH = 1000  # rows per INSERT: bounded statements on PostgreSQL too


def check_slug_free(slug: str) -> None:
    if slug in RESERVED_SLUGS or Plan.objects.filter(slug=slug).exists():
        raise ImportRefused([Problem(_("A plan with the address “%s” exists already.") % slug)])


def save_plan(data: PlanData, slug: str = "", choices=None) -> Plan:
    """Create the plan, reusing organisations that exist by name or alias (unchanged,
    but for the new aliases `choices` accepts; an ambiguous name needs its choice)."""
    normalise_texts(data)
    problems = check_plan(data)
    if problems:
        raise ImportRefused(problems)
    with transaction.atomic():
        if slug:
            check_slug_free(slug)
        plan = create_plan(data, slug or unique_slug(data.slug or data.name))
        organisations = save_organisations(plan, data, choices)
        subgoals = save_goals(plan, data)
        save_actions(plan, data, organisations, subgoals)
        save_texts(plan, data)
    return plan


def create_plan(data: PlanData, slug: str) -> Plan:
    return Plan.objects.create(
        slug=slug,
        name=data.name,
        region=data.region,
        period_start=data.period_start,
        period_end=data.period_end,
        language=data.language,
        goal_label=data.goal_label,
        subgoal_label=data.subgoal_label,
        action_label=data.action_label,
        **{name: getattr(data, name) for name in LABEL_TRANSLATIONS},
        approved_by=data.approved_by,
        approved_on=data.approved_on,
        status=data.status,
        published=data.published,
        notes=data.notes,
        source=data.source,
    )


def save_organisations(plan: Plan, data: PlanData, choices=None) -> dict[str, Organisation]:
    """The plan's organisations: existing ones as they are (see organisations.py), new ones
    with the file's names; then the accepted new aliases of existing ones."""
    choices = choices or Choices()
    by_name: dict[str, Organisation] = {}
    matches = match_organisations(data)
    for order, match in enumerate(matches):
        organisation = organisation_of(match, choices)
        if organisation is None:
            item = match.item
            organisation = Organisation(name=item.name, short_name=item.short_name, kind=item.kind)
            organisation.add_aliases(item.aliases)
            organisation.save()
        check_once(by_name, match.item.name, organisation)
        Participation.objects.create(plan=plan, organisation=organisation, order=order)
        by_name[match.item.name] = organisation
    for match in matches:
        accepted = [a for a in choices.aliases.get(match.item.name, []) if a in match.new_aliases]
        if accepted and match.existing is not None:  # only an existing one has new aliases
            add_aliases(plan, match.existing, accepted, choices.user)
    return by_name


def check_once(by_name: dict, name: str, organisation: Organisation) -> None:
    """Two of the file's organisations may not be the same existing one."""
    same = [other for other, found in by_name.items() if found == organisation]
    if same:
        values = {"first": same[0], "second": name, "organisation": organisation.name}
        message = _("“%(first)s” and “%(second)s” are both the organisation “%(organisation)s”.")
        raise ImportRefused([Problem(message % values)])


def save_goals(plan: Plan, data: PlanData) -> dict[str, SubGoal]:
    subgoals = {}
    for goal_order, item in enumerate(data.goals):
        goal = Goal.objects.create(
            plan=plan,
            number=item.number,
            title=item.title,
            description=item.description,
            notes=item.notes,
            order=goal_order,
            archived=item.archived,
        )
        for order, sub in enumerate(item.subgoals):
            subgoals[f"{goal.number}.{sub.number}"] = SubGoal.objects.create(
                goal=goal,
                number=sub.number,
                title=sub.title,
                description=sub.description,
                notes=sub.notes,
                order=order,
                archived=sub.archived,
            )
    return subgoals


ACTION_FIELDS: tuple[str, ...] = (
    "description",
    "items",
    "schedule",
    "start_date",
    "end_date",
    "permanence",
)
ACTION_FIELDS += ("responsible", "monitoring", "ease", "impact", "notes", "archived")


def save_actions(plan, data: PlanData, organisations, subgoals) -> None:
    actions = insert_actions(plan, data.actions, organisations)
    links = [
        (action, subgoals[key])
        for action, item in zip(actions, data.actions, strict=True)
        for key in dict.fromkeys(item.subgoals)  # a sub-goal named twice is linked once
    ]
    insert_links(links)


def insert_actions(plan, items: list[ActionData], organisations, first_order: int = 0) -> list:
    """New actions of plain data, numbered from `first_order`, with their metrics: a few
    INSERTs for any number (lib/rows.py: the metrics need no model instance each)."""
    new = (
        Action(
            plan=plan,
            organisation=organisations[item.organisation],
            order=first_order + n,
            **{name: getattr(item, name) for name in ACTION_FIELDS},
        )
        for n, item in enumerate(items)
    )
    actions = Action.objects.bulk_create(new, batch_size=BATCH)
    metrics = [
        {"action_id": action.pk, "text": metric.text, "order": n}
        | {"by_mother_tongue": metric.by_mother_tongue, "unit": metric.unit}
        | {"kind": metric.kind}
        for action, item in zip(actions, items, strict=True)
        for n, metric in enumerate(item.metrics)
    ]
    insert_rows(Metric, metrics)
    actions_inserted.send(sender=Action, actions=actions)
    return actions


def insert_links(links: list[tuple]) -> None:
    """(action, sub-goal) pairs as the actions' sub-goal links."""
    rows = [{"action_id": action.pk, "subgoal_id": subgoal.pk} for action, subgoal in links]
    insert_rows(Action.subgoals.through, rows)


def save_texts(plan: Plan, data: PlanData) -> None:
    Section.objects.bulk_create(
        Section(plan=plan, kind=item.kind, title=item.title, body=item.body, order=order)
        for order, item in enumerate(data.sections)
    )
    IndicatorDescription.objects.bulk_create(
        IndicatorDescription(
            plan=plan,
            number=item.number,
            group=item.group,
            name=item.name,
            description=item.description,
            source=item.source,
            order=order,
        )
        for order, item in enumerate(data.indicators)
    )

"""save_plan(): write a checked PlanData as one new plan, in one transaction."""

from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

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

from .data import ImportRefused, PlanData, Problem, check_plan

RESERVED_SLUGS = {"new", "import", "template"}  # words of Lanu's own URLs under /plans/


def unique_slug(wanted: str) -> str:
    base = slugify(wanted)[:90] or "plan"
    if base in RESERVED_SLUGS:
        base = f"{base}-plan"
    slug, n = base, 2
    while Plan.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def check_slug_free(slug: str) -> None:
    if slug in RESERVED_SLUGS or Plan.objects.filter(slug=slug).exists():
        raise ImportRefused([Problem(_("A plan with the address “%s” exists already.") % slug)])


def save_plan(data: PlanData, slug: str = "") -> Plan:
    """Create the plan, reusing organisations that exist by name or alias."""
    problems = check_plan(data)
    if problems:
        raise ImportRefused(problems)
    with transaction.atomic():
        if slug:
            check_slug_free(slug)
        plan = create_plan(data, slug or unique_slug(data.slug or data.name))
        organisations = save_organisations(plan, data)
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
        approved_by=data.approved_by,
        approved_on=data.approved_on,
        status=data.status,
        published=data.published,
        notes=data.notes,
        source=data.source,
    )


def find_organisation(name: str, aliases: list[str]) -> Organisation | None:
    """An existing organisation called `name`, or known by one of the names."""
    names = [name, *aliases]
    found = Organisation.objects.filter(name__in=names).first()
    if found:
        return found
    for organisation in Organisation.objects.exclude(aliases=[]):
        if set(names) & set(organisation.aliases):
            return organisation
    return None


def save_organisations(plan: Plan, data: PlanData) -> dict[str, Organisation]:
    by_name = {}
    for order, item in enumerate(data.organisations):
        organisation = find_organisation(item.name, item.aliases)
        if organisation is None:
            organisation = Organisation(name=item.name, short_name=item.short_name, kind=item.kind)
        organisation.add_aliases(item.aliases)
        organisation.save()
        Participation.objects.create(plan=plan, organisation=organisation, order=order)
        by_name[item.name] = organisation
    return by_name


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


def save_actions(plan, data: PlanData, organisations, subgoals) -> None:
    fields = ("description", "items", "schedule", "start_date", "end_date", "permanence")
    fields += ("responsible", "monitoring", "ease", "impact", "notes", "archived")
    actions = Action.objects.bulk_create(
        Action(
            plan=plan,
            organisation=organisations[item.organisation],
            order=order,
            **{name: getattr(item, name) for name in fields},
        )
        for order, item in enumerate(data.actions)
    )
    links = [
        Action.subgoals.through(action_id=action.pk, subgoal_id=subgoals[key].pk)
        for action, item in zip(actions, data.actions, strict=True)
        for key in item.subgoals
    ]
    Action.subgoals.through.objects.bulk_create(links)
    Metric.objects.bulk_create(
        Metric(action=action, text=metric.text, by_mother_tongue=metric.by_mother_tongue, order=n)
        for action, item in zip(actions, data.actions, strict=True)
        for n, metric in enumerate(item.metrics)
    )


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

"""What the search finds, and the text it is found by: each kind's documents.

A plan (its name, region and chapters: the introduction, the state of wellbeing...), its
goals and sub-goals (title and description), its actions
(description, items and metrics: similarity.action_text, the same text the similar
actions are found by), the follow-up reports' free texts (what was done, and text
metric values) of reports whose organisation SUBMITTED them, never a draft, and the
indicators the plan describes (name, group, description). Archived things are not
searchable. Notes (what an import could not place) are never searchable: a reader
without a role must not find them.

Each function takes ids and gives the documents of those that are searchable (an id
without a document is one to take out of the index), in a fixed number of queries.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef

from lanu.followup.models import ActionReport, MetricValue, Submission
from lanu.plans.models import Action, Goal, IndicatorDescription, Metric, Plan, SubGoal

from .models import SearchEntry
from .similarity import action_text

Kind = SearchEntry.Kind


@dataclass
class Document:
    kind: str
    object_id: int
    plan_id: int
    language: str
    title: str
    text: str
    organisation_id: int | None = None
    action_id: int | None = None
    round_id: int | None = None


def joined(*texts: str) -> str:
    return "\n".join(text.strip() for text in texts if text and text.strip())


def plan_documents(ids: Iterable[int]) -> list[Document]:
    plans = Plan.objects.filter(pk__in=list(ids)).prefetch_related("sections")
    return [
        Document(Kind.PLAN, plan.pk, plan.pk, plan.language, plan.name, plan_text(plan))
        for plan in plans
    ]


def plan_text(plan: Plan) -> str:
    chapters = (f"{section.title}\n{section.body}" for section in plan.sections.all())
    return joined(plan.name, plan.region, *chapters)


def goal_documents(ids: Iterable[int]) -> list[Document]:
    goals = Goal.objects.filter(pk__in=list(ids), archived=False).select_related("plan")
    return [
        Document(
            Kind.GOAL,
            goal.pk,
            goal.plan_id,
            goal.plan.language,
            f"{goal.number} {goal.title}".strip(),
            joined(goal.title, goal.description),
        )
        for goal in goals
    ]


def subgoal_documents(ids: Iterable[int]) -> list[Document]:
    subgoals = SubGoal.objects.filter(pk__in=list(ids), archived=False, goal__archived=False)
    return [
        Document(
            Kind.SUBGOAL,
            subgoal.pk,
            subgoal.goal.plan_id,
            subgoal.goal.plan.language,
            f"{subgoal.key} {subgoal.title}".strip(),
            joined(subgoal.title, subgoal.description),
        )
        for subgoal in subgoals.select_related("goal__plan")
    ]


def action_documents(ids: Iterable[int]) -> list[Document]:
    actions = Action.objects.filter(pk__in=list(ids), archived=False).select_related("plan")
    return [
        Document(
            Kind.ACTION,
            action.pk,
            action.plan_id,
            action.plan.language,
            action.title,
            action_text(action),
            organisation_id=action.organisation_id,
            action_id=action.pk,
        )
        for action in actions.prefetch_related("metrics")
    ]


def submitted_reports():
    """The reports whose action's organisation submitted its report in the round."""
    submitted = Submission.objects.filter(
        round=OuterRef("round"), organisation=OuterRef("action__organisation")
    )
    return ActionReport.objects.filter(Exists(submitted))


def report_documents(ids: Iterable[int]) -> list[Document]:
    reports = submitted_reports().filter(pk__in=list(ids))
    reports = reports.select_related("round", "action__plan")
    texts: dict[int, list[str]] = {}
    values = MetricValue.objects.filter(report__in=reports, metric__kind=Metric.Kind.TEXT)
    for report_id, text in values.order_by("metric__order", "pk").values_list("report", "text"):
        texts.setdefault(report_id, []).append(text)
    documents = []
    for report in reports:
        text = joined(report.account, *texts.get(report.pk, []))
        if text:
            action = report.action
            documents.append(
                Document(
                    Kind.FOLLOWUP,
                    report.pk,
                    action.plan_id,
                    action.plan.language,
                    f"{report.round.year}: {action.title}",
                    text,
                    organisation_id=action.organisation_id,
                    action_id=action.pk,
                    round_id=report.round_id,
                )
            )
    return documents


def indicator_documents(ids: Iterable[int]) -> list[Document]:
    described = IndicatorDescription.objects.filter(pk__in=list(ids)).select_related("plan")
    return [
        Document(
            Kind.INDICATOR,
            item.pk,
            item.plan_id,
            item.plan.language,
            item.name,
            joined(item.name, item.group, item.description),
        )
        for item in described
    ]


DOCUMENTS: dict[str, Callable[[Iterable[int]], list[Document]]] = {
    Kind.PLAN: plan_documents,
    Kind.GOAL: goal_documents,
    Kind.SUBGOAL: subgoal_documents,
    Kind.ACTION: action_documents,
    Kind.FOLLOWUP: report_documents,
    Kind.INDICATOR: indicator_documents,
}


def plan_contents(plan_id: int) -> dict[str, list[int]]:
    """The ids of everything of the plan that may have a document, by kind."""
    reports = ActionReport.objects.filter(action__plan_id=plan_id)
    return {
        Kind.PLAN: [plan_id],
        Kind.GOAL: list(Goal.objects.filter(plan_id=plan_id).values_list("pk", flat=True)),
        Kind.SUBGOAL: list(
            SubGoal.objects.filter(goal__plan_id=plan_id).values_list("pk", flat=True)
        ),
        Kind.ACTION: list(Action.objects.filter(plan_id=plan_id).values_list("pk", flat=True)),
        Kind.FOLLOWUP: list(reports.values_list("pk", flat=True)),
        Kind.INDICATOR: list(
            IndicatorDescription.objects.filter(plan_id=plan_id).values_list("pk", flat=True)
        ),
    }

"""The similar-actions index follows each action: saved, its metrics changed, deleted,
or inserted in bulk by an import (lanu.plans.signals). The full-text index (fulltext.py)
follows every searchable thing the same way (the receivers below `connect()`'s own)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete

from lanu.followup.models import ActionReport, MetricValue, Submission
from lanu.plans.models import (
    Action,
    Goal,
    IndicatorDescription,
    Metric,
    Plan,
    Section,
    SubGoal,
)
from lanu.plans.signals import actions_inserted

from . import fulltext
from .models import SearchEntry
from .similarity import index_actions, unindex_action


def action_saved(sender, instance, **kwargs) -> None:
    index_actions([instance])


deleting: set[int] = set()  # the actions being deleted: their metrics go first


def metric_changed(sender, instance, **kwargs) -> None:
    if instance.action_id not in deleting:
        index_actions([Action(pk=instance.action_id)])


def action_deleting(sender, instance, **kwargs) -> None:
    deleting.add(instance.pk)
    unindex_action(instance)


def action_deleted(sender, instance, **kwargs) -> None:
    deleting.discard(instance.pk)


def actions_imported(sender, actions, **kwargs) -> None:
    index_actions(actions)


def connect() -> None:
    post_save.connect(action_saved, sender=Action, dispatch_uid="search-action-saved")
    post_save.connect(metric_changed, sender=Metric, dispatch_uid="search-metric-saved")
    post_delete.connect(metric_changed, sender=Metric, dispatch_uid="search-metric-deleted")
    pre_delete.connect(action_deleting, sender=Action, dispatch_uid="search-action-deleting")
    post_delete.connect(action_deleted, sender=Action, dispatch_uid="search-action-deleted")
    actions_inserted.connect(actions_imported, dispatch_uid="search-actions-imported")


# The full-text index: each searchable thing indexed again when it is saved (an archived
# one, or a report not submitted, leaves the index), taken out when it is deleted.

FULLTEXT_KINDS = {
    Plan: SearchEntry.Kind.PLAN,
    Goal: SearchEntry.Kind.GOAL,
    SubGoal: SearchEntry.Kind.SUBGOAL,
    Action: SearchEntry.Kind.ACTION,
    ActionReport: SearchEntry.Kind.FOLLOWUP,
    IndicatorDescription: SearchEntry.Kind.INDICATOR,
}


def text_saved(sender, instance, **kwargs) -> None:
    fulltext.index(FULLTEXT_KINDS[sender], [instance.pk])


def text_deleted(sender, instance, **kwargs) -> None:
    fulltext.remove(FULLTEXT_KINDS[sender], [instance.pk])


def goal_saved(sender, instance, **kwargs) -> None:
    """A goal archived or restored takes its sub-goals with it."""
    fulltext.index(SearchEntry.Kind.GOAL, [instance.pk])
    fulltext.index(SearchEntry.Kind.SUBGOAL, instance.subgoals.values_list("pk", flat=True))


def action_text_changed(sender, instance, **kwargs) -> None:
    if instance.action_id not in deleting:
        fulltext.index(SearchEntry.Kind.ACTION, [instance.action_id])


def section_changed(sender, instance, **kwargs) -> None:
    """A plan's chapters are searched as the plan's text."""
    fulltext.index(SearchEntry.Kind.PLAN, [instance.plan_id])


def value_changed(sender, instance, **kwargs) -> None:
    fulltext.index(SearchEntry.Kind.FOLLOWUP, [instance.report_id])


def submission_changed(sender, instance, **kwargs) -> None:
    """An organisation's reports of the round become searchable when it submits."""
    reports = ActionReport.objects.filter(
        round_id=instance.round_id, action__organisation_id=instance.organisation_id
    )
    fulltext.index(SearchEntry.Kind.FOLLOWUP, reports.values_list("pk", flat=True))


def actions_imported_for_search(sender, actions, **kwargs) -> None:
    """An import's actions now; the plan's chapters and indicator texts, written after
    them in the same transaction, once it is committed."""
    fulltext.index(SearchEntry.Kind.ACTION, [action.pk for action in actions])
    plans = {action.plan_id for action in actions}
    transaction.on_commit(lambda: index_texts_of(plans))


def index_texts_of(plans: set[int]) -> None:
    for pk in plans:
        fulltext.index_plan_texts(pk)


def connect_fulltext() -> None:
    for model in FULLTEXT_KINDS:
        uid = f"search-fulltext-{model.__name__}"
        if model is not Goal:
            post_save.connect(text_saved, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(text_deleted, sender=model, dispatch_uid=f"{uid}-deleted")
    post_save.connect(goal_saved, sender=Goal, dispatch_uid="search-fulltext-goal-saved")
    for signal, name in ((post_save, "saved"), (post_delete, "deleted")):
        signal.connect(action_text_changed, sender=Metric, dispatch_uid=f"search-fulltext-m-{name}")
        signal.connect(section_changed, sender=Section, dispatch_uid=f"search-fulltext-c-{name}")
        signal.connect(value_changed, sender=MetricValue, dispatch_uid=f"search-fulltext-v-{name}")
        signal.connect(
            submission_changed, sender=Submission, dispatch_uid=f"search-fulltext-s-{name}"
        )
    actions_inserted.connect(actions_imported_for_search, dispatch_uid="search-fulltext-imported")

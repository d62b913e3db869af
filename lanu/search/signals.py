"""The similar-actions index follows each action: saved, its metrics changed, deleted,
or inserted in bulk by an import (lanu.plans.signals)."""

from django.db.models.signals import post_delete, post_save, pre_delete

from lanu.plans.models import Action, Metric
from lanu.plans.signals import actions_inserted

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

"""An action's metrics kept by identity, so that the values reported for them stay.

Every path that saves an action's metrics (the action form, a spreadsheet applied to
the plan, new actions of a spreadsheet) calls sync_metrics() with the metrics it
wants, in order. The action's live metrics are matched to them: by id where the
caller has ids, else line by line with difflib (an unchanged line keeps its metric,
a replaced block of as many lines is edited in place pair by pair, so a typo fix
keeps the metric and its values). A metric no longer wanted is deleted if no round
has a value for it, else archived; a wanted text equal to an archived metric's
restores it. A metric's kind and unit are the wanted ones where the caller chose
them, else the matched metric's; a new metric's kind is guessed from its wording
(metric_kinds.guess_kind). Call it in the transaction that saves the action.

A kind that changes converts the values reported for the metric: the app storing
them (followup) registers its converter in VALUE_CONVERTERS, since plans imports no
higher app. A converter that cannot convert some value raises KindRefused, and the
whole save is refused with it.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from difflib import SequenceMatcher
from typing import Any

from .metric_kinds import guess_kind
from .models import Action, Metric


class KindRefused(Exception):
    """The metric's kind cannot change: some value reported for it does not convert."""

    def __init__(self, metric: Metric, message: str):
        super().__init__(message)
        self.metric, self.message = metric, message


# Called as convert(metric, kind, unit) while the metric still has its old kind and
# unit: converts the values stored for it, or raises KindRefused.
VALUE_CONVERTERS: list[Callable[[Metric, str, str], None]] = []


@dataclass
class WantedMetric:
    text: str
    by_mother_tongue: bool | None = None  # None: keep the matched metric's (new: False)
    pk: int | None = None
    kind: str | None = None  # None: keep the matched metric's (new: guessed from the text)
    unit: str | None = None  # None: keep the matched metric's (new: none)


def sync_metrics(
    action: Action, wanted: list[WantedMetric], chosen: dict[int, tuple[str, str]] | None = None
) -> list[Metric]:
    """Make the action's live metrics the wanted ones, in order; returns them.

    `chosen`: a kind and unit per id of a live metric, as the coordinator chose them
    in the action's form; they apply to the wanted metric that keeps that metric.
    """
    chosen = chosen or {}
    metrics = list(action.metrics.order_by("order", "pk"))
    live = [m for m in metrics if not m.archived]
    matched = match(live, wanted)
    archived = {m.text: m for m in metrics if m.archived}
    kept = [
        matched.get(n) or archived.pop(item.text, None) or Metric(action=action)
        for n, item in enumerate(wanted)
    ]
    gone = [m for m in live if m not in kept]
    for order, (metric, item) in enumerate(zip(kept, wanted, strict=True)):
        if metric.pk in chosen and item.kind is None:
            item = replace(item, kind=chosen[metric.pk][0], unit=chosen[metric.pk][1])
        update(metric, item, order)
    retire(gone)
    return kept


def match(live: list[Metric], wanted: list[WantedMetric]) -> dict[int, Metric]:
    """Position in `wanted` -> the live metric it keeps: by id, then by the lines' diff."""
    by_pk = {m.pk: m for m in live}
    found = {n: by_pk.pop(item.pk) for n, item in enumerate(wanted) if item.pk in by_pk}
    rest = [m for m in live if m.pk in by_pk]
    positions = [n for n in range(len(wanted)) if n not in found]
    texts = [wanted[n].text for n in positions]
    diff = SequenceMatcher(None, [m.text for m in rest], texts, autojunk=False)
    for tag, i1, i2, j1, j2 in diff.get_opcodes():
        if tag == "equal" or (tag == "replace" and i2 - i1 == j2 - j1):
            for i, j in zip(range(i1, i2), range(j1, j2), strict=True):
                found[positions[j]] = rest[i]
    return found


def update(metric: Metric, item: WantedMetric, order: int) -> None:
    """Save the metric with the wanted text, breakdown, kind, unit and order, if any differs."""
    flag = item.by_mother_tongue
    kind = metric.kind if metric.pk else guess_kind(item.text)
    wanted: dict[str, Any] = {
        "text": item.text,
        "by_mother_tongue": metric.by_mother_tongue if flag is None else flag,
        "kind": kind if item.kind is None else item.kind,
        "unit": metric.unit if item.unit is None else item.unit,
        "order": order,
        "archived": False,
    }
    if metric.pk and all(getattr(metric, name) == value for name, value in wanted.items()):
        return
    if metric.pk and wanted["kind"] != metric.kind:
        for convert in VALUE_CONVERTERS:
            convert(metric, wanted["kind"], wanted["unit"])
    for name, value in wanted.items():
        setattr(metric, name, value)
    metric.save()


def retire(metrics: list[Metric]) -> None:
    """Archive the metrics that have reported values; delete the others."""
    if not metrics:
        return
    ids = [m.pk for m in metrics]
    valued = Metric.objects.filter(pk__in=ids, values__isnull=False).values("pk")
    Metric.objects.filter(pk__in=valued).update(archived=True)
    Metric.objects.filter(pk__in=ids).exclude(pk__in=valued).delete()


def metric_line(metric: Metric) -> str:
    """A metric as the action form and its history write it: "*" ending a metric broken
    down by mother tongue / citizenship."""
    return f"{metric.text} *" if metric.by_mother_tongue else metric.text

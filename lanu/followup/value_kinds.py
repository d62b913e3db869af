"""The values reported for a metric, converted when the coordinator changes its kind.

A value is stored as its metric's kind says (models.MetricValue) and read through that
kind, which is one for all the years. So a kind change converts every round's values,
a closed round's too: left as it was, a closed round's number would read as an empty
text once the metric is a text. Each conversion keeps what the value said, so a closed
round's report still reads the same:

- number or percentage -> text: the value as the page showed it, "12,5 henkilöä", "40 %";
- yes/no -> text: "Kyllä" / "Ei", in the plan's language;
- text -> number or percentage: a text that reads as a Finnish number ("12,5", "1 200",
  "12,5 henkilöä" with the metric's unit, "40 %");
- text -> yes/no: a yes/no word (kyllä / ei, ja / nej, yes / no);
- number or percentage -> yes/no: 0 or 1;
- number <-> percentage: the number stays.

Anything else (a text that is no number, a count of 12 as yes/no, a yes/no answer as a
number) cannot be converted without changing what was reported. Then the kind does
not change at all: the coordinator is told which values, in which rounds, stand in the
way, and the form keeps what they typed. Silently dropping or rewriting a reported value
would be worse than a refusal that names it; an open round's value the organisation can
correct, a closed round's keeps the metric's kind as long as it is there.
"""

from decimal import Decimal

from django import forms
from django.utils import translation
from django.utils.translation import gettext as _

from lanu.plans.metrics import KindRefused
from lanu.plans.models import Metric

from .forms import METRIC_FIELDS
from .models import MetricValue

NUMERIC = {Metric.Kind.NUMBER, Metric.Kind.PERCENTAGE}


class Unconvertible(Exception):
    """The value cannot be converted to the new kind without changing what it says."""


def convert_values(metric: Metric, kind: str, unit: str) -> None:
    """Convert the metric's values from its kind (still the old one) to `kind`, or raise
    KindRefused naming those that cannot be; registered in plans.metrics.VALUE_CONVERTERS."""
    rows = MetricValue.objects.filter(metric=metric).select_related(
        "report__round__plan", "report__action__organisation"
    )
    changed, refused = [], []
    for row in rows.order_by("report__round__year", "pk"):
        row.metric = metric  # its old kind and unit, as the value was reported
        try:
            if converted(row, kind, unit):
                changed.append(row)
        except Unconvertible:
            refused.append(row)
    if refused:
        raise KindRefused(metric, refusal_message(metric, kind, refused))
    MetricValue.objects.bulk_update(changed, ["value", "text"])


def converted(row: MetricValue, kind: str, unit: str) -> bool:
    """Set the row's value and text as the new kind stores them; False if they stay."""
    old = row.metric.kind
    if old == kind or (old in NUMERIC and kind in NUMERIC):
        return False
    if row.value is None and not row.text:
        return False
    if kind == Metric.Kind.TEXT:
        with translation.override(row.report.round.plan.language):
            row.value, row.text = None, row.shown()
    elif old == Metric.Kind.TEXT:
        row.value, row.text = value_of_text(row.text, kind, [unit, row.metric.unit]), ""
    elif kind == Metric.Kind.YES_NO and row.value in (0, 1):
        row.value = Decimal(int(row.value))
    else:
        raise Unconvertible
    return True


def value_of_text(text: str, kind: str, units: list[str]) -> Decimal:
    """A text read as a number (its unit or "%" after it allowed) or as a yes/no word."""
    words = text.strip()
    if kind != Metric.Kind.YES_NO:
        for ending in ["%", *filter(None, units)]:
            words = words.removesuffix(ending).strip() if words.endswith(ending) else words
    field = METRIC_FIELDS[kind](Metric(kind=kind))  # as the report form reads the kind
    try:
        stored = field.stored(field.clean(words))
    except forms.ValidationError:
        raise Unconvertible from None
    if stored is None:
        raise Unconvertible
    return stored["value"]


def refusal_message(metric: Metric, kind: str, refused: list[MetricValue]) -> str:
    values = ", ".join(
        _("“%(value)s” (%(year)s, %(organisation)s)")
        % {
            "value": row.shown(),
            "year": row.report.round.year,
            "organisation": row.report.action.organisation.name,
        }
        for row in refused
    )
    message = _(
        "The kind of “%(metric)s” was not changed to “%(kind)s”: these values reported "
        "for it cannot be read as that kind: %(values)s."
    ) % {"metric": metric.text, "kind": Metric.Kind(kind).label, "values": values}
    if any(row.report.round.is_closed for row in refused):
        return message + " " + _("A closed round's values stay as they were reported.")
    return message + " " + _("Correct them in the round's reports, or keep the kind.")

"""The metrics of the closed rounds, charted by kind on the public progress page.

Only submitted reports count (published.py). Yes/no metrics are summed per year as
the share of actions answering yes: of the actions whose submitted report answers
a yes/no metric, those with at least one yes. Each number or percentage metric is
a trend of its values across the closed rounds. Text metrics are shown per action
in the round's action table, not charted. One query, whatever the plan's size.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from lanu.plans.models import Action, Metric

from . import charts
from .models import ActionReport
from .published import published_values
from .statistics import Level, YearDistribution, counted

YES_COLOUR, NO_COLOUR = "#1b7837", "#f4a582"


@dataclass
class NumberTrend:
    """A number or percentage metric's values per year (only the years it has one)."""

    text: str
    unit: str
    action: Action
    values: dict[int, Decimal] = field(default_factory=dict)
    chart: str = ""
    cells: list[str] = field(default_factory=list)  # per year shown, "" for none


def yes_no_levels() -> list[Level]:
    return [Level(1, _("Yes"), YES_COLOUR), Level(0, _("No"), NO_COLOUR)]


def metric_trends(rounds, actions: dict[int, Action]) -> dict:
    """The context of the progress page's metric section: 1 query.

    `actions`: the shown round's actions by id, for the number trends' action names.
    """
    reports = ActionReport.objects.filter(round__in=rounds)
    rows = published_values(reports).values_list(
        "metric_id",
        "metric__text",
        "metric__kind",
        "metric__unit",
        "report__action_id",
        "report__round__year",
        "value",
    )
    answers: dict[int, dict[int, bool]] = {r.year: {} for r in rounds}  # year -> action -> yes
    numbers: dict[int, NumberTrend] = {}
    for metric_id, text, kind, unit, action_id, year, value in rows:
        if value is None:
            continue
        if kind == Metric.Kind.YES_NO:
            answers[year][action_id] = answers[year].get(action_id, False) or bool(value)
        elif kind in (Metric.Kind.NUMBER, Metric.Kind.PERCENTAGE) and action_id in actions:
            unit = "%" if kind == Metric.Kind.PERCENTAGE else unit
            trend = numbers.setdefault(metric_id, NumberTrend(text, unit, actions[action_id]))
            trend.values[year] = value
    return yes_no_context(answers) | number_context(numbers, sorted(answers))


def yes_no_context(answers: dict[int, dict[int, bool]]) -> dict:
    levels = yes_no_levels()
    years = [
        YearDistribution(
            year, counted(levels, {1: sum(a.values()), 0: sum(not y for y in a.values())})
        )
        for year, a in sorted(answers.items())
        if a
    ]
    if not years:
        return {"yes_no_years": []}
    parts = "; ".join(f"{y.year}: {charts.summary(y.distribution)}" for y in years)
    title = _("Actions answering yes to a yes/no metric, per year. %s") % parts
    rows = [
        (y.year, y.distribution.count_of(1), y.distribution.count_of(0), share(y.distribution))
        for y in years
    ]
    return {"yes_no_years": rows, "yes_no_chart": charts.trend_chart(years, title)}


def share(distribution) -> str:
    """The share answering yes, as a whole percentage: "67 %"."""
    return f"{round(100 * distribution.count_of(1) / distribution.total)} %"


def number_context(numbers: dict[int, NumberTrend], years: list[int]) -> dict:
    trends = sorted(numbers.values(), key=lambda t: (t.action.order, t.action.pk, t.text))
    for trend in trends:
        trend.cells = [
            charts.number_text(trend.values[year]) if year in trend.values else "" for year in years
        ]
        trend.chart = charts.number_trend(
            [(year, trend.values[year]) for year in years if year in trend.values],
            f"{trend.text} ({trend.unit})" if trend.unit else trend.text,
        )
    return {"number_trends": trends, "metric_years": years}

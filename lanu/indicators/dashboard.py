"""The plan's indicator pages for whoever may read the plan: the dashboard of every linked
indicator (its latest value for each of the plan's areas beside the reference, the rating
and a small trend line, filtered by sub-goal and population group) and one indicator's
page (a full chart, the values as a table, its source, definition and direction; a
coordinator sets the direction there).

Both run a fixed number of queries however many indicators, areas and years the plan
has (comparison.compare_plan); the filters are applied to the compared data.
"""

from dataclasses import dataclass

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from lanu.accounts.permissions import can_coordinate
from lanu.followup import charts
from lanu.followup.charts import Line, number_text
from lanu.plans.access import coordinated_plan, readable_plan
from lanu.plans.models import Plan, SubGoal

from .comparison import (
    MIN_TREND_YEARS,
    NO_VALUE,
    RATINGS,
    Breakdown,
    Comparison,
    IndicatorComparison,
    PlanComparison,
    Series,
    compare_plan,
    plan_links,
)
from .models import Indicator


@dataclass
class Row:
    """One line of the dashboard: an indicator's gender and group in one of the plan's
    areas (or, with no area chosen, the reference area's values alone)."""

    breakdown: Breakdown | None
    area: str
    latest: Comparison | None
    series: Series | None = None
    chart: SafeString | str = ""


class DashboardFilter(forms.Form):
    """The dashboard's GET filter: one sub-goal and one population group, or all."""

    def __init__(self, data, subgoals: list[SubGoal], groups: list[str], subgoal_label: str):
        super().__init__(data)
        everything = [("", _("All"))]
        self.fields["subgoal"] = forms.TypedChoiceField(
            label=subgoal_label,
            required=False,
            coerce=int,
            choices=everything + [(s.pk, f"{s.key} {s.title}") for s in subgoals],
        )
        self.fields["group"] = forms.ChoiceField(
            label=_("Population group"),
            required=False,
            choices=everything + [(group, group) for group in groups],
        )

    def chosen(self) -> tuple[int | None, str]:
        """The chosen sub-goal's key and group; none where the choice is not valid."""
        if not self.is_valid():
            return None, ""
        return self.cleaned_data["subgoal"] or None, self.cleaned_data["group"]


class DirectionForm(forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["direction"]
        widgets = {"direction": forms.RadioSelect}


def dashboard(request, slug):
    plan = readable_plan(request, slug)
    compared = compare_plan(plan)
    subgoals = followed_subgoals(plan, compared)
    groups = sorted({group for each in compared.indicators for group in each.groups if group})
    form = DashboardFilter(request.GET or None, subgoals, groups, plan.labels["subgoal"])
    subgoal, group = form.chosen()
    shown = [
        each
        for each in compared.indicators
        if (subgoal is None or subgoal in each.subgoals) and (not group or group in each.groups)
    ]
    context = common_context(request, plan, compared) | {
        "form": form,
        "filtered": bool(subgoal or group),
        "sections": sections(shown, group),
        "count": len(shown),
    }
    return render(request, "indicators/dashboard.html", context, status=400 if form.errors else 200)


def followed_subgoals(plan: Plan, compared: PlanComparison) -> list[SubGoal]:
    """The plan's sub-goals that one of its indicators follows, in the plan's order."""
    keys = set().union(*(each.subgoals for each in compared.indicators))
    return list(
        SubGoal.objects.filter(goal__plan=plan, pk__in=keys, archived=False)
        .select_related("goal")
        .order_by("goal__order", "order")
    )


def sections(shown: list[IndicatorComparison], group: str) -> list[dict]:
    """The indicators grouped as the plan groups them (PlanIndicator.group), each with its
    rows: for each gender and group shown, each of the plan's areas."""
    grouped: dict[str, list[dict]] = {}
    for each in shown:
        breakdowns = [b for b in each.headline if not group or b.group == group]
        rows = [row for n, b in enumerate(breakdowns) for row in rows_of(each, b, n)]
        rows = rows or [Row(None, "", None)]  # the indicator has no values yet
        item = {"each": each, "name": each.link.name, "rows": rows}
        grouped.setdefault(each.link.group, []).append(item)
    return [{"title": title, "indicators": items} for title, items in grouped.items()]


def rows_of(each: IndicatorComparison, breakdown: Breakdown, n: int) -> list[Row]:
    """A row for each of the plan's areas; where an area (or the plan) has no value, the
    reference's latest value alone."""
    only_reference = None
    if breakdown.reference:
        year, value = breakdown.reference_points[-1]
        only_reference = Comparison(year, None, value, NO_VALUE)
    if not breakdown.series:
        return [Row(breakdown, "", only_reference)]
    return [
        Row(
            breakdown,
            series.area.name,
            series.latest or only_reference,
            series,
            sparkline(each, breakdown, series, f"{n}-{m}"),
        )
        for m, series in enumerate(breakdown.series)
    ]


def sparkline(each: IndicatorComparison, breakdown: Breakdown, series: Series, place: str):
    """The area's values as a small line; none where the years are too few (the page
    says so in words)."""
    if not series.trend.enough:
        return ""
    title = " – ".join(filter(None, [each.link.name, breakdown.group]))
    lines = [Line(series.area.name, series.trend.points), reference_line(breakdown)]
    return charts.sparkline(lines, title, f"trend-{each.link.pk}-{place}")


def reference_line(breakdown: Breakdown) -> Line:
    name = _("%(area)s (reference)") % {"area": breakdown.reference_area.name}
    return Line(name, breakdown.reference_points)


def indicator_page(request, slug, pk):
    if request.method == "POST":
        plan = coordinated_plan(request, slug)
    else:
        plan = readable_plan(request, slug)
    link = get_object_or_404(plan_links(plan), pk=pk)
    form = DirectionForm(request.POST or None, instance=link.indicator)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The direction of the indicator was saved."))
        return redirect("indicators:indicator", slug=plan.slug, pk=link.pk)
    compared = compare_plan(plan, [link])
    each = compared.indicators[0]
    context = common_context(request, plan, compared) | {
        "each": each,
        "indicator": link.indicator,
        "name": link.name,
        "definition": link.indicator.definition,
        "charts": [full_chart(each, b, compared, n) for n, b in enumerate(each.breakdowns)],
        "form": form,
    }
    return render(request, "indicators/indicator.html", context, status=400 if form.errors else 200)


def full_chart(
    each: IndicatorComparison, breakdown: Breakdown, compared: PlanComparison, n: int
) -> dict:
    """One gender and group: the plan's areas and the reference area as lines over the
    years (none where the years are too few), and the table of the values."""
    lines = [Line(series.area.name, series.trend.points) for series in breakdown.series]
    lines.append(reference_line(breakdown))
    title = " – ".join(filter(None, [each.link.name, breakdown.group]))
    enough = len(breakdown.years) >= MIN_TREND_YEARS
    return {
        "breakdown": breakdown,
        "title": title,
        "ident": f"chart-{each.link.pk}-{n}",
        "changes": [
            (line.name, series.trend)
            for line, series in zip(lines, breakdown.series, strict=False)
            if series.trend.change is not None
        ],
        "svg": charts.line_chart(lines, title, f"chart-{each.link.pk}-{n}-title") if enough else "",
        "rows": [
            {
                "year": year,
                "cells": [series.comparisons[m] for series in breakdown.series],
                "reference": breakdown.reference.get(year),
            }
            for m, year in enumerate(breakdown.years)
        ],
    }


RULE = gettext_lazy(
    "A value within %(tolerance)s %% of the value of %(reference)s for the same year, "
    "population group and gender (relative to it) is neutral. A value further from it is "
    "good on the side the indicator's direction calls better (higher or lower) and "
    "worrying on the other side. An indicator with no direction set is not rated."
)


def rule_text(compared: PlanComparison) -> str:
    """The rating rule in words, with the plan's own tolerance and reference area."""
    reference = compared.reference_area.name
    return RULE % {"tolerance": number_text(compared.tolerance), "reference": reference}


def common_context(request, plan: Plan, compared: PlanComparison) -> dict:
    return {
        "plan": plan,
        "compared": compared,
        "reference_name": compared.reference_area.name,
        "area_names": [area.name for area in compared.areas],
        "rule": rule_text(compared),
        "ratings": RATINGS,
        "can_coordinate": can_coordinate(request.user, plan),
    }

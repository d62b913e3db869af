"""A plan's indicators beside its reference area: values, ratings and trends as plain data.

For each indicator the plan links, each of the plan's areas, each gender (total first)
and population group, year by year: the area's value beside the reference area's (the
one the coordinator chose, else the whole country) for the same indicator, gender,
group and year. Where the plan's own indicator has no value for a key, the confirmed
Sotkanet match's value is used: the plan's text gives the country's values, Sotkanet
the areas' and the later years'.

The rating compares the two values relatively: within the plan's tolerance (default
5 %) of the reference it is neutral; beyond it, good or worrying by the indicator's
direction. An indicator with no direction set gets no rating. The trend is the values
over the years, with the change since the plan's first year (or the first year after
it with a value); with fewer than MIN_TREND_YEARS years there is no trend to draw.

A fixed number of queries for a whole plan, however many indicators, areas and years
it has: the links, the plan's areas, the reference area, the values and the links'
sub-goals come in one query each (compare_plan).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lanu.plans.models import Plan

from .models import (
    DEFAULT_TOLERANCE,
    Area,
    AreaKind,
    Direction,
    Gender,
    Observation,
    PlanAreas,
    PlanIndicator,
)
from .plan_links import COUNTRY_CODE, COUNTRY_NAMES, country_area

MIN_TREND_YEARS = 3  # two values make a difference, not a trend
GENDER_ORDER = [str(Gender.TOTAL), str(Gender.FEMALE), str(Gender.MALE)]


@dataclass(frozen=True)
class Rating:
    """A value's rating: its key (the page's class), a symbol whose shape differs from
    the others' and a word, both shown beside the colour (colour is never alone)."""

    key: str
    symbol: str
    word: str | Promise

    @property
    def coloured(self) -> bool:
        return bool(self.symbol)


GOOD = Rating("good", "✓", _("good"))
NEUTRAL = Rating("neutral", "●", _("neutral"))
WORRYING = Rating("worrying", "!", _("worrying"))
NO_DIRECTION = Rating("unrated", "", _("no direction set"))
NO_REFERENCE = Rating("unrated", "", _("no reference value"))
NO_VALUE = Rating("unrated", "", _("no value"))
RATINGS = (GOOD, NEUTRAL, WORRYING)


def relative_difference(value: Decimal, reference: Decimal) -> Decimal:
    """How far the value is from the reference, as a share of the reference's size
    (0.05 = 5 % above it). A zero reference: any other value is infinitely far."""
    if reference == 0:
        return Decimal(0) if value == 0 else Decimal("Infinity").copy_sign(value)
    return (value - reference) / abs(reference)


def rate(
    value: Decimal | None, reference: Decimal | None, direction: str, tolerance: Decimal
) -> Rating:
    """Good, neutral or worrying: within `tolerance` per cent of the reference (the edge
    included) neutral, beyond it good on the better side of the direction."""
    if value is None:
        return NO_VALUE
    if reference is None:
        return NO_REFERENCE
    if direction not in (Direction.HIGHER_BETTER, Direction.LOWER_BETTER):
        return NO_DIRECTION
    difference = relative_difference(value, reference)
    if abs(difference) <= tolerance / 100:
        return NEUTRAL
    higher = difference > 0
    return GOOD if higher == (direction == Direction.HIGHER_BETTER) else WORRYING


@dataclass
class Comparison:
    """One year: the area's value beside the reference area's, and its rating."""

    year: int
    value: Decimal | None
    reference: Decimal | None
    rating: Rating


@dataclass
class Trend:
    """An area's values over the years and the change since the plan's first year (or
    the first year after it with a value) to the latest."""

    points: list[tuple[int, Decimal]]
    since: int | None = None
    change: Decimal | None = None

    @property
    def enough(self) -> bool:
        return len(self.points) >= MIN_TREND_YEARS


def trend(points: list[tuple[int, Decimal]], start_year: int) -> Trend:
    """The trend of the year-ordered values; no change when no later year follows the base."""
    since = [(year, value) for year, value in points if year >= start_year]
    if len(since) < 2:
        return Trend(points)
    (first_year, first), (_year, last) = since[0], since[-1]
    return Trend(points, first_year, last - first)


@dataclass
class Series:
    """One of the plan's areas for one gender and group: year by year beside the reference."""

    area: Area
    comparisons: list[Comparison]
    trend: Trend

    @property
    def latest(self) -> Comparison | None:
        """The latest year with both values; else the latest with the area's value."""
        both = [c for c in self.comparisons if c.value is not None and c.reference is not None]
        own = [c for c in self.comparisons if c.value is not None]
        found = both or own
        return found[-1] if found else None


@dataclass
class Breakdown:
    """One gender and population group of an indicator: the reference area's values and
    each of the plan's areas' beside them."""

    gender: str
    group: str
    years: list[int]
    reference: dict[int, Decimal]
    series: list[Series]
    reference_area: Area

    @property
    def gender_label(self) -> str:
        return str(Gender(self.gender).label)

    @property
    def reference_points(self) -> list[tuple[int, Decimal]]:
        return sorted(self.reference.items())


@dataclass
class IndicatorComparison:
    """One linked indicator of the plan with its breakdowns."""

    link: PlanIndicator
    breakdowns: list[Breakdown]
    subgoals: set[int] = field(default_factory=set)

    @property
    def indicator(self):
        return self.link.indicator

    @property
    def groups(self) -> list[str]:
        return list(dict.fromkeys(b.group for b in self.breakdowns))

    @property
    def headline(self) -> list[Breakdown]:
        """The breakdowns a summary shows: the totals, or every gender if none is total."""
        totals = [b for b in self.breakdowns if b.gender == Gender.TOTAL]
        return totals or self.breakdowns


@dataclass
class PlanComparison:
    """Everything the plan's indicator pages show: where and against what it compares."""

    plan: Plan
    areas: list[Area]
    reference_area: Area
    tolerance: Decimal
    indicators: list[IndicatorComparison]


def plan_links(plan: Plan):
    """The plan's links with what the pages show of them, in the plan's order."""
    return plan.plan_indicators.select_related("indicator", "sotkanet_match", "description")


def the_country() -> Area:
    """The whole country as the reference; before any import has brought it, an unsaved
    one with no values (a page only reads)."""
    return country_area() or Area(code=COUNTRY_CODE, kind=AreaKind.COUNTRY, **COUNTRY_NAMES)


def compare_plan(plan: Plan, links: list[PlanIndicator] | None = None) -> PlanComparison:
    """The plan's linked indicators (or the given ones of them) beside the reference area."""
    if links is None:
        links = list(plan_links(plan))
    chosen = PlanAreas.objects.filter(plan=plan).select_related("reference_area").first()
    reference = chosen.reference_area if chosen and chosen.reference_area else the_country()
    areas = []
    if chosen:
        areas = list(chosen.areas.exclude(pk=reference.pk).order_by("kind", "name_fi"))
    tolerance = chosen.tolerance if chosen else Decimal(DEFAULT_TOLERANCE)
    found = values_of(links, [area.pk for area in areas] + [reference.pk])
    subgoals = subgoals_of(links)
    indicators = [
        IndicatorComparison(
            link,
            breakdowns(found[link.pk], areas, reference, tolerance, link, plan.period_start),
            subgoals[link.pk],
        )
        for link in links
    ]
    return PlanComparison(plan, areas, reference, tolerance, indicators)


Key = tuple[int, str, str, int]  # area, gender, group, year


def values_of(links: list[PlanIndicator], area_ids: list[int]) -> dict[int, dict[Key, Decimal]]:
    """Each link's values by key, in one query: its own indicator's, and where it has
    none for a key, its confirmed Sotkanet match's."""
    sources: dict[int, list[tuple[int, int]]] = defaultdict(list)  # indicator: (link, rank)
    for each in links:
        sources[each.indicator_id].append((each.pk, 0))
        if each.match_confirmed and each.sotkanet_match_id:
            sources[each.sotkanet_match_id].append((each.pk, 1))
    rows = Observation.objects.filter(
        indicator__in=list(sources), area__in=area_ids, value__isnull=False
    ).values_list("indicator_id", "area_id", "gender", "group", "year", "value")
    ranked: dict[int, dict[Key, tuple[int, Decimal]]] = defaultdict(dict)
    for indicator, area, gender, group, year, value in rows:
        for link, rank in sources[indicator]:
            key = (area, gender, group, year)
            if value is not None and (key not in ranked[link] or rank < ranked[link][key][0]):
                ranked[link][key] = (rank, value)
    found: dict[int, dict[Key, Decimal]] = defaultdict(dict)
    for link, keyed in ranked.items():
        found[link] = {key: value for key, (_rank, value) in keyed.items()}
    return found


def subgoals_of(links: list[PlanIndicator]) -> dict[int, set[int]]:
    """Each link's sub-goals' primary keys: one query."""
    through = PlanIndicator.subgoals.through.objects.filter(
        planindicator__in=[link.pk for link in links]
    )
    chosen: dict[int, set[int]] = defaultdict(set)
    for link, subgoal in through.values_list("planindicator_id", "subgoal_id"):
        chosen[link].add(subgoal)
    return chosen


def breakdowns(
    values: dict[Key, Decimal],
    areas: list[Area],
    reference: Area,
    tolerance: Decimal,
    link: PlanIndicator,
    start_year: int,
) -> list[Breakdown]:
    """The indicator's genders (total first) and groups, each with every area's series."""
    keys = sorted(
        {(gender, group) for _area, gender, group, _year in values},
        key=lambda key: (gender_rank(key[0]), key[1]),
    )
    by_key: dict[tuple[str, str], dict[int, dict[int, Decimal]]] = defaultdict(
        lambda: defaultdict(dict)
    )
    for (area, gender, group, year), value in values.items():
        by_key[gender, group][area][year] = value
    found = []
    for gender, group in keys:
        by_area = by_key[gender, group]
        referred = by_area[reference.pk]
        years = sorted(set().union(*(by_area[area.pk] for area in areas), referred))
        series = [
            area_series(area, by_area[area.pk], referred, years, link, tolerance, start_year)
            for area in areas
        ]
        found.append(Breakdown(gender, group, years, referred, series, reference))
    return found


def gender_rank(gender: str) -> int:
    return GENDER_ORDER.index(gender) if gender in GENDER_ORDER else len(GENDER_ORDER)


def area_series(area, own, referred, years, link, tolerance, start_year) -> Series:
    direction = link.indicator.direction
    comparisons = [Comparison(year, own.get(year), referred.get(year), NO_VALUE) for year in years]
    for each in comparisons:
        each.rating = rate(each.value, each.reference, direction, tolerance)
    return Series(area, comparisons, trend(sorted(own.items()), start_year))

"""Counting a follow-up round: status distributions, the change since last round, the trend.

Pure functions over plain values, no database: a round is a mapping of action id ->
status level id (None when the action has no status in the round), the plan's scale
is a list of `Level`s. A level whose pk is None collects the actions with no status;
leave it out to count the actions with a status only.
"""

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

Statuses = Mapping[int, int | None]  # action id -> status level id, None: no status


@dataclass(frozen=True)
class Level:
    pk: int | None  # None: "no status"
    name: str
    colour: str  # "#rrggbb"
    description: str = ""


@dataclass(frozen=True)
class Segment:
    level: Level
    count: int


@dataclass(frozen=True)
class Distribution:
    """How many actions are at each level, in the scale's order."""

    segments: tuple[Segment, ...]

    @property
    def total(self) -> int:
        return sum(segment.count for segment in self.segments)

    @property
    def with_status(self) -> int:
        return sum(segment.count for segment in self.segments if segment.level.pk is not None)

    def count_of(self, level_pk: int | None) -> int:
        return next((s.count for s in self.segments if s.level.pk == level_pk), 0)


@dataclass(frozen=True)
class LevelChange:
    level: Level
    before: int
    now: int

    @property
    def difference(self) -> int:
        return self.now - self.before


@dataclass(frozen=True)
class ActionChange:
    action_id: int
    before: Level | None
    now: Level | None


@dataclass(frozen=True)
class YearDistribution:
    year: int
    distribution: Distribution


def counted(levels: Sequence[Level], counts: Mapping[int | None, int]) -> Distribution:
    """A distribution from counts per level id; ids of no level count as no status."""
    known = {level.pk for level in levels}
    unknown = sum(n for pk, n in counts.items() if pk not in known)
    return Distribution(
        tuple(
            Segment(level, counts.get(level.pk, 0) + (unknown if level.pk is None else 0))
            for level in levels
        )
    )


def distribution(levels: Sequence[Level], statuses: Iterable[int | None]) -> Distribution:
    return counted(levels, Counter(statuses))


def level_changes(before: Distribution, now: Distribution) -> list[LevelChange]:
    """Per level (of the round now): its count in the previous round and now."""
    return [
        LevelChange(segment.level, before.count_of(segment.level.pk), segment.count)
        for segment in now.segments
    ]


def action_changes(
    levels: Sequence[Level], action_ids: Iterable[int], before: Statuses, now: Statuses
) -> list[ActionChange]:
    """The actions whose status differs from the previous round's, in the given order."""
    by_pk = {level.pk: level for level in levels}
    unknown = by_pk.get(None)  # a status of no level reads as "no status"
    return [
        ActionChange(pk, by_pk.get(before.get(pk), unknown), by_pk.get(now.get(pk), unknown))
        for pk in action_ids
        if before.get(pk) != now.get(pk)
    ]


def trend(
    levels: Sequence[Level], counts: Mapping[tuple[int, int | None], int], years: Iterable[int]
) -> list[YearDistribution]:
    """Per year (oldest first), the distribution of the counts per (year, level id)."""
    by_year: dict[int, dict[int | None, int]] = {year: {} for year in years}
    for (year, level_pk), n in counts.items():
        if year in by_year:
            by_year[year][level_pk] = by_year[year].get(level_pk, 0) + n
    return [YearDistribution(year, counted(levels, by_year[year])) for year in sorted(by_year)]

"""The reports to the council as plain data, gathered once and drawn by every renderer.

Three kinds (KINDS): the yearly evaluation of one closed follow-up round (as seed 000:
a cover, the key highlights, per main goal a table of sub-goals with their status,
added priorities and joint highlights, the status distribution, the organisations
that did not report, the actions' reports); the plan document (as seeds 002–004: the
introduction and other sections, the goals and their sub-goals, the action tables per
goal and per organisation, in the plan's own level labels); and the comparison of two
or more closed rounds (a mid-term or final evaluation: how the statuses moved, which
actions never started, which ended).

A report tells the council only what is public: the submitted reports of closed rounds
(followup.published), as the plan's progress page does, whoever asks for it. Each kind
is read in a fixed number of queries however large the plan (tests/test_reports_content.py).
Texts are gathered in the active language (the plan's labels, the status level names):
renderers gather in the language they draw in.
"""

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lanu.followup import overview, published, statistics
from lanu.followup.charts import number_text
from lanu.followup.models import ActionReport, FollowUpRound
from lanu.followup.statistics import Distribution, Level, Segment, YearDistribution
from lanu.indicators.comparison import NO_VALUE, Series, compare_plan
from lanu.indicators.models import Gender
from lanu.plans.listing import plan_actions, plan_goals, plan_participations
from lanu.plans.models import Plan

from .voice import VoiceChapter, voice_chapter


class ReportRefused(Exception):
    """The report cannot be made as asked (no such closed round...): the message says why."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text, or a list (its lines started "- " or "• " in the text)."""

    text: str = ""
    items: tuple[str, ...] = ()


@dataclass(frozen=True)
class Cover:
    title: str  # "Toteutumisen arviointi 2023", "Hyvinvointisuunnitelma"...
    plan: str
    region: str
    period: str
    approved_by: str  # the approving body, "" if the plan does not say
    approved_on: str  # as d.m.yyyy, "" if not known
    language: str  # the document's language, "fi"
    slug: str


@dataclass(frozen=True)
class Priority:
    by: str  # the organisation, or the prefix as the document wrote it
    text: str


@dataclass(frozen=True)
class SubGoalStatus:
    key: str
    title: str
    distribution: Distribution
    priorities: tuple[Priority, ...]
    highlights: tuple[str, ...]

    @property
    def shown(self) -> list[Segment]:
        """The levels some of the sub-goal's actions are at (the colour and the word)."""
        return [segment for segment in self.distribution.segments if segment.count]


@dataclass(frozen=True)
class GoalStatus:
    number: str
    title: str
    distribution: Distribution
    subgoals: tuple[SubGoalStatus, ...]


@dataclass(frozen=True)
class OrganisationStatus:
    name: str
    distribution: Distribution
    submitted: bool | None  # None: not known (a round imported from a document)


@dataclass(frozen=True)
class ActionStatus:
    number: int
    title: str
    organisation: str
    subgoals: str  # "I.1, I.3"
    level: Level
    account: str
    values: tuple[str, ...]  # metric values as a reader writes them: "Mittari: 12 henkilöä"


@dataclass(frozen=True)
class IndicatorRow:
    """One linked indicator's latest value in one of the plan's areas (or the reference
    area's alone, where the plan chose no areas), beside the reference, rated, and its
    change since the plan's first year (lanu.indicators.comparison)."""

    name: str
    breakdown: str  # the gender and population group, "" for the whole population
    area: str
    year: int | None
    value: str
    reference: str  # "75,2 (Koko maa)"
    rating: str  # the symbol and the word: "✓ hyvä"
    rating_key: str  # good, neutral, worrying, unrated: the colour
    change: str  # "+1,5 (2020–2023)", "" when no later year follows the first


@dataclass(frozen=True)
class Evaluation:
    """The yearly evaluation of one closed round."""

    cover: Cover
    labels: dict[str, str]
    year: int
    imported: bool  # read from an evaluation document: who reported is not recorded
    notes: tuple[Paragraph, ...]  # the key highlights and whatever else the round's notes say
    levels: tuple[Level, ...]  # the status scale, "not reported" last
    whole: Distribution
    goals: tuple[GoalStatus, ...]
    organisations: tuple[OrganisationStatus, ...]
    actions: tuple[ActionStatus, ...]
    trend: tuple[YearDistribution, ...]  # every closed round up to this one, oldest first
    indicators: tuple[IndicatorRow, ...] = ()
    voice: VoiceChapter | None = None  # the hearings and feedback of the year (voice.py)

    @property
    def not_reported(self) -> list[str]:
        return [o.name for o in self.organisations if o.submitted is False]


@dataclass(frozen=True)
class ActionEntry:
    number: int
    organisation: str
    subgoals: str
    description: str
    items: tuple[str, ...]
    metrics: tuple[str, ...]
    schedule: str
    responsible: str
    monitoring: str


@dataclass(frozen=True)
class OrganisationActions:
    name: str
    actions: tuple[ActionEntry, ...]


@dataclass(frozen=True)
class SubGoalEntry:
    key: str
    title: str
    description: str


@dataclass(frozen=True)
class GoalPart:
    number: str
    title: str
    description: tuple[Paragraph, ...]
    subgoals: tuple[SubGoalEntry, ...]
    organisations: tuple[OrganisationActions, ...]  # the goal's actions, per organisation


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: tuple[Paragraph, ...]


@dataclass(frozen=True)
class PlanDocument:
    cover: Cover
    labels: dict[str, str]
    sections: tuple[Section, ...]
    goals: tuple[GoalPart, ...]
    multi_organisational: bool


@dataclass(frozen=True)
class Movement:
    before: Level
    after: Level
    count: int


@dataclass(frozen=True)
class Comparison:
    """A mid-term or final evaluation: two or more closed rounds side by side."""

    cover: Cover
    labels: dict[str, str]
    years: tuple[int, ...]
    levels: tuple[Level, ...]
    trend: tuple[YearDistribution, ...]
    movements: tuple[Movement, ...]  # first year's status -> last year's, per pair of levels
    never_started: tuple[ActionStatus, ...]
    ended: tuple[ActionStatus, ...]  # reported as ending, the year it was said beside it
    goals: tuple[GoalStatus, ...]  # the last round's status per sub-goal
    indicators: tuple[IndicatorRow, ...] = ()


Report = Evaluation | PlanDocument | Comparison


@dataclass(frozen=True)
class Order:
    """What is asked: the plan, the kind of report and the year(s) of its round(s)."""

    plan: Plan
    kind: str
    years: tuple[int, ...] = field(default=())

    @property
    def stem(self) -> str:
        """The file's name without its extension: "kymenlaakso-2020-2024-evaluation-2023"."""
        return "-".join([self.plan.slug, self.kind, *map(str, self.years)])


def gather(order: Order) -> Report:
    return KINDS[order.kind](order.plan, order.years)


# The parts every kind shares.


def cover(plan: Plan, title: str) -> Cover:
    approved_on = date_format(plan.approved_on, "j.n.Y") if plan.approved_on else ""
    return Cover(
        title=title,
        plan=plan.name,
        region=plan.region,
        period=plan.period,
        approved_by=plan.approved_by,
        approved_on=approved_on,
        language=plan.language or "fi",
        slug=plan.slug,
    )


def paragraphs(text: str) -> tuple[Paragraph, ...]:
    """A text's paragraphs (blank lines between them); lines starting "- " or "• " are items."""
    found = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.splitlines() if line.strip()]
        if lines and all(line.startswith(("- ", "• ")) for line in lines):
            found.append(Paragraph(items=tuple(line[2:].strip() for line in lines)))
        elif lines:
            found.append(Paragraph(" ".join(lines)))
    return tuple(found)


def closed_rounds(plan: Plan, years) -> list[FollowUpRound]:
    """The plan's closed rounds of the years, oldest first: 1 query; refused if one is missing."""
    rounds = list(
        plan.rounds.filter(year__in=years, state=FollowUpRound.State.CLOSED).order_by("year")
    )
    missing = sorted(set(years) - {r.year for r in rounds})
    if missing or not years:
        years_text = ", ".join(map(str, missing)) or "–"
        raise ReportRefused(
            _("The plan has no closed follow-up round for %(years)s.") % {"years": years_text}
        )
    return rounds


def subgoals_of(goal) -> list:
    return list(goal.subgoals.all())


def goal_statuses(plan, goals, levels, statuses, actions) -> tuple[GoalStatus, ...]:
    """Per goal its distribution and per sub-goal its distribution, priorities and
    highlights (the goals as overview.add_highlights_and_priorities left them)."""
    by_subgoal = overview.subgoal_groups(actions)
    found = []
    for goal in goals:
        rows = []
        for subgoal in subgoals_of(goal):
            ids = by_subgoal[subgoal.pk]
            rows.append(
                SubGoalStatus(
                    key=f"{goal.number}.{subgoal.number}",
                    title=subgoal.title,
                    distribution=counted(levels, statuses, ids),
                    priorities=tuple(
                        Priority(p.by, p.text) for p in getattr(subgoal, "priorities", [])
                    ),
                    highlights=tuple(h.text for h in getattr(subgoal, "highlights", [])),
                )
            )
        everything = set().union(*(by_subgoal[s.pk] for s in subgoals_of(goal)))
        distribution = counted(levels, statuses, everything)
        found.append(GoalStatus(goal.number, goal.title, distribution, tuple(rows)))
    return tuple(found)


def counted(levels, statuses, action_ids) -> Distribution:
    return statistics.distribution(levels, (statuses.get(pk) for pk in action_ids))


def action_status(action, level: Level, values=()) -> ActionStatus:
    return ActionStatus(
        number=action.number,
        title=action.title,
        organisation=action.organisation.name,
        subgoals=", ".join(ref.key for ref in action.subgoal_refs),
        level=level,
        account=getattr(action, "account", ""),
        values=tuple(values),
    )


# The yearly evaluation.


def evaluation(plan: Plan, years) -> Evaluation:
    """The yearly evaluation of the round of the (one) year: 18 queries, 23 when the
    year has answers to the plan's forms (the voice chapter, voice.py)."""
    if len(years) != 1:
        raise ReportRefused(_("A yearly evaluation is of one year."))
    round_ = closed_rounds(plan, years)[0]
    levels = overview.public_scale(plan)
    actions = overview.round_actions(plan, round_)
    statuses = overview.add_public_reports(round_, actions, levels)
    goals = list(overview.round_goals(plan, round_))
    submitted = published.submitted_organisations(round_)
    overview.add_highlights_and_priorities(round_, goals, submitted)
    by_pk = {level.pk: level for level in levels}
    rounds = list(plan.rounds.filter(state=FollowUpRound.State.CLOSED, year__lte=round_.year))
    return Evaluation(
        cover=cover(plan, _("Evaluation of implementation %(year)s") % {"year": round_.year}),
        labels=plan.labels,
        year=round_.year,
        imported=round_.imported,
        notes=paragraphs(round_.notes),
        levels=tuple(levels),
        whole=counted(levels, statuses, [a.pk for a in actions]),
        goals=goal_statuses(plan, goals, levels, statuses, actions),
        organisations=organisation_statuses(plan, round_, levels, statuses, actions, submitted),
        actions=tuple(
            action_status(a, by_pk.get(statuses.get(a.pk), by_pk[None]), value_texts(a))
            for a in actions
        ),
        trend=tuple(overview.year_trend([lv for lv in levels if lv.pk is not None], rounds)),
        indicators=indicator_annex(plan),
        voice=voice_chapter(plan, round_.year, plan.labels),
    )


def organisation_statuses(plan, round_, levels, statuses, actions, submitted):
    organisations = overview.organisations_of(plan, actions)
    return tuple(
        OrganisationStatus(
            name=o.name,
            distribution=counted(levels, statuses, o.action_ids),
            submitted=None if round_.imported else o.pk in submitted,
        )
        for o in organisations
    )


def value_texts(action) -> list[str]:
    return [f"{value.metric.text}: {value.shown()}" for value in getattr(action, "values", [])]


# The indicator annex.


def indicator_annex(plan: Plan) -> tuple[IndicatorRow, ...]:
    """Each linked indicator's headline (the whole population, or each gender where it
    has no total) in each of the plan's areas: 5 queries (compare_plan)."""
    compared = compare_plan(plan)
    reference_area = compared.reference_area.name
    rows = []
    for indicator in compared.indicators:
        if not indicator.breakdowns:  # linked, but no value yet: listed all the same
            word = str(NO_VALUE.word)
            rows.append(
                IndicatorRow(str(indicator.link), "", "", None, "–", "–", word, "unrated", "")
            )
        for breakdown in indicator.headline:
            label = breakdown_label(breakdown)
            series: list[Series | None] = list(breakdown.series) or [None]
            for each in series:
                rows.append(
                    indicator_row(str(indicator.link), label, breakdown, each, reference_area)
                )
    return tuple(rows)


def breakdown_label(breakdown) -> str:
    gender = breakdown.gender_label if breakdown.gender != Gender.TOTAL else ""
    return ", ".join(filter(None, [gender, breakdown.group]))


def indicator_row(name, label, breakdown, series, reference_area) -> IndicatorRow:
    """The series' latest year beside the reference; with no series (no areas chosen)
    the reference area's own latest value, unrated."""
    if series is None:
        year, value = (breakdown.reference_points or [(None, None)])[-1]
        return IndicatorRow(
            name, label, reference_area, year, shown(value), "", str(NO_VALUE.word), "unrated", ""
        )
    latest = series.latest
    trend = series.trend
    change = ""
    if trend.change is not None and trend.points:
        change = f"{signed(trend.change)} ({trend.since}–{trend.points[-1][0]})"
    reference = latest.reference if latest else None
    rating = latest.rating if latest else NO_VALUE
    return IndicatorRow(
        name=name,
        breakdown=label,
        area=series.area.name,
        year=latest.year if latest else None,
        value=shown(latest.value if latest else None),
        reference=f"{shown(reference)} ({reference_area})" if reference is not None else "–",
        rating=f"{rating.symbol} {rating.word}".strip(),
        rating_key=rating.key,
        change=change,
    )


def shown(value) -> str:
    return "–" if value is None else number_text(value)


def signed(value) -> str:
    text = number_text(abs(value))
    return f"+{text}" if value > 0 else f"−{text}" if value < 0 else text


# The plan document.


def plan_document(plan: Plan, years=()) -> PlanDocument:
    """The plan as its document has it: 7 queries."""
    goals = list(plan_goals(plan))
    actions = plan_actions(plan)
    order = {p.organisation_id: n for n, p in enumerate(plan_participations(plan))}
    sections = tuple(
        Section(s.title, paragraphs(s.body)) for s in plan.sections.order_by("order", "pk")
    )
    by_goal: dict[str, list] = defaultdict(list)
    for action in actions:
        for goal_number in dict.fromkeys(ref.key.split(".")[0] for ref in action.subgoal_refs):
            by_goal[goal_number].append(action)
    parts = tuple(goal_part(goal, by_goal[goal.number], order) for goal in goals)
    return PlanDocument(
        cover=cover(plan, plan.name),
        labels=plan.labels,
        sections=sections,
        goals=parts,
        multi_organisational=len({a.organisation_id for a in actions}) > 1,
    )


def goal_part(goal, actions, order: dict[int, int]) -> GoalPart:
    groups: dict[int, list] = defaultdict(list)
    for action in actions:
        groups[action.organisation_id].append(action)
    ranked = sorted(
        groups.values(),
        key=lambda g: (order.get(g[0].organisation_id, 1e9), g[0].organisation.name),
    )
    return GoalPart(
        number=goal.number,
        title=goal.title,
        description=paragraphs(goal.description),
        subgoals=tuple(
            SubGoalEntry(f"{goal.number}.{s.number}", s.title, s.description)
            for s in subgoals_of(goal)
        ),
        organisations=tuple(
            OrganisationActions(group[0].organisation.name, tuple(map(action_entry, group)))
            for group in ranked
        ),
    )


def action_entry(action) -> ActionEntry:
    return ActionEntry(
        number=action.number,
        organisation=action.organisation.name,
        subgoals=", ".join(ref.key for ref in action.subgoal_refs),
        description=action.description,
        items=tuple(action.items),
        metrics=tuple(metric.text for metric in action.metric_list),
        schedule=action.schedule,
        responsible=action.responsible,
        monitoring=action.monitoring,
    )


# The comparison of closed rounds (mid-term, final evaluation).


def comparison(plan: Plan, years) -> Comparison:
    """Two or more closed rounds side by side: 16 queries."""
    if len(set(years)) < 2:
        raise ReportRefused(_("A comparison needs the years of two or more closed rounds."))
    rounds = closed_rounds(plan, sorted(set(years)))
    first, last = rounds[0], rounds[-1]
    levels = overview.public_scale(plan)
    by_pk = {level.pk: level for level in levels}
    actions = overview.round_actions(plan, last)
    rows = list(
        published.published(ActionReport.objects.filter(round__in=rounds)).values_list(
            "round__year", "action_id", "status_id", "continuation"
        )
    )
    statuses: dict[int, dict[int, Any]] = defaultdict(dict)
    for year, action_id, status_id, _continuation in rows:
        statuses[year][action_id] = status_id
    progress = set(plan.status_levels.filter(counts_as_progress=True).values_list("pk", flat=True))
    ended = {
        action_id: year for year, action_id, _s, c in rows if c == ActionReport.Continuation.ENDS
    }
    goals = list(overview.round_goals(plan, last))
    last_statuses = statuses[last.year]
    reported_levels = [level for level in levels if level.pk is not None]
    return Comparison(
        cover=cover(
            plan,
            _("Evaluation of implementation %(first)s–%(last)s")
            % {"first": first.year, "last": last.year},
        ),
        labels=plan.labels,
        years=tuple(r.year for r in rounds),
        levels=tuple(levels),
        trend=tuple(overview.year_trend(reported_levels, rounds)),
        movements=movements(by_pk, actions, statuses[first.year], last_statuses),
        never_started=tuple(
            action_status(a, by_pk.get(last_statuses.get(a.pk), by_pk[None]))
            for a in actions
            if not any(statuses[r.year].get(a.pk) in progress for r in rounds)
        ),
        ended=tuple(
            action_status(a, by_pk.get(last_statuses.get(a.pk), by_pk[None]), [str(ended[a.pk])])
            for a in actions
            if a.pk in ended
        ),
        goals=goal_statuses(plan, goals, levels, last_statuses, actions),
        indicators=indicator_annex(plan),
    )


def movements(by_pk, actions, before, after) -> tuple[Movement, ...]:
    """How many actions went from each level (first round) to each level (last round)."""

    def known(pk):
        return pk if pk in by_pk else None

    moved = Counter((known(before.get(a.pk)), known(after.get(a.pk))) for a in actions)
    return tuple(
        Movement(by_pk[b], by_pk[a], moved[(b, a)]) for b in by_pk for a in by_pk if moved[(b, a)]
    )


KINDS: dict[str, Callable[[Plan, tuple[int, ...]], Report]] = {
    "evaluation": evaluation,
    "plan": plan_document,
    "comparison": comparison,
}

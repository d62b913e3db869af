"""Plans side by side: their goals and sub-goals aligned by theme, the actions under each.

`comparison(plans, user)` reads everything in a fixed number of queries however large
the plans are (the goals, the sub-goals, the actions, which sub-goals each serves, the
themes' members) and gives plain data: a row per theme with a cell per plan, then each
plan's sub-goals in no theme, and the suggestions: pairs of sub-goals of different plans
whose TF-IDF cosine (vectors.py over analysis.terms of the sub-goal's title and
description and its actions' titles) reaches THRESHOLD, at least one of them in no
theme. A goal or sub-goal a person put in a theme stays there: a suggestion never joins
two sub-goals that are both in themes already, and accepting one only adds to a theme
(themes.py).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

from django.urls import reverse

from lanu.accounts.permissions import can_coordinate
from lanu.plans.models import Action, Goal, Plan, SubGoal

from .analysis import terms
from .models import Theme, ThemeMember
from .vectors import Vector, cosine, document_frequencies, shared_terms, tfidf

THRESHOLD = 0.15  # the cosine from which two sub-goals are suggested as one theme
MOST_SUGGESTIONS = 30  # shown at once, the most similar first


@dataclass
class ActionRef:
    pk: int
    title: str
    url: str
    organisation: str


@dataclass
class OrganisationActions:
    name: str
    actions: list[ActionRef]


@dataclass
class Unit:
    """A goal or a sub-goal of one plan, as the comparison shows it."""

    key: str  # "goal-PK" or "subgoal-PK", as the forms post it
    plan: Plan
    label: str  # "I.2 Kiusaamisen ehkäisy"
    url: str
    actions: list[ActionRef] = field(default_factory=list)
    organisations: list[OrganisationActions] = field(default_factory=list)
    member: ThemeMember | None = None  # its own place in a theme
    theme: Theme | None = None  # its own theme, or (a sub-goal) its goal's
    text: str = ""  # its title and description, for the similarity
    goal: str = ""  # a sub-goal's goal's key


@dataclass
class Row:
    theme: Theme | None
    cells: list[list[Unit]]  # one per plan, in the plans' order


@dataclass
class Suggestion:
    first: Unit
    second: Unit
    score: float
    shared: list[str]
    theme: Theme | None  # the theme the one in no theme would join; None: a new theme
    may_accept: bool
    slug: str  # the plan whose coordinator accepts (the address the button posts to)


@dataclass
class Comparison:
    plans: list[Plan]
    rows: list[Row]
    unthemed: list[Row]  # a single row: each plan's sub-goals in no theme
    suggestions: list[Suggestion]
    coordinated: list[Plan]  # the compared plans this person may align
    units: dict[str, Unit]
    themes: list[Theme]


def comparison(plans: list[Plan], user, threshold: float = THRESHOLD) -> Comparison:
    units = plan_units(plans)
    themes = place_in_themes(units, plans)
    coordinated = [plan for plan in plans if can_coordinate(user, plan)]
    rows = theme_rows(units, plans, themes)
    unthemed = [u for u in units.values() if u.key.startswith("subgoal") and u.theme is None]
    found = suggestions(units, plans, threshold, {plan.pk for plan in coordinated})
    return Comparison(
        plans=plans,
        rows=rows,
        unthemed=[Row(None, cells_of(unthemed, plans))] if unthemed else [],
        suggestions=found,
        coordinated=coordinated,
        units=units,
        themes=themes,
    )


def plan_units(plans: list[Plan]) -> dict[str, Unit]:
    """The plans' live goals and sub-goals with the actions under them: four queries."""
    by_pk = {plan.pk: plan for plan in plans}
    goals = Goal.objects.filter(plan__in=plans, archived=False).order_by("plan", "order")
    units = {f"goal-{goal.pk}": goal_unit(goal, by_pk[goal.plan_id]) for goal in goals}
    subgoals = SubGoal.objects.filter(goal__plan__in=plans, archived=False, goal__archived=False)
    children = defaultdict(list)
    for subgoal in subgoals.select_related("goal").order_by("goal__order", "order"):
        unit = subgoal_unit(subgoal, by_pk[subgoal.goal.plan_id])
        units[unit.key] = unit
        children[f"goal-{subgoal.goal_id}"].append(unit)
    add_actions(units, plans, by_pk)
    for key, below in children.items():
        units[key].actions = list({a.pk: a for u in below for a in u.actions}.values())
    for unit in units.values():
        unit.organisations = by_organisation(unit.actions)
    return units


def goal_unit(goal: Goal, plan: Plan) -> Unit:
    url = reverse("plans:plan", args=[plan.slug]) + f"#goal-{goal.pk}"
    label = f"{plan.labels['goal']} {goal.number}: {goal.title}"
    return Unit(f"goal-{goal.pk}", plan, label, url, text=f"{goal.title}\n{goal.description}")


def subgoal_unit(subgoal: SubGoal, plan: Plan) -> Unit:
    url = reverse("plans:subgoal", args=[plan.slug, subgoal.pk])
    label = f"{subgoal.key} {subgoal.title}"
    text = f"{subgoal.title}\n{subgoal.description}"
    return Unit(
        f"subgoal-{subgoal.pk}", plan, label, url, text=text, goal=f"goal-{subgoal.goal_id}"
    )


def add_actions(units: dict[str, Unit], plans: list[Plan], by_pk: dict[int, Plan]) -> None:
    """Each sub-goal's live actions, with their organisation's name: two queries."""
    live = Action.objects.filter(plan__in=plans, archived=False).select_related("organisation")
    actions = {}
    for action in live.only("plan", "description", "items", "order", "organisation__name"):
        url = reverse("plans:action", args=[by_pk[action.plan_id].slug, action.pk])
        name = action.organisation.name
        actions[action.pk] = ActionRef(action.pk, action.title, url, name)
    links = Action.subgoals.through.objects.filter(action__plan__in=plans, action__archived=False)
    for action_id, subgoal_id in links.values_list("action_id", "subgoal_id").order_by("pk"):
        unit = units.get(f"subgoal-{subgoal_id}")
        if unit is not None and action_id in actions:
            unit.actions.append(actions[action_id])
    for unit in units.values():
        unit.text += "".join(f"\n{action.title}" for action in unit.actions)


def by_organisation(actions: list[ActionRef]) -> list[OrganisationActions]:
    """The actions grouped by organisation, the organisations in alphabetical order."""
    grouped = defaultdict(list)
    for action in actions:
        grouped[action.organisation].append(action)
    return [OrganisationActions(name, grouped[name]) for name in sorted(grouped, key=str.casefold)]


def place_in_themes(units: dict[str, Unit], plans: list[Plan]) -> list[Theme]:
    """Each unit's theme (a sub-goal's own, else its goal's); the themes shown: one query."""
    members = ThemeMember.objects.filter(plan__in=plans).select_related("theme")
    themes = {}
    for member in members.order_by("pk"):
        unit = units.get(member.key)
        if unit is not None:
            unit.member, unit.theme = member, member.theme
            themes[member.theme_id] = member.theme
    for unit in units.values():
        if unit.theme is None and unit.goal:
            unit.theme = units[unit.goal].theme
    return sorted(themes.values(), key=lambda theme: (theme.name.casefold(), theme.pk))


def theme_rows(units: dict[str, Unit], plans: list[Plan], themes: list[Theme]) -> list[Row]:
    members = defaultdict(list)
    for unit in units.values():
        if unit.member is not None:
            members[unit.member.theme_id].append(unit)
    return [Row(theme, cells_of(members[theme.pk], plans)) for theme in themes]


def cells_of(units: list[Unit], plans: list[Plan]) -> list[list[Unit]]:
    return [[unit for unit in units if unit.plan.pk == plan.pk] for plan in plans]


def suggestions(units: dict[str, Unit], plans: list[Plan], threshold: float, coordinated) -> list:
    """Pairs of sub-goals of different plans at least `threshold` alike, at least one of
    them in no theme, the most alike first (each pair in the order of the plans)."""
    position = {plan.pk: n for n, plan in enumerate(plans)}
    subgoals = [unit for unit in units.values() if unit.key.startswith("subgoal")]
    subgoals.sort(key=lambda unit: position[unit.plan.pk])
    vectors = subgoal_vectors(subgoals)
    found = []
    for first, second in combinations(subgoals, 2):
        if first.plan.pk == second.plan.pk or (first.theme and second.theme):
            continue
        score = cosine(vectors[first.key], vectors[second.key])
        if score >= threshold:
            found.append(suggestion(first, second, score, vectors, coordinated))
    found.sort(key=lambda s: (-s.score, s.first.key, s.second.key))
    return found[:MOST_SUGGESTIONS]


def subgoal_vectors(subgoals: list[Unit]) -> dict[str, Vector]:
    documents = {unit.key: terms(unit.text, unit.plan.language) for unit in subgoals}
    frequencies = document_frequencies(documents.values())
    return {key: tfidf(words, frequencies, len(documents)) for key, words in documents.items()}


def suggestion(first: Unit, second: Unit, score, vectors, coordinated: set[int]) -> Suggestion:
    """Who may accept: a coordinator of the plan whose sub-goal joins the other's theme;
    of both plans where neither is in a theme (the two begin a new theme)."""
    joining = [unit for unit in (first, second) if unit.theme is None]
    theme = first.theme or second.theme
    may = all(unit.plan.pk in coordinated for unit in joining)
    return Suggestion(
        first=first,
        second=second,
        score=round(score, 2),
        shared=shared_terms(vectors[first.key], vectors[second.key]),
        theme=theme,
        may_accept=may,
        slug=joining[0].plan.slug,
    )

"""Synthetic plans of any size, for the query-count tests and the benchmarks."""

from lanu.importers.data import (
    ActionData,
    GoalData,
    MetricData,
    OrganisationData,
    PlanData,
    SubGoalData,
)
from lanu.importers.save import save_plan

GOALS = ("I", "II", "III")
SUBGOALS_PER_GOAL = 5


def synthetic_plan_data(actions: int, organisations: int = 11, slug: str = "") -> PlanData:
    goals = [
        GoalData(
            g,
            f"Päätavoite {g}",
            subgoals=[
                SubGoalData(str(n), f"Välitavoite {g}.{n}") for n in range(1, SUBGOALS_PER_GOAL + 1)
            ],
        )
        for g in GOALS
    ]
    keys = [f"{g}.{n}" for g in GOALS for n in range(1, SUBGOALS_PER_GOAL + 1)]
    names = [f"Organisaatio {n}" for n in range(1, organisations + 1)]
    return PlanData(
        name=f"Synteettinen suunnitelma ({actions} toimenpidettä)",
        slug=slug or f"synthetic-{actions}",
        period_start=2024,
        period_end=2027,
        published=True,
        organisations=[OrganisationData(name) for name in names],
        goals=goals,
        actions=[synthetic_action(n, names, keys) for n in range(actions)],
    )


def synthetic_action(n: int, names: list[str], keys: list[str]) -> ActionData:
    return ActionData(
        organisation=names[n % len(names)],
        subgoals=[keys[n % len(keys)], keys[(n + 1) % len(keys)]],
        description=f"Toimenpide {n}: kohtaamispaikkatoiminnan laajentaminen",
        items=[f"Kohta {n}.1", f"Kohta {n}.2"],
        metrics=[MetricData(f"Mittari {n}.1"), MetricData(f"Mittari {n}.2", n % 3 == 0)],
        schedule="2024 alkaen",
        permanence="permanent",
        responsible="Perhekeskus",
        monitoring="Vuosittain",
        ease="easy" if n % 2 else "hard",
        impact="high" if n % 4 else "low",
    )


def build_plan(actions: int, organisations: int = 11, slug: str = ""):
    return save_plan(synthetic_plan_data(actions, organisations, slug))

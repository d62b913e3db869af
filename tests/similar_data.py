"""Small plans of chosen action texts, for the similar-actions tests: imported as any plan
is (save_plan), so that the index gets them as an import gives them."""

from lanu.importers.data import ActionData, GoalData, OrganisationData, PlanData, SubGoalData
from lanu.importers.save import save_plan


def plan_of_texts(slug: str, actions: list[tuple[str, str]], published: bool = True):
    """A plan whose actions are (organisation name, description) pairs."""
    names = list(dict.fromkeys(name for name, _text in actions))
    data = PlanData(
        name=f"Suunnitelma {slug}",
        slug=slug,
        period_start=2024,
        period_end=2027,
        published=published,
        organisations=[OrganisationData(name) for name in names],
        goals=[GoalData("I", "Päätavoite", subgoals=[SubGoalData("1", "Välitavoite")])],
        actions=[ActionData(name, ["I.1"], description=text) for name, text in actions],
    )
    plan = save_plan(data)
    plan.published = published
    plan.save()
    return plan


def action_of(plan, beginning: str):
    return plan.actions.get(description__startswith=beginning)

"""Small plans for the search's tests: a plan whose actions are the given texts, each of
its own organisation, in Finnish or Swedish."""

from django.contrib.auth.models import AnonymousUser

from lanu.importers.data import ActionData, GoalData, OrganisationData, PlanData, SubGoalData
from lanu.importers.save import save_plan
from lanu.plans.models import Plan
from lanu.search.fulltext import Filters, search


def plan_of_actions(
    slug: str, actions: list[tuple[str, str]], language: str = "fi", published: bool = True
) -> Plan:
    """A plan of one goal and one sub-goal; `actions` are (organisation, description)."""
    names = list(dict.fromkeys(name for name, _ in actions))
    data = PlanData(
        name=f"Suunnitelma {slug}",
        slug=slug,
        language=language,
        period_start=2024,
        period_end=2027,
        published=published,
        organisations=[OrganisationData(name) for name in names],
        goals=[GoalData("I", "Hyvinvointi", subgoals=[SubGoalData("1", "Yhteistyö")])],
        actions=[
            ActionData(organisation=name, subgoals=["I.1"], description=text)
            for name, text in actions
        ],
    )
    return save_plan(data)


def found(query: str, user=None, **filters) -> list[str]:
    """The titles of everything the search finds, on its first page."""
    results = search(query, user or AnonymousUser(), Filters(**filters), per_page=100)
    return [
        hit.entry.title
        for group in results.groups
        for organisation in group.organisations
        for hit in organisation.hits
    ]

"""Small plans for the comparison's tests: sub-goals whose words are inflected forms of
one another across the plans ("Koulukiusaamisen ehkäisy", "Kiusaaminen vähenee")."""

from lanu.accounts.models import Membership
from lanu.importers.data import ActionData, GoalData, OrganisationData, PlanData, SubGoalData
from lanu.importers.save import save_plan
from lanu.plans.models import Plan, SubGoal

ETELA = {
    "Koulukiusaamisen ehkäisy": [
        ("Kymsote", "Kiusaamista ehkäisevä toimintamalli kaikkiin kouluihin"),
        ("MLL", "Kiusaamisen vastainen vertaistuki kouluissa"),
    ],
    "Liikunnan lisääminen": [("Kymsote", "Liikkuva koulu ja harrastustakuu")],
    "Eroperheiden tuki": [("MLL", "Eroauttamisen palvelupolku eroperheille")],
}
POHJOINEN = {
    "Kiusaaminen vähenee": [("Kunta", "Kiusaamisen ehkäisyn toimintamalli kouluille")],
    "Eroauttaminen": [("Kunta", "Eroauttamista perheille palvelupolkuna")],
    "Mielenterveyden tuki": [("Kunta", "Matalan kynnyksen mielenterveyspalvelut nuorille")],
}


def small_plan(slug: str, subgoals: dict[str, list[tuple[str, str]]], published=True) -> Plan:
    """A plan of one goal whose sub-goals and actions are the given texts."""
    names = list(dict.fromkeys(name for actions in subgoals.values() for name, _ in actions))
    actions = [
        ActionData(organisation=name, subgoals=[f"I.{n}"], description=text)
        for n, texts in enumerate(subgoals.values(), start=1)
        for name, text in texts
    ]
    goal = GoalData(
        "I",
        "Hyvinvoinnin edistäminen",
        subgoals=[SubGoalData(str(n), title) for n, title in enumerate(subgoals, start=1)],
    )
    data = PlanData(
        name=f"Suunnitelma {slug}",
        slug=slug,
        period_start=2024,
        period_end=2027,
        published=published,
        organisations=[OrganisationData(name) for name in names],
        goals=[goal],
        actions=actions,
    )
    return save_plan(data)


def subgoal(plan: Plan, title: str) -> SubGoal:
    return SubGoal.objects.get(goal__plan=plan, title=title)


def coordinate(user, *plans: Plan) -> None:
    for plan in plans:
        Membership.objects.create(user=user, plan=plan, role=Membership.Role.COORDINATOR)

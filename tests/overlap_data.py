"""Plans of any size whose actions read like the seed plans' actions, for the overlap
review's query-count test and its measurement: each action joins the texts of two seed
actions (the second one further along, by a fixed stride), so that terms are shared as
unevenly as in real plans (a synthetic plan's actions all say the same thing)."""

from functools import cache

from lanu.importers.data import ActionData, GoalData, OrganisationData, PlanData, SubGoalData
from lanu.importers.save import save_plan

from .reports_plans import plan_data


@cache
def seed_texts() -> tuple[str, ...]:
    """The seed plans' action texts (descriptions and items), the longer ones."""
    texts = []
    for prefix in ("002", "003", "004"):
        for action in plan_data(prefix).actions:
            text = " ".join([action.description, *action.items]).strip()
            if len(text) > 40:
                texts.append(text)
    return tuple(dict.fromkeys(texts))


def seed_like_plan(size: int, slug: str, organisations: int = 11):
    """A published plan of `size` actions of `organisations` organisations."""
    texts = seed_texts()
    names = [f"Toimija {n}" for n in range(1, organisations + 1)]
    actions = [
        ActionData(
            names[n % organisations],
            ["I.1"],
            description=f"{texts[n % len(texts)]} {texts[(n * 37 + 11) % len(texts)]}",
        )
        for n in range(size)
    ]
    data = PlanData(
        name=f"Suunnitelma {slug}",
        slug=slug,
        period_start=2024,
        period_end=2027,
        published=True,
        organisations=[OrganisationData(name) for name in names],
        goals=[GoalData("I", "Päätavoite", subgoals=[SubGoalData("1", "Välitavoite")])],
        actions=actions,
    )
    return save_plan(data)


OVERLAPPING = [  # the synthetic plan's actions in order: organisations 1, 2, 3, 1, 2, 3, ...
    "Koulukiusaamisen ehkäiseminen KiVa-ohjelmalla kaikissa kouluissa",
    "Kiusaamista ehkäistään kouluissa KiVa-ohjelman avulla",
    "Eroauttaminen: eroperheiden vanhempien vertaisryhmät perhekeskuksessa",
    "Eroperheiden vertaisryhmät ja eroauttaminen perhekeskuksen kautta",
    "Nuorisovaltuuston kuuleminen kunnan päätöksissä",
    "Nuorisovaltuusto kuulee nuoria päätöksenteossa",
    "Liikuntaharrastusten tukeminen harrastusseteleillä",
    "Lukutaidon vahvistaminen kirjaston lukupiireissä",
    "Mielenterveyden ensiapukoulutus opettajille",
    "Kouluruokailun kehittäminen oppilaiden toiveiden mukaan",
    "Koulukuljetusten turvallisuuden parantaminen",
    "Kesätyöpaikat nuorille yrityksissä",
]


def overlapping(plan) -> list:
    """Give the plan's actions the texts above, each saved as an editor saves it (its
    index follows): three pairs of the same work, of different organisations."""
    actions = list(plan.actions.order_by("order", "pk"))
    for action, text in zip(actions, OVERLAPPING, strict=False):
        action.description = text
        action.items = []
        action.save()
    return actions

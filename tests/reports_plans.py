"""Plans the report tests share: the Kymenlaakso plan with its 2023 round (as the demo
has them, seeds 003 and 000), and the seed plans for the plan document."""

from functools import cache

from conftest import seed
from lanu.importers import evaluation, read_plan
from lanu.importers.save import save_plan
from lanu.indicators.plan_links import link_plan_indicators

KYMENLAAKSO = "kymenlaakso-2020-2024"


@cache
def plan_data(prefix: str):
    return read_plan(seed(prefix))


def seed_plan(prefix: str, slug: str):
    plan = save_plan(plan_data(prefix), slug)
    plan.published = True
    plan.save()
    return plan


def kymenlaakso_2023():
    """The Kymenlaakso plan, published, with its 2023 round imported from seed 000 and its
    indicators with the country's values, as load-demo makes it."""
    plan = seed_plan("003", KYMENLAAKSO)
    link_plan_indicators(plan)
    path = seed("000")
    evaluation.save(evaluation.read(path.read_text(encoding="utf-8"), path.name, plan, 2023))
    return plan

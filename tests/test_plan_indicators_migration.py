"""Migration indicators 0003 points each plan indicator to the plan's text it was read
from: the links keep their sub-goals and Sotkanet matches, a link whose text is gone is
removed, and a Swedish plan's indicators keep their Swedish names only."""

import pytest

from .migrating import latest, migrate

BEFORE = [("indicators", "0002_plan_indicators")]
AFTER = [("indicators", "0003_plan_indicator_texts")]


def old_links(apps):
    """A Finnish plan with two texts (one of them numbered 3, one without a number), a
    link to a text deleted since, and a Swedish plan of one text; one link follows a
    sub-goal and has a confirmed Sotkanet match."""
    Plan = apps.get_model("plans", "Plan")
    Indicator = apps.get_model("indicators", "Indicator")
    PlanIndicator = apps.get_model("indicators", "PlanIndicator")
    finnish = Plan.objects.create(slug="vanha", name="Vanha", period_start=2020, period_end=2024)
    swedish = Plan.objects.create(
        slug="gammal", name="Gammal", period_start=2020, period_end=2024, language="sv"
    )
    goal = finnish.goals.create(number="I", title="Hyvinvointi")
    subgoal = goal.subgoals.create(number="1", title="Osallisuus")
    match = Indicator.objects.create(code="sotkanet:9", sotkanet_id=9, name_fi="Osallisuus")
    rows = [
        (finnish, 3, 0, "Tyytyväinen elämäänsä"),
        (finnish, None, 1, "Kiusatut"),
        (finnish, 4, 2, "Poistettu"),
        (swedish, 1, 0, "Nöjd med sitt liv"),
    ]
    for plan, number, order, name in rows:
        code = f"plan:{plan.pk}:{number or order + 1}"
        indicator = Indicator.objects.create(code=code, name_fi=name, name_sv=name)
        link = PlanIndicator.objects.create(
            plan=plan, indicator=indicator, number=number, order=order, group="Ryhmä"
        )
        if name != "Poistettu":
            plan.indicator_descriptions.create(number=number, order=order, name=name)
        if number == 3:
            link.subgoals.add(subgoal)
            link.sotkanet_match, link.match_confirmed = match, True
            link.save()


@pytest.mark.django_db(transaction=True)
def test_old_links_point_to_their_texts_and_keep_their_sub_goals_and_matches():
    try:
        old_links(migrate(BEFORE))
        apps = migrate(AFTER)
        PlanIndicator = apps.get_model("indicators", "PlanIndicator")
        links = PlanIndicator.objects.select_related("description", "indicator", "sotkanet_match")
        found = {link.description.name: link for link in links}
        assert sorted(found) == ["Kiusatut", "Nöjd med sitt liv", "Tyytyväinen elämäänsä"]
        kept = found["Tyytyväinen elämäänsä"]
        assert [subgoal.title for subgoal in kept.subgoals.all()] == ["Osallisuus"]
        assert kept.match_confirmed and kept.sotkanet_match.sotkanet_id == 9
        assert kept.indicator.code == f"plan:{kept.plan_id}:text:{kept.description_id}"
        assert found["Kiusatut"].description.order == 1
        swedish = found["Nöjd med sitt liv"].indicator
        assert (swedish.name_fi, swedish.name_sv) == ("", "Nöjd med sitt liv")
    finally:
        migrate(latest())

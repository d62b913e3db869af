"""Migration followup 0003 writes down the actions of rounds closed before it existed."""

from datetime import date

import pytest

from .migrating import latest, migrate

BEFORE = [("followup", "0002_values_keep_their_metric")]
AFTER = [("followup", "0003_closed_rounds_frozen")]


def old_plan(apps):
    """A plan of three actions, the first archived after being reported, the second
    archived unreported, in a round closed before snapshots existed."""
    Plan, Goal = apps.get_model("plans", "Plan"), apps.get_model("plans", "Goal")
    Organisation = apps.get_model("plans", "Organisation")
    plan = Plan.objects.create(slug="vanha", name="Vanha", period_start=2020, period_end=2024)
    organisation = Organisation.objects.create(name="Kunta")
    goal = Goal.objects.create(plan=plan, number="I", title="I", order=0)
    subgoal = goal.subgoals.create(number="1", title="I.1", order=0)
    actions = []
    for n in range(3):
        action = plan.actions.create(organisation=organisation, order=n, description=f"T{n}")
        action.subgoals.add(subgoal)
        actions.append(action)
    round_ = apps.get_model("followup", "FollowUpRound").objects.create(
        plan=plan, year=2023, opens_on=date(2024, 1, 1), closes_on=date(2024, 2, 1)
    )
    apps.get_model("followup", "ActionReport").objects.create(
        round=round_, action=actions[0], account="Tehty"
    )
    plan.actions.filter(order__in=[0, 1]).update(archived=True)
    round_.state = "closed"
    round_.save()
    return subgoal.pk


@pytest.mark.django_db(transaction=True)
def test_rounds_closed_before_get_their_live_and_reported_actions():
    try:
        subgoal = old_plan(migrate(BEFORE))
        apps = migrate(AFTER)
        round_ = apps.get_model("followup", "FollowUpRound").objects.get()
        members = apps.get_model("followup", "RoundAction").objects.filter(round=round_)
        assert sorted(members.values_list("action__order", "subgoals")) == [
            (0, [subgoal]),
            (2, [subgoal]),
        ]
        assert round_.subgoals_at_closing == [subgoal]
    finally:
        migrate(latest())

"""Migration followup 0007 marks the rounds import-round wrote before rounds said so."""

from datetime import date

import pytest

from .migrating import latest, migrate

BEFORE = [("followup", "0006_status_levels_in_three_languages")]
AFTER = [("followup", "0007_rounds_imported")]


def old_rounds(apps) -> None:
    """2022 as import-round wrote it; 2023 run in Lanu and closed with no submission;
    2024 a calendar-year round someone reported in."""
    Plan, Round = apps.get_model("plans", "Plan"), apps.get_model("followup", "FollowUpRound")
    Organisation = apps.get_model("plans", "Organisation")
    plan = Plan.objects.create(slug="vanha", name="Vanha", period_start=2020, period_end=2024)
    organisation = Organisation.objects.create(name="Kunta")
    action = plan.actions.create(organisation=organisation, order=0, description="T")
    for year, opens_on, closes_on in [
        (2022, date(2022, 1, 1), date(2022, 12, 31)),
        (2023, date(2024, 1, 15), date(2024, 3, 31)),
        (2024, date(2024, 1, 1), date(2024, 12, 31)),
    ]:
        Round.objects.create(
            plan=plan, year=year, opens_on=opens_on, closes_on=closes_on, state="closed"
        )
    reported = Round.objects.get(year=2024)
    apps.get_model("followup", "ActionReport").objects.create(
        round=reported, action=action, account="Tehty"
    )


@pytest.mark.django_db(transaction=True)
def test_only_the_rounds_import_round_wrote_are_marked_imported():
    try:
        old_rounds(migrate(BEFORE))
        apps = migrate(AFTER)
        rounds = apps.get_model("followup", "FollowUpRound").objects.order_by("year")
        assert list(rounds.values_list("year", "imported")) == [
            (2022, True),
            (2023, False),
            (2024, False),
        ]
    finally:
        migrate(latest())

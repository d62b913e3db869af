"""Migrations plans 0006 and followup 0006 give plans saved before their Swedish and English
level labels and status names, from the same tables new plans and scales use."""

import pytest

from .migrating import latest, migrate

BEFORE = [("plans", "0005_metric_kind"), ("followup", "0005_reminders_sent")]
AFTER = [
    ("plans", "0006_level_labels_in_three_languages"),
    ("followup", "0006_status_levels_in_three_languages"),
]


def old_plans(apps):
    """A plan of usual labels on Lanu's default scale, and one of its own words and levels."""
    Plan = apps.get_model("plans", "Plan")
    usual = Plan.objects.create(slug="vanha", name="Vanha", period_start=2020, period_end=2024)
    usual.status_levels.create(
        order=0, name="Käynnissä", description="Toimenpide toiminnassa.", colour="#5b9bd5"
    )
    own = Plan.objects.create(
        slug="oma",
        name="Oma",
        period_start=2024,
        period_end=2026,
        goal_label="Painopiste",
        subgoal_label="Kärkihanke",
        action_label="Toimenpide",
    )
    own.status_levels.create(order=0, name="Valmis", colour="#3a8f3a")


@pytest.mark.django_db(transaction=True)
def test_old_plans_get_the_usual_translations_and_keep_their_own_words():
    try:
        old_plans(migrate(BEFORE))
        apps = migrate(AFTER)
        Plan, StatusLevel = (
            apps.get_model("plans", "Plan"),
            apps.get_model("followup", "StatusLevel"),
        )
        usual, own = Plan.objects.get(slug="vanha"), Plan.objects.get(slug="oma")
        assert (usual.goal_label_sv, usual.subgoal_label_sv, usual.action_label_sv) == (
            "Huvudmål",
            "Delmål",
            "Åtgärd",
        )
        assert (usual.goal_label_en, usual.subgoal_label_en) == ("Main goal", "Sub-goal")
        assert (own.goal_label_sv, own.goal_label_en) == ("Fokusområde", "Focus area")
        assert (own.subgoal_label_sv, own.subgoal_label_en) == ("", "")  # shown in Finnish
        level = StatusLevel.objects.get(plan=usual)
        assert (level.name_sv, level.name_en) == ("Pågår", "Under way")
        assert level.description_sv == ""  # its own description: no guessed translation
        assert StatusLevel.objects.get(plan=own).name_sv == ""
    finally:
        migrate(latest())

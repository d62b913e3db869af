"""A metric's kind change converts the values already reported for it (issue 10, item 3).

Every round's values convert, a closed round's too, so that each still reads the same;
a value that cannot be converted refuses the change, naming the value and its round,
and the coordinator's form keeps what they typed.
"""

import datetime
import html
from decimal import Decimal

import pytest

from lanu.followup.models import ActionReport, MetricValue
from lanu.followup.rounds import close_round, open_round
from lanu.plans.metric_kinds import NUMBER, PERCENTAGE, TEXT, YES_NO
from lanu.plans.models import Metric
from tests.action_data import action_data, logged_in, url

pytestmark = pytest.mark.django_db


@pytest.fixture
def action(people):
    """Bob's action with one metric, and its rounds 2023 (closed) and 2024 (open)."""
    action = people.plan.actions.filter(organisation=people.first).order_by("order").first()
    action.metrics.all().delete()
    Metric.objects.create(action=action, text="Osallistujat", kind=NUMBER, unit="henkilöä")
    for year in (2023, 2024):
        open_round(people.plan, year, datetime.date(year + 1, 1, 15), datetime.date(year + 1, 2, 1))
    return action


def reported(action, values: dict[int, dict]) -> None:
    """The metric's value per year, as fields of MetricValue; 2023's round closed after."""
    metric = action.metrics.get()
    for round_ in action.plan.rounds.order_by("year"):
        report = ActionReport.objects.create(round=round_, action=action)
        MetricValue.objects.create(report=report, metric=metric, **values[round_.year])
    close_round(action.plan.rounds.get(year=2023))


def change_kind(people, action, kind: str, unit: str = "henkilöä", **changes):
    metric = action.metrics.get()
    data = action_data(action, **{f"kind_{metric.pk}": kind, f"unit_{metric.pk}": unit}, **changes)
    return logged_in(people.alice).post(url("edit", action), data)


def shown(action) -> list[str]:
    rows = MetricValue.objects.select_related("metric").order_by("report__round__year")
    return [row.shown() for row in rows]


def test_numbers_become_the_text_they_read_as_in_every_round(people, action):
    reported(action, {2023: {"value": Decimal("12.5")}, 2024: {"value": Decimal(1200)}})
    assert shown(action) == ["12,5 henkilöä", "1200 henkilöä"]
    assert change_kind(people, action, TEXT).status_code == 302
    assert shown(action) == ["12,5 henkilöä", "1200 henkilöä"]  # the closed round's too
    assert list(MetricValue.objects.values_list("value", flat=True)) == [None, None]
    assert action.metrics.get().kind == TEXT


def test_yes_no_becomes_kylla_or_ei(people, action):
    Metric.objects.update(kind=YES_NO, unit="")
    reported(action, {2023: {"value": Decimal(1)}, 2024: {"value": Decimal(0)}})
    assert change_kind(people, action, TEXT, unit="").status_code == 302
    rows = MetricValue.objects.order_by("report__round__year")
    assert [(row.value, row.text) for row in rows] == [(None, "Kyllä"), (None, "Ei")]


@pytest.mark.parametrize(
    "kind, texts, values",
    [
        (NUMBER, ["12,5 henkilöä", "1 200"], [Decimal("12.5"), Decimal(1200)]),
        (PERCENTAGE, ["40 %", "12,5"], [Decimal(40), Decimal("12.5")]),
        (YES_NO, ["Kyllä", "ei"], [Decimal(1), Decimal(0)]),
    ],
)
def test_texts_that_read_as_the_kind_convert(people, action, kind, texts, values):
    Metric.objects.update(kind=TEXT)
    reported(action, {2023: {"text": texts[0]}, 2024: {"text": texts[1]}})
    assert change_kind(people, action, kind).status_code == 302
    rows = MetricValue.objects.order_by("report__round__year")
    assert [(row.value, row.text) for row in rows] == [(values[0], ""), (values[1], "")]


def test_zero_or_one_becomes_yes_no_and_a_number_stays_a_percentage(people, action):
    reported(action, {2023: {"value": Decimal(1)}, 2024: {"value": Decimal(0)}})
    assert change_kind(people, action, PERCENTAGE, unit="").status_code == 302
    assert shown(action) == ["1 %", "0 %"]
    action.refresh_from_db()
    assert change_kind(people, action, YES_NO, unit="").status_code == 302
    assert shown(action) == ["Kyllä", "Ei"]


def test_a_text_that_is_no_number_refuses_the_change_and_names_it(people, action, in_english):
    Metric.objects.update(kind=TEXT)
    reported(action, {2023: {"text": "12"}, 2024: {"text": "paljon"}})
    response = change_kind(people, action, NUMBER, schedule="Syksy 2025")
    assert response.status_code == 200
    message = str(response.context["form"].errors[f"kind_{action.metrics.get().pk}"][0])
    assert "“paljon” (2024, Organisaatio 1)" in message and "“12”" not in message
    assert "Correct them in the round's reports, or keep the kind." in message
    assert html.escape(message) in response.text
    assert response.context["form"]["schedule"].value() == "Syksy 2025"  # what was typed
    action.refresh_from_db()
    assert action.metrics.get().kind == TEXT and action.schedule != "Syksy 2025"
    assert sorted(MetricValue.objects.values_list("text", flat=True)) == ["12", "paljon"]


def test_a_closed_rounds_value_that_does_not_convert_keeps_the_kind(people, action, in_english):
    reported(action, {2023: {"value": Decimal(12)}, 2024: {"value": Decimal(1)}})
    response = change_kind(people, action, YES_NO, unit="")
    message = str(response.context["form"].errors[f"kind_{action.metrics.get().pk}"][0])
    assert "“12 henkilöä” (2023, Organisaatio 1)" in message and "2024" not in message
    assert "A closed round's values stay as they were reported." in message
    assert action.metrics.get().kind == NUMBER
    assert shown(action) == ["12 henkilöä", "1 henkilöä"]


def test_a_yes_no_answer_does_not_become_a_number(people, action, in_english):
    Metric.objects.update(kind=YES_NO, unit="")
    reported(action, {2023: {"value": Decimal(1)}, 2024: {"value": Decimal(0)}})
    response = change_kind(people, action, NUMBER, unit="")
    assert response.status_code == 200 and action.metrics.get().kind == YES_NO
    assert shown(action) == ["Yes", "No"]

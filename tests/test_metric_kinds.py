"""Metrics have a kind: number (with unit), percentage, yes/no or text (issue 10, item 3).

The kind is guessed from the metric's wording, Finnish or Swedish, in one place
(metric_kinds.guess_kind) that the import, the action form's new metrics and the
migration all use; the coordinator changes it in the action's form; the report
form asks for a value of that kind and checks it.
"""

import datetime
from decimal import Decimal
from importlib import import_module

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from lanu.followup.models import ActionReport, MetricValue
from lanu.followup.rounds import open_round
from lanu.importers import read_plan_bytes
from lanu.importers.data import (
    ActionData,
    GoalData,
    ImportRefused,
    MetricData,
    OrganisationData,
    PlanData,
    SubGoalData,
)
from lanu.importers.save import save_plan
from lanu.plans.metric_kinds import NUMBER, PERCENTAGE, TEXT, YES_NO, guess_kind
from lanu.plans.metrics import WantedMetric, sync_metrics
from lanu.plans.models import Metric
from tests.action_data import action_data, url

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "text, kind",
    [
        ("Systemaattinen palautejärjestelmä luotu", YES_NO),
        ("Menetelmä käytössä kaikissa kouluissa", YES_NO),
        ("Malli toteutuu (on/ei)", YES_NO),
        ("Toiminta toteutui suunnitellusti", YES_NO),
        ("Osallistujien määrä", NUMBER),
        ("Ryhmien lukumäärä / vuosi", NUMBER),
        ("Käytössä olevien menetelmien määrä", NUMBER),
        ("9.-luokkalaisten osuus, joilla on harrastus", PERCENTAGE),
        ("Tyytyväisten vanhempien %", PERCENTAGE),
        ("Antal deltagare", NUMBER),
        ("Andel elever som har en hobby", PERCENTAGE),
        ("Modellen införd i alla skolor", YES_NO),
        ("Metoden i bruk", YES_NO),
        ("Asiakaspalaute", NUMBER),  # the words tell nothing: a number, as before kinds
    ],
)
def test_the_kind_is_guessed_from_the_wording(text, kind):
    assert guess_kind(text) == kind


def test_the_migration_guesses_the_kind_of_existing_metrics(plan_of):
    plan = plan_of(2)
    action = plan.actions.first()
    made = [
        Metric.objects.create(action=action, text=text, order=n)
        for n, text in enumerate(["Palautejärjestelmä luotu", "Osuus nuorista", "Kävijät"])
    ]
    import_module("lanu.plans.migrations.0005_metric_kind").guess_kinds(apps, None)
    assert [Metric.objects.get(pk=m.pk).kind for m in made] == [YES_NO, PERCENTAGE, NUMBER]


def swedish_plan():
    action = ActionData(
        organisation="Föreningen",
        subgoals=["1.1"],
        description="Familjecentret",
        metrics=[MetricData("Antal besökare"), MetricData("Modellen införd")],
    )
    data = PlanData(
        name="Plan för barn och unga",
        period_start=2024,
        period_end=2027,
        organisations=[OrganisationData("Föreningen", "", "ngo", [])],
        goals=[GoalData("1", "Mål", "", "", [SubGoalData("1", "Delmål", "", "")])],
        actions=[action],
    )
    return save_plan(data, slug="svensk")


def test_an_import_guesses_the_kinds(db):
    plan = swedish_plan()
    kinds = plan.actions.get().metrics.order_by("order").values_list("kind", flat=True)
    assert list(kinds) == [NUMBER, YES_NO]


def test_a_new_metric_of_the_action_form_is_guessed_and_a_kept_one_keeps_its_kind(plan_of):
    action = plan_of(1).actions.get()
    first = sync_metrics(action, [WantedMetric("Kävijöiden määrä")])[0]
    Metric.objects.filter(pk=first.pk).update(kind=TEXT)
    kept, new = sync_metrics(action, [WantedMetric("Kävijöiden määrä"), WantedMetric("Luotu")])
    assert (kept.pk, kept.kind, new.kind) == (first.pk, TEXT, YES_NO)


def coordinator(people) -> Client:
    client = Client()
    client.force_login(people.alice)
    return client


def test_the_coordinator_chooses_a_metrics_kind_and_unit(people, in_english):
    action = people.plan.actions.filter(metrics__isnull=False).first()
    metric = action.metrics.order_by("order").first()
    form = coordinator(people).get(url("edit", action)).text
    assert f'name="kind_{metric.pk}"' in form and "Kind of the metric" in form
    data = action_data(action, **{f"kind_{metric.pk}": "percentage", f"unit_{metric.pk}": ""})
    assert coordinator(people).post(url("edit", action), data).status_code == 302
    metric.refresh_from_db()
    assert (metric.kind, metric.pk) == (PERCENTAGE, action.metrics.order_by("order")[0].pk)


def test_an_editor_sees_no_kind_and_keeps_it(people):
    action = people.plan.actions.filter(organisation=people.first, metrics__isnull=False).first()
    metric = action.metrics.order_by("order").first()
    Metric.objects.filter(pk=metric.pk).update(kind=YES_NO)
    bob = Client()
    bob.force_login(people.bob)
    assert f'name="kind_{metric.pk}"' not in bob.get(url("edit", action)).text
    data = action_data(action, description="Muutettu")
    data = {k: v for k, v in data.items() if not k.startswith(("kind_", "unit_"))}
    assert bob.post(url("edit", action), data).status_code == 302
    metric.refresh_from_db()
    assert metric.kind == YES_NO


# The report form, by kind.


@pytest.fixture
def kinds(people):
    """Bob's action with a yes/no, a number (in persons), a percentage and a text metric."""
    action = people.plan.actions.filter(organisation=people.first).order_by("order").first()
    action.metrics.all().delete()
    metrics = [
        Metric.objects.create(action=action, text=text, kind=kind, unit=unit, order=n)
        for n, (text, kind, unit) in enumerate(
            [
                ("Palautejärjestelmä luotu", YES_NO, ""),
                ("Osallistujat", NUMBER, "henkilöä"),
                ("Tyytyväisten osuus", PERCENTAGE, ""),
                ("Palaute", TEXT, ""),
            ]
        )
    ]
    open_round(people.plan, 2023, datetime.date(2024, 1, 15), datetime.date(2024, 2, 29))
    return action, metrics


def post_report(people, action, values: dict):
    client = Client()
    client.force_login(people.bob)
    address = reverse("followup:report-action", args=[action.plan.slug, 2023, action.pk])
    data = {"status": "", "account": "", "continuation": "", "version": "", "loaded": ""}
    data |= {f"metric_{metric.pk}": value for metric, value in values.items()}
    return client.post(address, data)


@pytest.mark.parametrize("word, stored", [("kyllä", 1), ("Ei", 0), ("ja", 1), ("nej", 0)])
def test_a_yes_no_metric_accepts_finnish_swedish_and_english(people, kinds, word, stored):
    action, (yes_no, number, percentage, text) = kinds
    response = post_report(people, action, {yes_no: word, number: "12", text: "Hyvää"})
    assert response.status_code == 302
    values = {v.metric_id: v for v in MetricValue.objects.all()}
    assert values[yes_no.pk].value == Decimal(stored)
    assert (values[number.pk].value, values[text.pk].text) == (Decimal(12), "Hyvää")


def test_a_yes_no_metric_refuses_other_words_and_a_number_one_words(people, kinds, in_english):
    action, (yes_no, number, percentage, text) = kinds
    response = post_report(people, action, {yes_no: "ehkä", number: "kyllä", text: "kyllä"})
    assert response.status_code == 400
    assert "Answer yes or no (kyllä / ei, ja / nej)." in response.text
    errors = response.context["form"].errors
    assert errors[f"metric_{number.pk}"] == ["Enter a number."]
    assert set(errors) == {f"metric_{yes_no.pk}", f"metric_{number.pk}"}  # a text takes words
    assert not ActionReport.objects.exists()


def test_the_report_form_shows_the_input_of_each_kind(people, kinds, in_english):
    action, (yes_no, number, percentage, text) = kinds
    client = Client()
    client.force_login(people.bob)
    page = client.get(reverse("followup:report-action", args=["yhteinen", 2023, action.pk])).text
    assert f'type="radio" name="metric_{yes_no.pk}" value="yes"' in page
    assert "Osallistujat (henkilöä)" in page and f'name="metric_{number.pk}" inputmode' in page
    assert "Tyytyväisten osuus (%)" in page
    assert f'<textarea name="metric_{text.pk}"' in page


def test_values_are_shown_by_kind(people, kinds, in_english):
    action, (yes_no, number, percentage, text) = kinds
    post_report(people, action, {yes_no: "yes", number: "12,5", percentage: "40", text: "Hyvä"})
    shown = [v.shown() for v in MetricValue.objects.select_related("metric").order_by("metric")]
    assert shown == ["Yes", "12.5 henkilöä", "40 %", "Hyvä"]


def test_the_chosen_kinds_and_units_survive_the_json_export(client, plan_of):
    plan = plan_of(1, slug="lahto")
    metric = plan.actions.get().metrics.order_by("order").first()
    Metric.objects.filter(pk=metric.pk).update(kind=TEXT, unit="kpl")
    raw = client.get(reverse("plans:export-json", args=[plan.slug])).getvalue()
    copy = save_plan(read_plan_bytes(raw, "plan.json"), slug="kopio")
    first = copy.actions.get().metrics.order_by("order").first()
    assert (first.text, first.kind, first.unit) == (metric.text, TEXT, "kpl")


def test_an_unknown_kind_in_a_json_file_is_refused_by_name(client, plan_of, in_english):
    plan = plan_of(1, slug="lahto")
    raw = client.get(reverse("plans:export-json", args=[plan.slug])).getvalue()
    raw = raw.replace(b'"metric_kinds": ["number"', b'"metric_kinds": ["colour"')
    with pytest.raises(ImportRefused) as refused:
        read_plan_bytes(raw, "plan.json")
    assert "“colour” is not one of" in str(refused.value.problems[0])

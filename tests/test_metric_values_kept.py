"""Reported metric values survive every way of saving an action (issue 8, problem 1).

The plan has a closed round (2023) and an open one (2024), each with a value for
every metric of the first three actions. Saving those actions through the edit
form, an XLSX or a CSV applied to the plan must leave every value where it was:
a description-only edit touches no metric, a typo fix edits the metric in place,
a removed metric with values is archived (hidden from the form and the plan's
pages, still in the rounds) instead of deleted.
"""

import csv
import io
from datetime import date

import openpyxl
import pytest
from django.core.management import call_command
from django.db.models import RestrictedError
from django.urls import reverse

from lanu.followup.models import ActionReport, MetricValue
from lanu.followup.rounds import close_round, open_round
from lanu.history.models import Change
from lanu.plans.models import Metric
from tests.action_data import action_data, logged_in, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def reported(plan, year: int):
    """A round with a value for each metric of the first three actions."""
    round_ = open_round(plan, year, date(year + 1, 1, 15), date(year + 1, 3, 31))
    for action in plan.actions.filter(order__lt=3):
        report = ActionReport.objects.create(round=round_, action=action, account="Tehty")
        for n, metric in enumerate(action.metrics.all()):
            MetricValue.objects.create(report=report, metric=metric, value=year + n)
    return round_


@pytest.fixture
def rounds(people):
    closed = close_round(reported(people.plan, 2023))
    return closed, reported(people.plan, 2024)


def values_of(plan) -> set[tuple]:
    """Every reported value: (year, action order, metric id, value)."""
    rows = MetricValue.objects.filter(report__round__plan=plan)
    return set(
        rows.values_list("report__round__year", "report__action__order", "metric_id", "value")
    )


def action(plan, order: int):
    """The synthetic plan's action `order`: its metrics are "Mittari {order}.1" and ".2"."""
    return plan.actions.get(order=order)


def metric_texts(plan, order: int) -> list[str]:
    return [m.text for m in action(plan, order).metrics.filter(archived=False)]


def test_every_value_is_reported_before_any_edit(people, rounds):
    assert len(values_of(people.plan)) == 2 * 3 * 2  # rounds x actions x metrics


# The edit form.


def post_edit(people, order: int, **changes):
    target = action(people.plan, order)
    response = logged_in(people.alice).post(url("edit", target), action_data(target, **changes))
    assert response.status_code == 302, response.content.decode()[:2000]


def test_a_description_only_edit_keeps_the_values(people, rounds):
    before = values_of(people.plan)
    post_edit(people, 0, description="Vain kuvaus muuttui")
    assert action(people.plan, 0).description == "Vain kuvaus muuttui"
    assert values_of(people.plan) == before


def test_a_metric_typo_fix_in_the_form_keeps_the_metric_and_its_values(people, rounds):
    before = values_of(people.plan)
    ids = list(action(people.plan, 1).metrics.values_list("pk", flat=True))
    post_edit(people, 1, metrics="Mittari 1.1 korjattu\nMittari 1.2")
    assert metric_texts(people.plan, 1) == ["Mittari 1.1 korjattu", "Mittari 1.2"]
    assert list(action(people.plan, 1).metrics.values_list("pk", flat=True)) == ids
    assert values_of(people.plan) == before
    change = Change.objects.filter(object_id=action(people.plan, 1).pk).latest("pk")
    metrics = next(f for f in change.fields if f["field"] == "metrics")
    assert (metrics["old"], metrics["new"]) == (
        "Mittari 1.1\nMittari 1.2",
        "Mittari 1.1 korjattu\nMittari 1.2",
    )


def test_a_removed_metric_with_values_is_archived_and_its_values_stay(client, people, rounds):
    before = values_of(people.plan)
    post_edit(people, 0, metrics="Uusi mittari\nMittari 0.1\nMittari 0.2 *\nToinen uusi")
    post_edit(people, 0, metrics="Mittari 0.2 *")
    assert values_of(people.plan) == before
    assert metric_texts(people.plan, 0) == ["Mittari 0.2"]
    gone = Metric.objects.get(action=action(people.plan, 0), text="Mittari 0.1")
    assert gone.archived
    assert not Metric.objects.filter(text__in=["Uusi mittari", "Toinen uusi"]).exists()
    form = logged_in(people.alice).get(url("edit", action(people.plan, 0))).context["form"]
    assert form["metrics"].value() == "Mittari 0.2 *"
    page = logged_in(people.alice).get(action(people.plan, 0).get_absolute_url()).content.decode()
    assert "<li>Mittari 0.2" in page
    assert "<li>Mittari 0.1" not in page  # only in the history's old and new lines


def test_the_closed_round_still_shows_an_archived_metrics_value(people, rounds):
    post_edit(people, 1, metrics="Mittari 1.2")
    round_url = reverse(
        "followup:report-action", args=[people.plan.slug, 2023, action(people.plan, 1).pk]
    )
    page = logged_in(people.alice).get(round_url).content.decode()
    assert "Mittari 1.1" in page and "2023" in page
    open_url = round_url.replace("/2023/", "/2024/")
    form = logged_in(people.alice).get(open_url).context["form"]
    labels = [str(field.label) for field in form.metric_fields()]
    assert labels == ["Mittari 1.2", "Mittari 1.1 (archived metric)"]


def test_a_metric_with_values_cannot_be_deleted(people, rounds):
    metric = action(people.plan, 1).metrics.first()
    with pytest.raises(RestrictedError):
        metric.delete()
    assert Metric.objects.filter(pk=metric.pk).exists()


def test_the_whole_plan_can_still_be_deleted(people, rounds):
    people.plan.delete()
    assert not MetricValue.objects.exists() and not Metric.objects.exists()


# Spreadsheets applied to the plan.


def exported(client, plan, kind: str) -> bytes:
    return client.get(reverse(f"plans:export-{kind}", args=[plan.slug])).getvalue()


def edited_xlsx(people, tmp_path, edits: dict[tuple[int, str], str]):
    client = logged_in(people.alice)
    book = openpyxl.load_workbook(io.BytesIO(exported(client, people.plan, "xlsx")))
    sheet = book.active
    headings = [cell.value for cell in sheet[1]]
    for (row, heading), value in edits.items():
        sheet.cell(row=row, column=headings.index(heading) + 1, value=value)
    path = tmp_path / "actions.xlsx"
    book.save(path)
    return path


def test_an_xlsx_with_a_metric_typo_fix_and_a_description_edit_keeps_the_values(
    people, rounds, tmp_path
):
    before = values_of(people.plan)
    edits = {(2, "Description"): "Uusi kuvaus", (3, "Metrics"): "Mittari 1.1\nMittari 1.2 korjattu"}
    call_command("import-plan", str(edited_xlsx(people, tmp_path, edits)), "--plan", "yhteinen")
    assert action(people.plan, 0).description == "Uusi kuvaus"
    assert metric_texts(people.plan, 1) == ["Mittari 1.1", "Mittari 1.2 korjattu"]
    assert values_of(people.plan) == before


def test_an_xlsx_keeps_a_metrics_breakdown_flag(people, rounds, tmp_path):
    edits = {(2, "Metrics"): "Mittari 0.1 korjattu\nMittari 0.2"}
    call_command("import-plan", str(edited_xlsx(people, tmp_path, edits)), "--plan", "yhteinen")
    metrics = action(people.plan, 0).metrics.all()
    assert [(m.text, m.by_mother_tongue) for m in metrics] == [
        ("Mittari 0.1 korjattu", False),
        ("Mittari 0.2", True),
    ]


def test_a_csv_removing_and_fixing_metrics_keeps_the_values(people, rounds, tmp_path):
    before = values_of(people.plan)
    text = exported(logged_in(people.alice), people.plan, "csv").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    column = rows[0].index("Metrics")
    rows[1][column] = "Mittari 0.2"
    rows[2][column] = "Mittari 1.1 (korjattu)\nMittari 1.2"
    rows[3][rows[0].index("Responsible")] = "Nuorisopalvelut"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    path = tmp_path / "actions.csv"
    path.write_text(out.getvalue(), encoding="utf-8")
    call_command("import-plan", str(path), "--plan", "yhteinen")
    assert metric_texts(people.plan, 0) == ["Mittari 0.2"]
    assert metric_texts(people.plan, 1) == ["Mittari 1.1 (korjattu)", "Mittari 1.2"]
    assert action(people.plan, 2).responsible == "Nuorisopalvelut"
    assert values_of(people.plan) == before
    assert Metric.objects.get(action=action(people.plan, 0), text="Mittari 0.1").archived

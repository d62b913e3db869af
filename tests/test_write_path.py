"""One write path (plans/editing.py): every stale save answers 409 with the person's text,
imported actions are numbered and recorded as a form's are, and a new plan's coordinator
has their role in the history."""

import datetime
import io

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.followup.rounds import open_round
from lanu.history.models import Change
from lanu.history.records import changes_of
from lanu.importers.changes import apply_changes, changes_from_xlsx
from lanu.importers.data import ImportRefused
from lanu.importers.models import PendingImport
from lanu.importers.synthetic import build_plan
from lanu.plans.models import Plan
from tests.personas import form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

REFUSED = "Someone else saved this while you were editing it"


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# Every saving view with a version: a stale save is refused with 409, the text kept.


def plan_page(people):
    return reverse("plans:plan-edit", args=[people.plan.slug]), "name"


def goal_page(people):
    goal = people.plan.goals.get(number="I")
    return reverse("plans:goal-edit", args=[people.plan.slug, goal.pk]), "title"


def subgoal_page(people):
    subgoal = people.plan.goals.get(number="II").subgoals.get(number="3")
    return reverse("plans:subgoal-edit", args=[people.plan.slug, subgoal.pk]), "title"


def action_page(people):
    action = people.plan.actions.order_by("order").first()
    return reverse("plans:action-edit", args=[people.plan.slug, action.pk]), "description"


def organisation_page(people):
    address = reverse("plans:organisation-edit", args=[people.plan.slug, people.first.pk])
    return address, "name"


def report_page(people):
    open_round(people.plan, 2023, datetime.date(2024, 1, 15), datetime.date(2024, 2, 29))
    action = people.plan.actions.order_by("order").first()
    return reverse("followup:report-action", args=[people.plan.slug, 2023, action.pk]), "account"


def report_fields(people, address: str) -> dict:
    """A report's form needs a status to be saved (the other forms are valid as loaded)."""
    if "/rounds/" not in address:
        return {}
    level = people.plan.status_levels.get(name="Käynnissä")
    return {"status": level.pk, "continuation": "continues"}


SAVING_PAGES = [plan_page, goal_page, subgoal_page, action_page, organisation_page, report_page]


@pytest.mark.parametrize("page", SAVING_PAGES, ids=lambda page: page.__name__)
def test_every_saving_view_answers_a_stale_save_with_409_keeping_the_text(people, page):
    address, field = page(people)
    alice, carol = logged_in(people.alice), logged_in(people.alice)  # two tabs, two forms
    extra = report_fields(people, address)
    alices = form_data(alice.get(address).context["form"], **{field: "Alicen teksti"}, **extra)
    carols = form_data(carol.get(address).context["form"], **{field: "Toinen teksti"}, **extra)
    assert carol.post(address, carols).status_code == 302

    refused = alice.post(address, alices)

    assert refused.status_code == 409
    assert REFUSED in refused.text and "Toinen teksti" in refused.text  # what was saved
    assert refused.context["form"][field].value() == "Alicen teksti"  # her own text kept
    assert alice.get(address).context["form"][field].value() == "Toinen teksti"  # not saved


# Importing an action spreadsheet into a plan: the same numbering and history as a form.


@pytest.fixture
def empty_plan(people):
    """A plan with goals, sub-goals and organisations but no actions, coordinated by alice."""
    plan = build_plan(0, organisations=2, slug="tyhja")
    Membership.objects.create(user=people.alice, plan=plan, role=Membership.Role.COORDINATOR)
    return plan


def filled_template(client, rows: list[list]) -> SimpleUploadedFile:
    """Lanu's own empty action template, its actions sheet filled in with `rows`."""
    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("plans:import-template")).content))
    actions = book.worksheets[2]
    for row in rows:
        actions.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("toimenpiteet.xlsx", out.getvalue())


def upload_into(client, plan: Plan, upload) -> None:
    assert (
        client.post(reverse("plans:import-into", args=[plan.slug]), {"file": upload}).status_code
        == 302
    )
    pending = PendingImport.objects.get()
    assert client.post(reverse("plans:import-confirm", args=[pending.pk])).status_code == 302


def test_the_first_action_imported_into_an_empty_plan_is_numbered_1(people, empty_plan):
    alice = logged_in(people.alice)
    rows = [
        ["", "Organisaatio 1", "I.1", "Ensimmäinen tuotu toimenpide"],
        ["", "Organisaatio 2", "II.3", "Toinen tuotu toimenpide"],
    ]
    upload_into(alice, empty_plan, filled_template(alice, rows))

    numbers = [(a.number, a.description) for a in empty_plan.actions.order_by("order")]
    assert numbers == [(1, "Ensimmäinen tuotu toimenpide"), (2, "Toinen tuotu toimenpide")]

    subgoal = empty_plan.goals.get(number="I").subgoals.get(number="1")
    new = {"organisation": people.first.pk, "subgoals": [subgoal.pk], "description": "Lomakkeelta"}
    form = alice.get(reverse("plans:action-new", args=[empty_plan.slug])).context["form"]
    alice.post(reverse("plans:action-new", args=[empty_plan.slug]), form_data(form, **new))
    assert empty_plan.actions.get(description="Lomakkeelta").number == 3  # the form goes on


def edited_export(client, plan, **cells) -> bytes:
    """The plan's export with the first action's cells (by column heading) changed."""
    content = client.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue()
    book = openpyxl.load_workbook(io.BytesIO(content))
    sheet = book.active
    headings = [cell.value for cell in sheet[1]]
    for heading, value in cells.items():
        sheet.cell(row=2, column=headings.index(heading) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_imported_change_is_recorded_as_a_form_save_records_it(people):
    alice = logged_in(people.alice)
    action = people.plan.actions.order_by("order").first()
    content = edited_export(alice, people.plan, Description="Tuotu kuvaus", Metrics="Mittari 0.1")
    upload_into(alice, people.plan, SimpleUploadedFile("actions.xlsx", content))

    action.refresh_from_db()
    change = changes_of(action).get()
    assert (change.kind, change.user, change.version) == ("changed", people.alice, action.version)
    fields = {f["field"]: (f["label"], f["old"], f["new"]) for f in change.fields}
    assert fields["description"][2] == "Tuotu kuvaus"
    # metrics as the action form writes them: a broken-down metric with its asterisk
    assert fields["metrics"] == ("metrics", "Mittari 0.1\nMittari 0.2 *", "Mittari 0.1")


def test_an_action_saved_after_the_file_was_read_refuses_the_whole_import(people):
    alice = logged_in(people.alice)
    action = people.plan.actions.order_by("order").first()
    content = edited_export(alice, people.plan, Description="Tuotu kuvaus")
    found = changes_from_xlsx(content, "actions.xlsx", people.plan)
    address = reverse("plans:action-edit", args=[people.plan.slug, action.pk])
    saved = form_data(alice.get(address).context["form"], description="Tallennettu välissä")
    assert alice.post(address, saved).status_code == 302
    history = Change.objects.count()

    with pytest.raises(ImportRefused, match=f"Action {action.pk} was changed by someone else"):
        apply_changes(found, people.alice)

    action.refresh_from_db()
    assert action.description == "Tallennettu välissä"
    assert Change.objects.count() == history


# A new plan uploaded: its coordinator's role is in the history.


def test_a_new_plans_coordinator_role_is_recorded(people):
    alice = logged_in(people.alice)
    book = openpyxl.load_workbook(io.BytesIO(alice.get(reverse("plans:import-template")).content))
    instructions, goals, actions = book.worksheets
    last = instructions.max_row
    instructions.cell(row=last - 1, column=2, value="Tuotu suunnitelma")
    instructions.cell(row=last, column=2, value="2025–2028")
    goals.append(["I", "Hyvinvointi", "1", "Harrastukset"])
    actions.append(["", "Uusi järjestö", "I.1", "Kerhot kaikille"])
    out = io.BytesIO()
    book.save(out)
    upload = SimpleUploadedFile("suunnitelma.xlsx", out.getvalue())
    assert alice.post(reverse("plans:import"), {"file": upload}).status_code == 302
    pending = PendingImport.objects.get()
    assert alice.post(reverse("plans:import-confirm", args=[pending.pk])).status_code == 302

    plan = Plan.objects.get(name="Tuotu suunnitelma")
    membership = Membership.objects.get(plan=plan)
    assert (membership.user, membership.role) == (people.alice, Membership.Role.COORDINATOR)
    kind = ContentType.objects.get_for_model(Membership)
    row = Change.objects.get(plan=plan, content_type=kind, object_id=membership.pk)
    assert (row.kind, row.user) == (Change.Kind.CREATED, people.alice)
    assert {"field": "role", "label": "role", "old": "", "new": "Coordinator"} in row.fields

"""The import preview shows the plan, read once: its goal tree with the first actions'
texts; the file is not read again by the preview, its redraws or the confirmation."""

import io
import json
import re
from unittest import mock

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lanu.importers import read_new_plan
from lanu.importers.general import word
from lanu.importers.general.result import ROLES
from lanu.importers.models import ImportLayout, PendingImport
from lanu.importers.preview import ROLE_LABELS
from lanu.plans.models import Organisation, Plan

pytestmark = pytest.mark.django_db


def plan_json(actions_per_subgoal: int = 5) -> bytes:
    """A new plan in Lanu's JSON: two goals, three sub-goals, numbered actions."""
    goals = [
        {
            "number": "I",
            "title": "Hyvä arki",
            "subgoals": [
                {"number": "1", "title": "Harrastukset"},
                {"number": "2", "title": "Koulu"},
            ],
        },
        {
            "number": "II",
            "title": "Osallisuus",
            "subgoals": [{"number": "1", "title": "Kuulluksi"}],
        },
    ]
    actions = [
        {
            "organisation": "Kaupunki",
            "subgoals": [key],
            "description": f"Toimenpide {key} nro {n}",
            "items": [f"Kohta {key}/{n}"],
            "metrics": [f"Mittari {key}/{n}"],
        }
        for key in ("I.1", "I.2", "II.1")
        for n in range(1, actions_per_subgoal + 1)
    ]
    document = {
        "format": "lanu-plan/1",
        "plan": {"name": "Uusi suunnitelma", "period_start": 2025, "period_end": 2028},
        "organisations": [{"name": "Kaupunki", "kind": "municipality"}],
        "goals": goals,
        "actions": actions,
    }
    return json.dumps(document).encode()


def upload(client, content: bytes, name: str = "plan.json") -> str:
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


@pytest.mark.usefixtures("in_english")
def test_the_preview_shows_the_goal_tree_and_the_first_actions(client, people):
    client.force_login(people.alice)
    page = client.get(upload(client, plan_json())).text
    assert "I Hyvä arki" in page and "II Osallisuus" in page
    assert "I.2 Koulu" in page and "II.1 Kuulluksi" in page
    assert "5 actions; the first 3 are shown" in page
    assert "Toimenpide I.2 nro 3" in page and "Toimenpide I.2 nro 4" not in page
    assert "Kohta II.1/1" in page and "Mittari II.1/2" in page
    assert "15 actions" in page  # the plan's, in its summary line


def test_the_file_is_read_once_and_its_bytes_are_not_kept(client, people):
    client.force_login(people.alice)
    with mock.patch("lanu.importers.views.read_new_plan", wraps=read_new_plan) as reader:
        preview = upload(client, plan_json())
        pending = PendingImport.objects.get()
        assert bytes(pending.content) == b"" and pending.data["name"] == "Uusi suunnitelma"
        assert client.get(preview).status_code == 200
        assert client.post(preview, {}).status_code == 200
        assert client.get(preview).status_code == 200
        response = client.post(reverse("plans:import-confirm", args=[pending.pk]))
    assert reader.call_count == 1
    plan = Plan.objects.get(name="Uusi suunnitelma")
    assert response["Location"] == plan.get_absolute_url()
    assert plan.actions.count() == 15
    assert not PendingImport.objects.exists()


# A Word plan whose action column is headed with a word the vocabulary lacks ---------------

HEADERS = {
    "fi": ["Painopiste", "Tavoite", "Mitä teemme?", "Vastuutaho", "Mittarit"],
    "sv": ["Fokusområde", "Mål", "Vad gör vi?", "Ansvarig", "Mätare"],
}
ROWS = [
    ["1. Hyvä arki", "1.1 Harrastukset kaikille", "Harrastustakuu laajenee kouluihin"],
    ["", "", "Kesätyöseteli jokaiselle yhdeksäsluokkalaiselle"],
    ["", "1.2 Sujuva koulupäivä", "Koulupsykologille pääsee ilman ajanvarausta"],
    ["2. Osallisuus", "2.1 Nuorten ääni kuuluu", "Nuorisovaltuusto kuullaan päätöksistä"],
]


def plan_docx(
    language: str = "fi", year: int = 2025, suffix: str = "", bullets=(), headers=None, title=True
) -> bytes:
    """A plan as a Word user writes it: a title, then one table of goals, sub-goals and
    actions whose action column is headed "Mitä teemme?" (no word of the vocabulary);
    `bullets` are added as a list to the second row's action cell."""
    document = docx.Document()
    if title:
        document.add_heading(
            f"Kuntalan lasten ja nuorten hyvinvointisuunnitelma {year}–{year + 3}", 0
        )
        document.add_paragraph("Kuntalan kaupunki")
    table = document.add_table(rows=1, cols=5)
    for cell, header in zip(table.rows[0].cells, headers or HEADERS[language], strict=True):
        cell.text = header
    for n, (goal, subgoal, action) in enumerate(ROWS, start=1):
        cells = table.add_row().cells
        values = [goal, subgoal, action + suffix, "Nuorisopalvelut", f"Mittari {n}"]
        for cell, value in zip(cells, values, strict=True):
            cell.text = value
        if n == 2:
            for bullet in bullets:
                cells[2].add_paragraph(bullet, style="List Bullet")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


DETAILS = {"name": "Kuntalan suunnitelma", "period_start": "2025", "period_end": "2028"}
DETAILS_AND_ORGANISATION = {**DETAILS, "organisations": "Kuntalan kaupunki"}


def action_chosen(extra=None) -> dict:
    """The form as posted with the third column given the role "action"."""
    return {"role-1-2": "action", **DETAILS_AND_ORGANISATION, **(extra or {})}


@pytest.mark.usefixtures("in_english")
def test_a_column_given_its_role_in_the_preview_brings_the_actions(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(), "plan.docx")
    page = client.get(preview).text
    assert "none has a column for the actions" in page or "no column for the actions" in page
    assert "Role of column “Mitä teemme?”, table 1" in page
    assert "Confirm and save" not in page  # not while the document has problems
    assert "Harrastustakuu laajenee kouluihin" not in page.split("plan-title")[1]
    page = client.post(preview, action_chosen({"redraw": "columns"})).text
    assert '<option value="action" selected>' in page
    tree = page.split('id="plan-title"')[1]
    assert "1.1 Harrastukset kaikille" in tree and "2.1 Nuorten ääni kuuluu" in tree
    assert "Harrastustakuu laajenee kouluihin" in tree and "Mittari 1" in tree
    assert "Confirm and save" in page
    pending = PendingImport.objects.get()
    response = client.post(reverse("plans:import-confirm", args=[pending.pk]), action_chosen())
    plan = Plan.objects.get(name="Kuntalan suunnitelma")
    assert response["Location"] == plan.get_absolute_url()
    assert (plan.period_start, plan.period_end) == (2025, 2028)
    assert sorted(plan.actions.values_list("description", flat=True)) == sorted(
        row[2] for row in ROWS
    )
    layout = ImportLayout.objects.get(plan=plan)
    assert layout.roles[2] == "action" and "mita teemme" in layout.signature.replace("ä", "a")
    assert not PendingImport.objects.exists()


def test_a_document_is_read_once_across_redraws_and_the_confirmation(client, people):
    client.force_login(people.alice)
    reader = mock.patch("lanu.importers.general.word.read", wraps=word.read)
    with reader as read:
        preview = upload(client, plan_docx(), "plan.docx")
        pending = PendingImport.objects.get()
        assert bytes(pending.content) == b"" and pending.document["kind"] == "docx"
        assert client.get(preview).status_code == 200
        assert client.post(preview, {"role-1-2": "other", "redraw": "1"}).status_code == 200
        assert client.post(preview, action_chosen({"redraw": "1"})).status_code == 200
        client.post(reverse("plans:import-confirm", args=[pending.pk]), action_chosen())
    assert read.call_count == 1
    assert Plan.objects.get(name="Kuntalan suunnitelma").actions.count() == len(ROWS)


@pytest.mark.usefixtures("in_english")
def test_next_years_file_of_the_same_layout_needs_no_choosing(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(), "plan.docx")
    client.post(preview, action_chosen({"redraw": "1"}))
    client.post(preview.rstrip("/") + "/confirm/", action_chosen())
    preview = upload(client, plan_docx(year=2029, suffix=" (jatkuu)"), "plan-2029.docx")
    page = client.get(preview).text
    assert "The roles are those chosen at an earlier import." in page
    assert '<option value="action" selected>' in page
    assert "Harrastustakuu laajenee kouluihin (jatkuu)" in page
    details = {**DETAILS_AND_ORGANISATION, "name": "Seuraava", "period_start": "2029"}
    details["period_end"] = "2032"
    client.post(preview.rstrip("/") + "/confirm/", details)
    assert Plan.objects.get(name="Seuraava").actions.count() == len(ROWS)


def test_a_layout_is_offered_only_to_coordinators_of_its_plan(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(), "plan.docx")
    client.post(preview, action_chosen({"redraw": "1"}))
    client.post(preview.rstrip("/") + "/confirm/", action_chosen())
    staff = get_user_model().objects.create_user("sakari", "s@example.fi", "x", is_staff=True)
    client.force_login(staff)
    page = client.get(upload(client, plan_docx(year=2029), "plan-2029.docx")).text
    assert '<option value="action" selected>' not in page


def test_a_refused_confirmation_keeps_what_was_typed_and_says_what_is_missing(client, people):
    client.force_login(people.alice)  # in Finnish, the default language
    preview = upload(client, plan_docx(), "plan.docx")
    client.post(preview, action_chosen({"redraw": "1"}))
    pending = PendingImport.objects.get()
    posted = action_chosen({"name": "", "period_end": "2024"})
    response = client.post(reverse("plans:import-confirm", args=[pending.pk]), posted)
    assert response.status_code == 400
    page = response.text
    assert "Tämä kenttä vaaditaan." in page
    assert "Viimeinen vuosi on ennen ensimmäistä vuotta." in page
    assert 'value="2024"' in page and "Kuntalan kaupunki</textarea>" in page
    assert Plan.objects.count() == 1 and PendingImport.objects.exists()


@pytest.mark.usefixtures("in_english")
def test_roles_changed_without_a_redraw_are_shown_before_saving(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(), "plan.docx")
    pending = PendingImport.objects.get()
    response = client.post(reverse("plans:import-confirm", args=[pending.pk]), action_chosen())
    assert response.status_code == 400
    assert "You changed how the document is read" in response.text
    assert "Harrastustakuu laajenee kouluihin" in response.text  # the plan read with it
    assert Plan.objects.count() == 1
    response = client.post(preview.rstrip("/") + "/confirm/", action_chosen())
    assert response.status_code == 302 and Plan.objects.count() == 2


@pytest.mark.usefixtures("in_english")
def test_one_role_given_to_two_columns_is_explained_not_applied(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(), "plan.docx")
    page = client.post(preview, {"role-1-2": "action", "role-1-3": "action", "redraw": "1"})
    assert page.status_code == 200
    assert ": only one column can be “Action”, so its roles were not changed." in page.text
    assert PendingImport.objects.get().choices.get("roles", {}) == {}


def test_the_preview_reads_swedish_headers_in_swedish(client, people):
    client.force_login(people.alice)
    with translation.override("sv"):
        preview = upload(client, plan_docx("sv"), "plan.docx")
        page = client.post(preview, {"role-1-2": "action", "redraw": "1"}).text
    assert "Rollen för kolumnen ”Vad gör vi?”, tabell 1" in page
    assert "Harrastustakuu laajenee kouluihin" in page.split('id="plan-title"')[1]


def test_another_user_cannot_redraw_a_pending_import(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(), "plan.docx")
    client.force_login(people.bob)  # alice's upload does not exist for him
    assert client.post(preview, {"role-1-2": "action"}).status_code == 404
    assert PendingImport.objects.get().choices == {}


BULLETS = [
    "Kesätyöpaikkoja tarjotaan kaupungin yksiköissä",
    "Yrityksille maksetaan kesätyötukea",
    "Kesäyrittäjyyttä kokeillaan kouluissa",
]


@pytest.mark.usefixtures("in_english")
def test_bullets_that_look_like_actions_become_one_action_each_when_chosen(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(bullets=BULLETS), "plan.docx")
    page = client.post(preview, action_chosen({"redraw": "1"})).text
    assert "One action per bullet: table 1" in page
    assert "4 actions." in page
    key = re.search(r'name="split" value="([^"]+)"', page)[1]
    page = client.post(preview, action_chosen({"redraw": "1", "split": key})).text
    assert "6 actions." in page and f'value="{key}" id="split-1"' in page
    assert re.search(rf'value="{re.escape(key)}"[^>]* checked', page)
    page = client.post(preview, action_chosen({"redraw": "1"})).text  # unticked: undone
    assert "4 actions." in page and "One action per bullet: table 1" in page
    client.post(preview, action_chosen({"redraw": "1", "split": key}))
    client.post(preview.rstrip("/") + "/confirm/", action_chosen({"split": key}))
    plan = Plan.objects.get(name="Kuntalan suunnitelma")
    assert set(BULLETS) <= set(plan.actions.values_list("description", flat=True))


@pytest.mark.usefixtures("in_english")
def test_a_documents_existing_organisation_is_used_as_it_is(client, people):
    existing = Organisation.objects.create(name="Kuntalan kaupunki", kind="municipality")
    client.force_login(people.alice)
    preview = upload(client, plan_docx(), "plan.docx")
    page = client.post(preview, action_chosen({"redraw": "1"})).text
    assert "“Kuntalan kaupunki” is the existing organisation “Kuntalan kaupunki”." in page
    client.post(preview.rstrip("/") + "/confirm/", action_chosen())
    plan = Plan.objects.get(name="Kuntalan suunnitelma")
    assert list(plan.organisations.all()) == [existing]
    assert Organisation.objects.filter(name="Kuntalan kaupunki").count() == 1


@pytest.mark.usefixtures("in_english")
def test_an_upload_kept_as_bytes_before_this_version_is_read_once_more(client, people):
    pending = PendingImport.objects.create(
        user=people.alice, file_name="plan.json", content=plan_json()
    )
    client.force_login(people.alice)
    page = client.get(reverse("plans:import-preview", args=[pending.pk])).text
    assert "II.1 Kuulluksi" in page
    pending.refresh_from_db()
    assert pending.data["name"] == "Uusi suunnitelma" and bytes(pending.content) == b""


@pytest.mark.usefixtures("in_english")
def test_what_the_document_does_not_say_is_asked_and_the_plan_shown_when_given(client, people):
    client.force_login(people.alice)
    headers = ["Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Mittarit"]
    preview = upload(client, plan_docx(headers=headers, title=False), "plan.docx")
    page = client.get(preview).text
    assert "Fill in what the document does not say below" in page
    assert "Give the columns their roles" not in page
    assert "Confirm and save" not in page
    page = client.post(preview, {**DETAILS_AND_ORGANISATION, "redraw": "details"}).text
    assert "A new plan: Kuntalan suunnitelma (2025–2028), 4 actions." in page
    assert "Confirm and save" in page
    client.post(preview.rstrip("/") + "/confirm/", DETAILS_AND_ORGANISATION)
    assert Plan.objects.get(name="Kuntalan suunnitelma").actions.count() == len(ROWS)


@pytest.mark.usefixtures("in_english")
def test_a_plan_without_its_organisation_is_not_saved(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(title=False), "plan.docx")
    client.post(preview, action_chosen({"redraw": "1"}))
    response = client.post(preview.rstrip("/") + "/confirm/", action_chosen({"organisations": ""}))
    assert response.status_code == 400
    assert "Name the plan&#x27;s organisation" in response.text
    assert 'value="Kuntalan suunnitelma"' in response.text  # what was typed is kept
    assert Plan.objects.count() == 1


def table_docx(rows: list[list[str]]) -> bytes:
    document = docx.Document()
    document.add_heading("Kuntalan lasten ja nuorten hyvinvointisuunnitelma 2025–2028", 0)
    table = document.add_table(rows=0, cols=len(rows[0]))
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.usefixtures("in_english")
def test_a_table_without_a_known_header_can_be_given_its_roles(client, people):
    rows = [["Alue", "Teot", "Kuka"]] + [[goal[3:], action, "Kunta"] for goal, _s, action in ROWS]
    rows[2][0] = rows[1][0]  # every row names its goal
    client.force_login(people.alice)
    preview = upload(client, table_docx(rows), "plan.docx")
    page = client.get(preview).text
    assert "1 table without a header row Lanu recognises" in page
    assert '<details class="other-tables" open>' in page  # no other table to look at
    roles = {"role-1-0": "goal", "role-1-1": "action", "role-1-2": "responsible"}
    page = client.post(preview, {**roles, **DETAILS_AND_ORGANISATION, "redraw": "1"}).text
    tree = page.split('id="plan-title"')[1]
    assert "Hyvä arki" in tree and "Kesätyöseteli jokaiselle yhdeksäsluokkalaiselle" in tree


@pytest.mark.usefixtures("in_english")
def test_an_excel_sheet_is_previewed_and_mapped_like_a_word_table(client, people):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Toimenpiteet"
    sheet.append(HEADERS["fi"])
    for n, (goal, subgoal, action) in enumerate(ROWS, start=1):
        sheet.append([goal, subgoal, action, "Nuorisopalvelut", f"Mittari {n}"])
    out = io.BytesIO()
    book.save(out)
    client.force_login(people.alice)
    preview = upload(client, out.getvalue(), "suunnitelma.xlsx")
    assert "Role of column “Mitä teemme?”, sheet Toimenpiteet" in client.get(preview).text
    page = client.post(preview, action_chosen({"redraw": "1"})).text
    assert "Koulupsykologille pääsee ilman ajanvarausta" in page.split('id="plan-title"')[1]
    client.post(preview.rstrip("/") + "/confirm/", action_chosen())
    assert Plan.objects.get(name="Kuntalan suunnitelma").actions.count() == len(ROWS)


def test_the_organisations_named_take_part_and_the_first_has_the_actions(client, people):
    client.force_login(people.alice)
    preview = upload(client, plan_docx(), "plan.docx")
    named = {"organisations": "Kuntalan kaupunki\n  Kuntalan seurakunta \n\n"}
    client.post(preview, action_chosen({"redraw": "1", **named}))
    client.post(preview.rstrip("/") + "/confirm/", action_chosen(named))
    plan = Plan.objects.get(name="Kuntalan suunnitelma")
    names = set(plan.organisations.values_list("name", flat=True))
    assert names == {"Kuntalan kaupunki", "Kuntalan seurakunta"}
    assert set(plan.actions.values_list("organisation__name", flat=True)) == {"Kuntalan kaupunki"}


def test_every_column_role_has_a_label_to_choose_in_the_preview():
    assert set(ROLE_LABELS) == set(ROLES)

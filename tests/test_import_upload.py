"""The upload pages: who may, the preview writes nothing, confirm writes, bad files."""

import io
import re

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from lanu.accounts.models import Membership
from lanu.history.models import Change
from lanu.importers import read_plan
from lanu.importers.data import ImportRefused
from lanu.importers.models import PendingImport
from lanu.plans.models import Action, Organisation, Plan

from .test_import_docx import docx_of_priority_text

pytestmark = pytest.mark.django_db

# (who, may import into the plan, may import a new plan): the plan is unpublished, so
# mallory, who has no role in it, is told it does not exist (404); its members, 403.
PERSONAS = [
    ("alice", 200, 200),
    ("bob", 403, 403),
    ("charlie", 403, 403),
    ("vera", 403, 403),
    ("mallory", 404, 403),
]


def counts() -> tuple[int, ...]:
    models = (Plan, Action, Organisation, Change, Membership)
    return tuple(model.objects.count() for model in models)


def edited_export(client, plan, description="Muokattu kuvaus") -> SimpleUploadedFile:
    content = client.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue()
    book = openpyxl.load_workbook(io.BytesIO(content))
    book.active.cell(row=2, column=4, value=description)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("actions.xlsx", out.getvalue())


def as_user(client, user):
    client.force_login(user)
    return client


@pytest.mark.parametrize("name, into, new", PERSONAS)
def test_upload_pages_by_persona(client, people, name, into, new):
    as_user(client, getattr(people, name))
    assert client.get(reverse("plans:import-into", args=["yhteinen"])).status_code == into
    assert client.get(reverse("plans:import")).status_code == new


@pytest.mark.parametrize("name, into, _new", PERSONAS)
def test_upload_into_plan_by_persona(client, people, name, into, _new):
    upload = edited_export(as_user(client, people.alice), people.plan)
    before = counts()
    as_user(client, getattr(people, name))
    url = reverse("plans:import-into", args=["yhteinen"])
    response = client.post(url, {"file": upload})
    if into == 200:
        pending = PendingImport.objects.get()
        assert response.status_code == 302
        assert response["Location"] == reverse("plans:import-preview", args=[pending.pk])
        assert (pending.user, pending.plan, pending.file_name) == (
            people.alice,
            people.plan,
            "actions.xlsx",
        )
    else:
        assert response.status_code == into
        assert not PendingImport.objects.exists()
    assert counts() == before


def test_anonymous_visitor_is_sent_to_log_in_or_finds_no_plan(client, people):
    url = reverse("plans:import")
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client.post(url, {}).status_code == 302
    into = reverse("plans:import-into", args=["yhteinen"])  # an unpublished plan's page
    assert client.get(into).status_code == 404 and client.post(into, {}).status_code == 404
    people.plan.published = True
    people.plan.save()
    assert "/accounts/login/" in client.get(into)["Location"]
    assert not PendingImport.objects.exists()


def test_preview_writes_nothing_and_confirm_writes(client, people, in_english):
    as_user(client, people.alice)
    client.post(
        reverse("plans:import-into", args=["yhteinen"]),
        {"file": edited_export(client, people.plan)},
    )
    pending = PendingImport.objects.get()
    before = counts()
    page = client.get(reverse("plans:import-preview", args=[pending.pk]))
    assert page.status_code == 200
    text = page.text
    assert "Muokattu kuvaus" in text and "Toimenpide 0: kohtaamispaikkatoiminnan" in text
    assert "11 of the plan&#x27;s actions are not in the file" not in text  # every row is there
    assert "1 actions change, 0 are new, 11 are unchanged" in text
    assert counts() == before
    response = client.post(reverse("plans:import-confirm", args=[pending.pk]))
    assert response.status_code == 302
    first = people.plan.actions.order_by("order").first()
    assert first.description == "Muokattu kuvaus" and first.version == 2
    change = Change.objects.get(kind=Change.Kind.CHANGED)
    assert (change.user, change.object_id, change.fields[0]["field"]) == (
        people.alice,
        first.pk,
        "description",
    )
    assert not PendingImport.objects.exists()
    assert Action.objects.count() == before[1]


def test_another_user_cannot_confirm_a_pending_import(client, people):
    as_user(client, people.alice)
    client.post(
        reverse("plans:import-into", args=["yhteinen"]),
        {"file": edited_export(client, people.plan)},
    )
    pending = PendingImport.objects.get()
    dora = get_user_model().objects.create_user("dora", "dora@example.fi", "salasana-123")
    Membership.objects.create(user=dora, plan=people.plan, role=Membership.Role.COORDINATOR)
    before = counts()
    for name in (dora, people.bob, people.mallory):  # another's upload does not exist for them
        as_user(client, name)
        assert client.post(reverse("plans:import-confirm", args=[pending.pk])).status_code == 404
        assert client.get(reverse("plans:import-preview", args=[pending.pk])).status_code == 404
        assert client.post(reverse("plans:import-cancel", args=[pending.pk])).status_code == 404
    assert counts() == before
    assert PendingImport.objects.filter(pk=pending.pk).exists()
    assert not people.plan.actions.filter(description="Muokattu kuvaus").exists()


def test_new_plan_from_a_word_file(client, people, seed_path, tmp_path):
    text = seed_path("004").read_text(encoding="utf-8")
    path = docx_of_priority_text(text, tmp_path / "plan.docx")
    as_user(client, people.alice)
    upload = SimpleUploadedFile("plan.docx", path.read_bytes())
    response = client.post(reverse("plans:import"), {"file": upload})
    pending = PendingImport.objects.get()
    assert response["Location"] == reverse("plans:import-preview", args=[pending.pk])
    assert Plan.objects.count() == 1
    page = client.get(response["Location"])
    assert "Länsi-Uudenmaan hyvinvointialue" in page.text
    # A Word file goes through the general reader (issue 9): its preview asks for the
    # plan's name, period and organisation, prefilled with the document's; confirmed as shown.
    details = page.context["details"]
    prefilled = {name: details[name].value() for name in details.fields}
    response = client.post(reverse("plans:import-confirm", args=[pending.pk]), prefilled)
    plan = Plan.objects.exclude(pk=people.plan.pk).get()
    assert response["Location"] == plan.get_absolute_url()
    assert plan.actions.count() == len(page.context["data"].actions) > 40
    assert Membership.objects.filter(user=people.alice, plan=plan, role="coordinator").exists()
    assert Change.objects.filter(plan=plan, kind=Change.Kind.CREATED, user=people.alice).exists()
    assert client.get(plan.get_absolute_url()).status_code == 200


def test_cancel_deletes_the_pending_import(client, people):
    as_user(client, people.alice)
    client.post(
        reverse("plans:import-into", args=["yhteinen"]),
        {"file": edited_export(client, people.plan)},
    )
    before = counts()
    response = client.post(reverse("plans:import-cancel", args=[PendingImport.objects.get().pk]))
    assert response.status_code == 302
    assert not PendingImport.objects.exists() and counts() == before


OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024  # an encrypted .xlsx
BAD_FILES = [
    ("corrupt.xlsx", b"PK\x03\x04" + b"\x13\x37" * 300, "The file is damaged"),
    ("secret.xlsx", OLE2, "The file is password-protected"),
    ("photo.docx", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "The file is a PNG file"),
    ("empty.xlsx", b"", "The submitted file is empty."),
    ("blank.csv", b"   \n", "The file is empty."),
]


@pytest.mark.parametrize("name, content, message", BAD_FILES)
@pytest.mark.parametrize("into", [True, False])
def test_bad_files_are_refused_and_change_nothing(
    client, people, in_english, name, content, message, into
):
    as_user(client, people.alice)
    before = counts()
    url = reverse("plans:import-into", args=["yhteinen"]) if into else reverse("plans:import")
    response = client.post(url, {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 200
    assert message in response.text
    assert 'class="error-summary"' in response.text
    assert counts() == before and not PendingImport.objects.exists()


@pytest.mark.parametrize(
    "into, message",
    [(False, "The PDF file is damaged"), (True, "Only an action spreadsheet (.xlsx or .csv)")],
)
def test_a_pdf_named_as_excel_is_read_as_a_pdf(client, people, in_english, into, message):
    """Judged by its bytes: a new plan reads it as a PDF (here a broken one); a plan's
    actions are updated only from a spreadsheet."""
    as_user(client, people.alice)
    before = counts()
    url = reverse("plans:import-into", args=["yhteinen"]) if into else reverse("plans:import")
    upload = SimpleUploadedFile("scan.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert message in response.text
    assert counts() == before and not PendingImport.objects.exists()


def test_oversized_file_is_refused_before_reading(client, people, settings, in_english):
    settings.MAX_UPLOAD_BYTES = 1000
    as_user(client, people.alice)
    before = counts()
    upload = SimpleUploadedFile("big.xlsx", b"PK\x03\x04" + b"x" * 5000)
    response = client.post(reverse("plans:import"), {"file": upload})
    assert "The file is too large (0.0 MB): the limit is 0 MB." in response.text
    assert counts() == before and not PendingImport.objects.exists()
    settings.MAX_UPLOAD_BYTES = 10
    response = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("b.xlsx", b"x" * 70_000)}
    )
    assert response.status_code == 413
    assert counts() == before and not PendingImport.objects.exists()


def test_oversized_file_is_refused_unread_by_the_command(tmp_path, in_english):
    path = tmp_path / "huge.xlsx"
    with path.open("wb") as out:
        out.truncate(21 * 1024 * 1024)
    with pytest.raises(ImportRefused) as refusal:
        read_plan(path)
    assert "huge.xlsx: The file is too large (21.0 MB): the limit is 20 MB." == str(refusal.value)


def test_problems_are_listed_with_row_and_column(client, people, in_english):
    as_user(client, people.alice)
    content = client.get(reverse("plans:export-xlsx", args=["yhteinen"])).getvalue()
    book = openpyxl.load_workbook(io.BytesIO(content))
    book.active.cell(row=3, column=3, value="IX.9")
    out = io.BytesIO()
    book.save(out)
    before = counts()
    upload = SimpleUploadedFile("actions.xlsx", out.getvalue())
    response = client.post(reverse("plans:import-into", args=["yhteinen"]), {"file": upload})
    assert "<td>3</td><td>3</td><td>Unknown sub-goal “IX.9”.</td>" in response.text
    assert counts() == before and not PendingImport.objects.exists()


def test_word_file_into_a_plan_is_refused(client, people, in_english, tmp_path):
    document = docx.Document()
    document.add_paragraph("x")
    document.save(tmp_path / "plan.docx")
    as_user(client, people.alice)
    upload = SimpleUploadedFile("plan.docx", (tmp_path / "plan.docx").read_bytes())
    response = client.post(reverse("plans:import-into", args=["yhteinen"]), {"file": upload})
    assert "Only an action spreadsheet (.xlsx or .csv)" in response.text


def test_template_has_the_three_sheets(client):
    response = client.get(reverse("plans:import-template"))
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ohjeet", "Tavoitteet", "Toimenpiteet"]
    assert [c.value for c in book["Toimenpiteet"][1]][:3] == [
        "Tunniste",
        "Organisaatio",
        "Välitavoitteet",
    ]


def test_uploads_left_unconfirmed_for_two_days_are_forgotten(client, people):
    from datetime import timedelta

    from django.utils import timezone

    as_user(client, people.alice)
    old = PendingImport.objects.create(user=people.alice, file_name="vanha.xlsx", content=b"x")
    recent = PendingImport.objects.create(user=people.alice, file_name="uusi.xlsx", content=b"y")
    PendingImport.objects.filter(pk=old.pk).update(created=timezone.now() - timedelta(days=3))
    client.post(
        reverse("plans:import-into", args=["yhteinen"]),
        {"file": edited_export(client, people.plan)},
    )
    names = set(PendingImport.objects.values_list("file_name", flat=True))
    assert names == {recent.file_name, "actions.xlsx"}


NEW_ROWS = [
    ["", "Organisaatio 2", "II.3", "Uusi kerhotoiminta", "Kerho\nLeiri", "Osallistujat"],
    ["", "Organisaatio 1", "I.1", "Uusi vanhempainilta", "", ""],
]


def export_with_new_rows(client, plan) -> bytes:
    content = client.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue()
    book = openpyxl.load_workbook(io.BytesIO(content))
    for row in NEW_ROWS:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize(
    "language, heading", [("fi", "Jo suunnitelmassa"), ("sv", "Redan i planen")]
)
def test_the_preview_counts_the_new_rows_already_in_the_plan(client, people, language, heading):
    as_user(client, people.alice)
    content = export_with_new_rows(client, people.plan)
    url = reverse("plans:import-into", args=["yhteinen"])
    client.post(url, {"file": SimpleUploadedFile("actions.xlsx", content)})
    client.post(reverse("plans:import-confirm", args=[PendingImport.objects.get().pk]))
    assert people.plan.actions.count() == 14
    with translation.override(language):  # the addresses in the language ("/sv/plans/…")
        into = reverse("plans:import-into", args=["yhteinen"])
        client.post(into, {"file": SimpleUploadedFile("actions.xlsx", content)})
        page = client.get(reverse("plans:import-preview", args=[PendingImport.objects.get().pk]))
    cells = re.sub(r"\s+", " ", page.text)
    assert cells.count(f'<th scope="col">{heading}</th>') == 2  # per goal, per organisation
    for name in ("Organisaatio 1", "Organisaatio 2"):  # new, changed, already there
        assert f'<th scope="row">{name}</th><td>0</td><td>0</td><td>1</td>' in cells
    assert re.search(r'<th scope="row">II [^<]*</th><td>0</td><td>0</td><td>1</td>', cells)
    client.post(reverse("plans:import-confirm", args=[PendingImport.objects.get().pk]))
    assert people.plan.actions.count() == 14

"""Imports never change existing organisations: names match exactly and deterministically,
an ambiguous name is asked, a file's new aliases are proposals that need the right."""

import io
import json

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.history.models import Change
from lanu.importers import lanu_json, read_plan, read_plan_changes
from lanu.importers.data import ImportRefused
from lanu.importers.save import save_plan
from lanu.plans.models import Organisation, Plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def kymenlaakso(seed_path):
    """The Kymenlaakso plan 2020–2024 as load-demo imports it: Kymsote has 16 actions."""
    data = read_plan(seed_path("003"))
    data.published = True
    return save_plan(data, "kymenlaakso")


def plan_json(organisations: list[dict]) -> bytes:
    """A new plan in Lanu's JSON, one action per organisation."""
    document = {
        "format": "lanu-plan/1",
        "plan": {
            "slug": "uusi",
            "name": "Uusi suunnitelma",
            "period_start": 2025,
            "period_end": 2028,
        },
        "organisations": organisations,
        "goals": [
            {"number": "I", "title": "Tavoite", "subgoals": [{"number": "1", "title": "Ali"}]}
        ],
        "actions": [
            {"organisation": item["name"], "subgoals": ["I.1"], "description": "Toimenpide"}
            for item in organisations
        ],
    }
    return json.dumps(document).encode()


KOUVOLA_AS_KYMSOTE = [{"name": "Kouvolan kaupunki", "kind": "municipality", "aliases": ["Kymsote"]}]


def upload(client, content: bytes) -> str:
    """Upload a new plan; the preview's address."""
    response = client.post(
        reverse("plans:import"), {"file": SimpleUploadedFile("plan.json", content)}
    )
    assert response.status_code == 302, response.content
    return response["Location"]


def confirm(client, preview: str, data=None):
    return client.post(preview.rstrip("/") + "/confirm/", data or {})


def exported_xlsx(client, plan) -> bytes:
    return client.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue()


@pytest.mark.usefixtures("in_english")
def test_an_imported_alias_is_a_proposal_and_changes_nothing(client, people, kymenlaakso):
    client.force_login(people.alice)  # coordinates "yhteinen", not Kymenlaakso
    before = Organisation.objects.get(name="Kouvolan kaupunki").version
    preview = upload(client, plan_json(KOUVOLA_AS_KYMSOTE))
    page = client.get(preview).text
    assert "is the existing organisation “Kouvolan kaupunki”" in page
    assert 'type="checkbox" name="aliases-0" id="aliases-0-1" value="Kymsote" disabled' in page
    assert "Only a person who coordinates every plan the organisation takes part in" in page
    confirm(client, preview, {"aliases-0": "Kymsote"})  # posted all the same
    kouvola = Organisation.objects.get(name="Kouvolan kaupunki")
    assert kouvola.aliases == [] and kouvola.version == before
    assert Plan.objects.get(slug="uusi").organisations.get() == kouvola
    assert not Change.objects.filter(object_id=kouvola.pk, kind=Change.Kind.CHANGED).exists()


def test_reimporting_kymenlaakso_own_xlsx_after_that_import_moves_no_action(
    client, people, kymenlaakso, tmp_path
):
    client.force_login(people.alice)
    confirm(client, upload(client, plan_json(KOUVOLA_AS_KYMSOTE)), {"aliases-0": "Kymsote"})
    path = tmp_path / "kymenlaakso.xlsx"
    path.write_bytes(exported_xlsx(client, kymenlaakso))
    found = read_plan_changes(path, kymenlaakso)
    assert found.updates == [] and found.new_actions == []
    assert found.unchanged == kymenlaakso.actions.count()


def test_an_organisations_own_name_wins_over_anothers_alias(client, people, kymenlaakso, tmp_path):
    """Even when Kouvolan kaupunki rightly had the alias "Kymsote", a row of Kymsote stays."""
    Organisation.objects.filter(name="Kouvolan kaupunki").update(aliases=["Kymsote"])
    client.force_login(people.alice)
    path = tmp_path / "kymenlaakso.xlsx"
    path.write_bytes(exported_xlsx(client, kymenlaakso))
    found = read_plan_changes(path, kymenlaakso)
    assert found.updates == [] and found.unchanged == kymenlaakso.actions.count()
    assert kymenlaakso.actions.filter(organisation__name="Kymsote").count() == 16


def test_a_coordinator_of_every_plan_accepts_a_proposal_into_every_history(
    client, people, kymenlaakso
):
    Membership.objects.create(user=people.alice, plan=kymenlaakso, role="coordinator")
    client.force_login(people.alice)
    preview = upload(client, plan_json(KOUVOLA_AS_KYMSOTE))
    assert 'value="Kymsote">' in client.get(preview).text  # offered, not disabled
    confirm(client, preview, {"aliases-0": "Kymsote"})
    kouvola = Organisation.objects.get(name="Kouvolan kaupunki")
    assert kouvola.aliases == ["Kymsote"]
    changed = Change.objects.filter(object_id=kouvola.pk, kind=Change.Kind.CHANGED)
    assert {change.plan.slug for change in changed} == {"kymenlaakso", "uusi"}
    assert changed.first().user == people.alice


def test_an_unchecked_proposal_is_not_added(client, people, kymenlaakso):
    Membership.objects.create(user=people.alice, plan=kymenlaakso, role="coordinator")
    client.force_login(people.alice)
    confirm(client, upload(client, plan_json(KOUVOLA_AS_KYMSOTE)))
    assert Organisation.objects.get(name="Kouvolan kaupunki").aliases == []


def shared_alias():
    """Two organisations both known as "Sote"."""
    first = Organisation.objects.create(name="Sote A", aliases=["Sote"])
    second = Organisation.objects.create(name="Sote B", aliases=["Sote"])
    return first, second


@pytest.mark.usefixtures("in_english")
def test_an_ambiguous_name_is_asked_not_guessed(client, people):
    first, second = shared_alias()
    client.force_login(people.alice)
    preview = upload(client, plan_json([{"name": "Sote"}]))
    page = client.get(preview).text
    assert "“Sote” may be any of these organisations: which one is it?" in page
    assert f'name="organisation-0" id="organisation-0-{second.pk}" value="{second.pk}"' in page
    response = confirm(client, preview)
    assert response.status_code == 400 and "Choose which organisation “Sote” is." in response.text
    assert not Plan.objects.filter(slug="uusi").exists()
    confirm(client, preview, {"organisation-0": str(second.pk)})
    assert Plan.objects.get(slug="uusi").organisations.get() == second
    assert Organisation.objects.count() == 5  # 3 of "yhteinen" and the two: none created


def test_a_choice_outside_the_candidates_is_refused(client, people):
    shared_alias()
    client.force_login(people.alice)
    preview = upload(client, plan_json([{"name": "Sote"}]))
    assert confirm(client, preview, {"organisation-0": str(people.first.pk)}).status_code == 400
    assert not Plan.objects.filter(slug="uusi").exists()


@pytest.mark.usefixtures("in_english")
def test_the_command_refuses_an_ambiguous_name_naming_the_candidates(tmp_path):
    shared_alias()
    path = tmp_path / "plan.json"
    path.write_bytes(plan_json([{"name": "Sote"}]))
    with pytest.raises(CommandError) as refusal:
        call_command("import-plan", str(path))
    assert "“Sote” may be any of these organisations: “Sote A”, “Sote B”" in str(refusal.value)
    assert '--organisation "Sote=ORGANISATION"' in str(refusal.value)
    assert not Plan.objects.filter(slug="uusi").exists()
    call_command("import-plan", str(path), "--organisation", "Sote=Sote B", stdout=io.StringIO())
    assert Plan.objects.get(slug="uusi").organisations.get().name == "Sote B"


def test_the_command_adds_aliases_only_when_told(kymenlaakso, tmp_path):
    path = tmp_path / "plan.json"
    path.write_bytes(plan_json(KOUVOLA_AS_KYMSOTE))
    call_command("import-plan", str(path), stdout=io.StringIO())
    assert Organisation.objects.get(name="Kouvolan kaupunki").aliases == []
    call_command(
        "import-plan", str(path), "--slug", "toinen", "--apply-aliases", stdout=io.StringIO()
    )
    assert Organisation.objects.get(name="Kouvolan kaupunki").aliases == ["Kymsote"]


def test_the_name_wins_over_an_alias_whatever_the_alphabet():
    """ "Aa" has the alias "Zz", another is named "Zz": the file's "Zz" is the one named so."""
    Organisation.objects.create(name="Aa", aliases=["Zz"])
    zz = Organisation.objects.create(name="Zz")
    data = lanu_json.read(plan_json([{"name": "Zz", "aliases": ["Aa"]}]).decode(), "plan.json")
    assert save_plan(data, "uusi").organisations.get() == zz
    assert Organisation.objects.get(name="Aa").aliases == ["Zz"]


@pytest.mark.usefixtures("in_english")
def test_a_spreadsheet_row_naming_two_organisations_is_refused_naming_them(
    client, people, tmp_path
):
    Organisation.objects.filter(name__in=["Organisaatio 1", "Organisaatio 2"]).update(
        aliases=["Sote"]
    )
    client.force_login(people.alice)
    book = openpyxl.load_workbook(io.BytesIO(exported_xlsx(client, people.plan)))
    book.active.cell(row=2, column=2, value="sote")  # the organisation column
    path = tmp_path / "actions.xlsx"
    book.save(path)
    with pytest.raises(ImportRefused) as refusal:
        read_plan_changes(path, people.plan)
    message = str(refusal.value.problems[0])
    assert "“sote” may mean several organisations of the plan" in message
    assert "“Organisaatio 1”, “Organisaatio 2”" in message

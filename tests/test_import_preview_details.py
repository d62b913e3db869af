"""A new plan in one of Lanu's own formats (the seeds' text layouts, its JSON) that does
not say its name, period or organisation is not refused at upload: the preview asks for
what is missing with the same form as for a Word document, prefilled with what the plan
says, and the confirmation saves the plan with the answers. Any other problem still
refuses the upload.

The documents are seed 004 (Länsi-Uusimaa 2024–2026, priority tables) with its cover
and title changed, and small JSON plans."""

import html
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lanu.importers.models import PendingImport
from lanu.plans.models import Organisation, Plan

pytestmark = pytest.mark.django_db

COVER = "Länsi-Uudenmaan hyvinvointialue  \nVästra Nylands välfärdsområde\n"
TITLE = "# Länsi-Uudenmaan hyvinvointialueen\n\n## Lasten ja nuorten hyvinvointisuunnitelma\n"
NAME = "Lasten ja nuorten hyvinvointisuunnitelma 2024–2026"
ANSWERS = {"name": NAME, "period_start": "2024", "period_end": "2026"}


def nameless_004(seed_path) -> bytes:
    """Seed 004 with a cover and a title that name no organisation."""
    text = seed_path("004").read_text(encoding="utf-8")
    assert COVER in text and TITLE in text
    text = text.replace(COVER, "\n").replace(TITLE, "# Lasten ja nuorten hyvinvointisuunnitelma\n")
    return text.encode("utf-8")


def upload(client, content: bytes, name: str) -> str:
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 302, response.content.decode()[:3000]
    return response["Location"]


def confirm(client, preview: str, posted: dict):
    return client.post(preview.rstrip("/") + "/confirm/", posted)


@pytest.mark.usefixtures("in_english")
def test_a_seed_text_naming_no_organisation_is_kept_and_asks_for_it(client, people, seed_path):
    client.force_login(people.alice)
    preview = upload(client, nameless_004(seed_path), "suunnitelma.txt")
    page = html.unescape(client.get(preview).text)
    assert "The plan cannot be saved yet: 1 problem" in page
    assert "The document does not name the plan's organisation" in page
    assert f'name="name" value="{NAME}"' in page  # prefilled with what the plan says
    assert 'name="period_start" value="2024"' in page and 'name="period_end" value="2026"' in page
    assert '<textarea name="organisations"' in page
    assert "50 actions." in page  # the plan is shown while it asks
    assert "Confirm and save" not in page
    answered = {**ANSWERS, "organisations": "Inkoon kunta\nInkoon seurakunta"}
    page = html.unescape(client.post(preview, {**answered, "redraw": "details"}).text)
    assert f"A new plan: {NAME} (2024–2026), 50 actions." in page
    assert "does not name the plan's organisation" not in page
    assert "Inkoon kunta\nInkoon seurakunta</textarea>" in page  # as typed, first first
    assert "Confirm and save" in page
    response = confirm(client, preview, answered)
    plan = Plan.objects.get(name=NAME)
    assert response["Location"] == plan.get_absolute_url()
    municipality = plan.organisations.get(name="Inkoon kunta")
    assert municipality.kind == "municipality"
    assert plan.actions.filter(organisation=municipality).count() == 50
    assert plan.organisations.filter(name="Inkoon seurakunta").exists()
    assert not PendingImport.objects.exists()


def test_a_refused_confirmation_keeps_what_was_typed(client, people, seed_path):
    client.force_login(people.alice)  # in Finnish, the default language
    preview = upload(client, nameless_004(seed_path), "suunnitelma.txt")
    posted = {"name": "", "period_start": "2026", "period_end": "2020"}
    response = confirm(client, preview, {**posted, "organisations": "Inkoon kunta"})
    assert response.status_code == 400
    page = response.text
    assert "Tämä kenttä vaaditaan." in page
    assert "Viimeinen vuosi on ennen ensimmäistä vuotta." in page
    assert 'value="2020"' in page and "Inkoon kunta</textarea>" in page
    response = confirm(client, preview, {**ANSWERS, "organisations": ""})
    assert response.status_code == 400
    assert "Asiakirja ei nimeä suunnitelman organisaatiota" in html.unescape(response.text)
    assert f'value="{NAME}"' in html.unescape(response.text)
    assert Plan.objects.count() == 1  # the people's own plan only
    assert not Organisation.objects.filter(name="Inkoon kunta").exists()
    assert PendingImport.objects.exists()


@pytest.mark.usefixtures("in_english")
def test_a_seed_text_without_title_or_period_asks_for_both_and_not_its_organisation(
    client, people, seed_path
):
    text = seed_path("004").read_text(encoding="utf-8")
    text = text.replace(TITLE, "").replace("2024-2026", "").replace("2024–2026", "")
    client.force_login(people.alice)
    preview = upload(client, text.encode("utf-8"), "plan.txt")
    page = html.unescape(client.get(preview).text)
    assert "The document does not say the plan's name." in page
    assert "The document does not say the plan's period" in page
    assert 'name="organisations"' not in page  # it says whose plan it is
    assert "A new plan: … (…–…), 50 actions." in page  # what it lacks, marked
    posted = {"name": "Hyvinvointisuunnitelma", "period_start": "2025", "period_end": "2027"}
    assert confirm(client, preview, posted).status_code == 302
    plan = Plan.objects.get(name="Hyvinvointisuunnitelma")
    assert (plan.period_start, plan.period_end) == (2025, 2027)
    assert plan.organisations.get().name == "Länsi-Uudenmaan hyvinvointialue"


def json_plan(name: str, subgoal: str = "I.1") -> bytes:
    document = {
        "format": "lanu-plan/1",
        "plan": {"name": name, "period_start": 2025, "period_end": 2028},
        "organisations": [{"name": "Kuntalan kaupunki", "kind": "municipality"}],
        "goals": [
            {"number": "I", "title": "Hyvä arki", "subgoals": [{"number": "1", "title": "Koulu"}]}
        ],
        "actions": [
            {"organisation": "Kuntalan kaupunki", "subgoals": [subgoal], "description": "Kerho"}
        ],
    }
    return json.dumps(document).encode()


@pytest.mark.usefixtures("in_english")
def test_lanus_json_without_a_name_asks_for_it(client, people):
    client.force_login(people.alice)
    preview = upload(client, json_plan(""), "plan.json")
    page = client.get(preview).text
    assert "The document does not say the plan&#x27;s name." in page
    assert '<input type="text" name="name"' in page
    posted = {"name": "Kuntalan suunnitelma", "period_start": "2025", "period_end": "2028"}
    assert confirm(client, preview, posted).status_code == 302
    assert Plan.objects.get(name="Kuntalan suunnitelma").actions.count() == 1


@pytest.mark.usefixtures("in_english")
def test_a_plan_with_other_problems_too_is_still_refused_at_upload(client, people):
    client.force_login(people.alice)
    content = json_plan("", subgoal="II.4")
    response = client.post(reverse("plans:import"), {"file": SimpleUploadedFile("p.json", content)})
    assert response.status_code == 200
    assert "Unknown sub-goal “II.4”." in html.unescape(response.text)
    assert not PendingImport.objects.exists()


@pytest.mark.usefixtures("in_english")
def test_a_complete_plan_asks_nothing(client, people):
    client.force_login(people.alice)
    page = client.get(upload(client, json_plan("Kuntalan suunnitelma"), "plan.json")).text
    assert 'name="name"' not in page and "Confirm and save" in page

"""A plan's level labels and status levels read in the page's language: Finnish, Swedish, English.

The plan stores its own Finnish labels and status names; their Swedish and English names
stand beside them, filled from Lanu's table for the usual labels and its default scale,
and edited by the coordinator. A name with no translation is shown in Finnish.
"""

import datetime
import html
import json

import pytest
from django.test import Client
from django.urls import reverse, translate_url
from django.utils import translation

from lanu.followup.rounds import close_round, open_round
from lanu.importers import lanu_json
from lanu.importers.save import save_plan
from lanu.plans.export import export_plan
from lanu.plans.forms import PlanForm
from tests.personas import form_data

pytestmark = pytest.mark.django_db

JAN, FEB = datetime.date(2024, 1, 15), datetime.date(2024, 2, 29)


def page(user, url: str, language: str) -> str:
    """The page at url in the language (its /sv/ or /en/ address), as user sees it."""
    client = Client()
    if user:
        client.force_login(user)
    address = translate_url(url, language)
    with translation.override(language):  # the request activates it: leave no trace
        response = client.get(address)
    assert response.status_code == 200
    return response.text


def report_form_url(people) -> str:
    action = people.plan.actions.filter(organisation=people.first).order_by("order").first()
    return reverse("followup:report-action", args=[people.plan.slug, 2023, action.pk])


def plan_url(plan) -> str:
    return reverse("plans:plan", args=[plan.slug])


def edit_plan(client, plan, **changes):
    data = form_data(PlanForm(instance=plan), **changes)
    response = client.post(reverse("plans:plan-edit", args=[plan.slug]), data)
    assert response.status_code == 302, response.text[:2000]
    plan.refresh_from_db()


@pytest.mark.parametrize(
    ("language", "shown", "not_shown"),
    [
        ("sv", "Pågår – Åtgärden är i gång och förankras", "Käynnissä"),
        ("en", "Under way – The action is under way", "Käynnissä"),
        ("fi", "Käynnissä – Toimenpide toiminnassa", "Under way"),
    ],
)
def test_report_form_names_the_default_levels_in_the_page_language(
    people, language, shown, not_shown
):
    open_round(people.plan, 2023, JAN, FEB)
    text = page(people.bob, report_form_url(people), language)
    assert shown in text and not_shown not in text


def test_plan_page_names_its_levels_in_swedish_and_english(people):
    plan = people.plan
    assert (plan.goal_label, plan.subgoal_label) == ("Päätavoite", "Välitavoite")
    swedish = page(people.alice, plan_url(plan), "sv")
    english = page(people.alice, plan_url(plan), "en")
    finnish = page(people.alice, plan_url(plan), "fi")
    assert "Huvudmål I" in swedish and "Main goal I" in english and "Päätavoite I" in finnish
    assert "Main goal I" not in finnish


def test_coordinator_names_the_levels_in_swedish_and_english(client, people):
    client.force_login(people.alice)
    edit_plan(client, people.plan, goal_label="Kärkihanke", goal_label_sv="Spetsprojekt")
    assert (people.plan.goal_label_sv, people.plan.goal_label_en) == ("Spetsprojekt", "")
    assert "Spetsprojekt I" in page(people.alice, plan_url(people.plan), "sv")
    english = page(people.alice, plan_url(people.plan), "en")  # no English name: the Finnish one
    assert "Kärkihanke I" in english and "Main goal I" not in english


def test_a_new_usual_finnish_label_brings_its_own_translations(client, people):
    """Renamed to Painopiste with the translations untouched: not the old Huvudmål."""
    client.force_login(people.alice)
    edit_plan(client, people.plan, goal_label="Painopiste")
    assert (people.plan.goal_label_sv, people.plan.goal_label_en) == ("Fokusområde", "Focus area")
    assert "Fokusområde I" in page(people.alice, plan_url(people.plan), "sv")


def test_plan_edit_form_offers_the_translations_with_labels(client, people):
    text = page(people.alice, reverse("plans:plan-edit", args=[people.plan.slug]), "en")
    for label in ("Label of goals in Swedish", "Label of actions in English"):
        assert f">{label}</label>" in text or f">{label}:</label>" in text
    assert 'value="Huvudmål"' in text and 'value="Sub-goal"' in text


def test_coordinator_names_a_status_level_in_three_languages(client, people):
    client.force_login(people.alice)
    data = {"form": "levels", "levels-TOTAL_FORMS": 1, "levels-INITIAL_FORMS": 0}
    data |= {"levels-0-name": "Valmis", "levels-0-colour": "#3a8f3a"}
    data |= {"levels-0-name_sv": "Klar", "levels-0-description_sv": "Allt är gjort."}
    url = reverse("followup:round-scale", args=[people.plan.slug])
    assert client.post(url, data).status_code == 302
    level = people.plan.status_levels.get()
    assert (level.name, level.name_sv, level.name_en) == ("Valmis", "Klar", "")
    open_round(people.plan, 2023, JAN, FEB)
    swedish = page(people.bob, report_form_url(people), "sv")
    english = page(people.bob, report_form_url(people), "en")
    assert "Klar – Allt är gjort." in swedish and "Valmis" in english


@pytest.mark.parametrize(
    ("language", "heading"),
    [("sv", "Status per delmål"), ("en", "Status per sub-goal"), ("fi", "Tila välitavoitteittain")],
)
def test_progress_names_the_subgoal_once_when_the_plan_calls_it_so(people, language, heading):
    close_round(open_round(people.plan, 2023, JAN, FEB))
    text = page(people.alice, reverse("followup:progress", args=[people.plan.slug]), language)
    assert f'<h2 id="status">{heading}</h2>' in text


def test_progress_adds_the_plans_own_subgoal_label_in_parentheses(people):
    plan = people.plan
    plan.subgoal_label, plan.subgoal_label_sv = "Tavoite", "Mål"
    plan.save()
    close_round(open_round(plan, 2023, JAN, FEB))
    text = page(people.alice, reverse("followup:progress", args=[plan.slug]), "sv")
    assert '<h2 id="status">Status per delmål (Mål)</h2>' in text


@pytest.mark.parametrize(
    ("language", "goal", "subgoal"),
    [
        ("sv", "Lägg till ett mål (Huvudmål)", "Lägg till ett delmål i mål I"),
        ("en", "Add a goal (Main goal)", "Add a sub-goal to I"),
        ("fi", "Lisää tavoite (Päätavoite)", "Lisää välitavoite tavoitteeseen I"),
    ],
)
def test_goal_editor_repeats_no_generic_label(people, language, goal, subgoal):
    text = page(people.alice, reverse("plans:goals-edit", args=[people.plan.slug]), language)
    assert goal in text and subgoal in text
    assert "(Delmål)" not in text and "(Sub-goal)" not in text and "(Välitavoite)" not in text


@pytest.mark.parametrize(
    ("language", "default", "realised"),
    [
        (
            "fi",
            "Lanun oletus: Ei aloitettu / Aloitettu / Käynnissä / Käytössä / Ei toteudu",
            "Toteutui / Ei toteutunut",
        ),
        (
            "sv",
            "Lanus standardskala: Inte påbörjad / Påbörjad / Pågår / I bruk / Genomförs inte",
            "Genomfördes / Genomfördes inte",
        ),
        (
            "en",
            "Lanu's default: Not started / Started / Under way / In use / Will not be realised",
            "Realised / Not realised",
        ),
    ],
)
def test_ready_made_scales_are_named_in_the_page_language(people, language, default, realised):
    for name in ("followup:round-new", "followup:round-scale"):
        text = page(people.alice, reverse(name, args=[people.plan.slug]), language)
        assert html.escape(default) in text and html.escape(realised) in text, name


def test_a_plans_own_translations_go_out_and_come_back_with_its_json(people):
    plan = people.plan
    plan.goal_label, plan.goal_label_sv, plan.goal_label_en = "Kärkihanke", "Spetsprojekt", ""
    plan.save()
    document = export_plan(plan)
    assert document["plan"]["level_labels"]["goal_sv"] == "Spetsprojekt"
    assert "goal_en" not in document["plan"]["level_labels"]
    document["plan"]["slug"] = "kopio"
    copy = save_plan(lanu_json.read(json.dumps(document), "kopio.json"))
    assert (copy.goal_label, copy.goal_label_sv, copy.goal_label_en) == (
        "Kärkihanke",
        "Spetsprojekt",
        "",
    )
    assert (copy.subgoal_label_sv, copy.action_label_en) == ("Delmål", "Action")

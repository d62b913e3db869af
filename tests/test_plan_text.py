"""A plan's traffic-light legend on its public pages: each dot coloured from the word
beside it, the word kept, the text still escaped; the import's notes stay hidden."""

import json

import pytest
from django.template import Context, Template
from django.urls import reverse

pytestmark = pytest.mark.django_db


def plan_page(client, plan, description: str) -> str:
    goal = plan.goals.order_by("order").first()
    goal.description = description
    goal.save()
    return client.get(reverse("plans:plan", args=[plan.slug])).text


def test_a_finnish_legend_has_its_colours_beside_its_words(client, plan_of):
    text = "Tilanne suhteessa koko maahan: ● hyvä, ● neutraali, ● huolestuttava."
    page = plan_page(client, plan_of(3), text)
    assert (
        '<span class="legend-dot good" aria-hidden="true">●</span> hyvä, '
        '<span class="legend-dot neutral" aria-hidden="true">●</span> neutraali, '
        '<span class="legend-dot worrying" aria-hidden="true">●</span> huolestuttava.'
    ) in page


def test_a_swedish_legend_and_an_unknown_word(client, plan_of):
    page = plan_page(client, plan_of(3), "Läget: ●bra ● oroande ● blått")
    assert '<span class="legend-dot good" aria-hidden="true">●</span>bra' in page
    assert '<span class="legend-dot worrying" aria-hidden="true">●</span> oroande' in page
    assert "● blått" in page  # no colour to give it: left as written


def test_the_legend_text_stays_escaped(client, plan_of):
    page = plan_page(client, plan_of(3), "● <b>hyvä</b> ● hyvä<script>")
    assert "&lt;b&gt;hyvä&lt;/b&gt;" in page and "<script>" not in page
    assert '<span class="legend-dot good" aria-hidden="true">●</span> hyvä&lt;script&gt;' in page


def test_the_legend_filter_escapes_a_text_not_yet_escaped():
    page = Template("{% load plan_text %}{{ text|legend_dots }}").render(
        Context({"text": "● hyvä <script>alert(1)</script>"})
    )
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert '<span class="legend-dot good" aria-hidden="true">●</span> hyvä' in page


def test_the_import_notes_are_for_the_coordinators(client, people):
    plan = people.plan
    plan.published = True
    plan.notes = "Huomautuksia riveiltä, joilla ei ole omaa toimenpidettä: rivi 4"
    plan.save()
    url = reverse("plans:plan", args=[plan.slug])
    for who in (None, people.bob, people.vera):
        if who:
            client.force_login(who)
        assert "Huomautuksia riveiltä" not in client.get(url).text
    client.force_login(people.alice)
    assert "Huomautuksia riveiltä" in client.get(url).text


def test_the_public_json_export_has_no_import_notes(client, plan_of):
    """The notes the import kept are for coordinators: the anonymous export has none."""
    plan = plan_of(3)
    plan.notes = "Suunnitelma-asiakirjan muu teksti: rivi 4"
    plan.save()
    plan.goals.update(notes="Huomautuksia tavoitteesta")
    plan.goals.first().subgoals.update(notes="Huomautuksia riveiltä")
    export = json.loads(client.get(reverse("plans:export-json", args=[plan.slug])).getvalue())
    assert export["plan"]["notes"] == ""
    assert all(g["notes"] == "" for g in export["goals"])
    assert all(s["notes"] == "" for g in export["goals"] for s in g["subgoals"])


def test_export_plan_public_has_no_import_notes(plan_of):
    from io import StringIO

    from django.core.management import call_command

    plan = plan_of(3)
    plan.notes = "Suunnitelma-asiakirjan muu teksti: rivi 4"
    plan.save()
    out = StringIO()
    call_command("export-plan", plan.slug, "--public", stdout=out)
    assert "Suunnitelma-asiakirjan muu teksti" not in out.getvalue()
    out = StringIO()
    call_command("export-plan", plan.slug, stdout=out)  # the full export keeps them
    assert "Suunnitelma-asiakirjan muu teksti" in out.getvalue()


def test_the_coordinators_json_export_keeps_the_import_notes(client, people):
    people.plan.notes = "Suunnitelma-asiakirjan muu teksti: rivi 4"
    people.plan.save()
    client.force_login(people.alice)
    export = json.loads(
        client.get(reverse("plans:export-json", args=[people.plan.slug])).getvalue()
    )
    assert export["plan"]["notes"] == people.plan.notes

"""Inflected Finnish and Swedish words find each other, on SQLite and on PostgreSQL:
a query in any form finds an action whose text has another form, and back."""

import pytest

from tests.search_data import found, plan_of_actions

pytestmark = pytest.mark.django_db

FINNISH = [
    ("kiusaaminen", "kiusaamisen"),
    ("kiusaaminen", "kiusaamista"),
    ("kiusaamisen", "kiusaamista"),
    ("perhekeskus", "perhekeskuksessa"),
    ("nuorisotyö", "nuorisotyössä"),
    ("eroauttaminen", "eroauttamisen"),
]
SWEDISH = [
    ("familjecentral", "familjecentralen"),
    ("familjecentral", "familjecentralerna"),
    ("familjecentralen", "familjecentralerna"),
    ("mobbning", "mobbningen"),
]


def action_text(word: str) -> str:
    return f"Toiminta: {word} ja muu yhteistyö"


@pytest.mark.parametrize(("written", "asked"), FINNISH + [(b, a) for a, b in FINNISH])
def test_search_finds_a_finnish_word_in_another_form(written, asked):
    plan_of_actions("kunta", [("Kunta", f"Tuemme lapsia: {written} on työn ydin")])
    assert found(asked) == [f"Tuemme lapsia: {written} on työn ydin"]


@pytest.mark.parametrize(("written", "asked"), SWEDISH + [(b, a) for a, b in SWEDISH])
def test_search_finds_a_swedish_word_in_another_form(written, asked):
    plan_of_actions("kommun", [("Kommunen", f"Vi stöder barn: {written} i centrum")], "sv")
    assert found(asked) == [f"Vi stöder barn: {written} i centrum"]


def test_search_needs_every_word_of_the_query():
    plan_of_actions(
        "kunta",
        [("Kunta", "Kiusaamisen ehkäisy kouluissa"), ("Järjestö", "Kiusaamisen ehkäisy kotona")],
    )
    assert found("kiusaaminen koulu") == ["Kiusaamisen ehkäisy kouluissa"]


def test_search_of_a_word_nowhere_finds_nothing():
    plan_of_actions("kunta", [("Kunta", "Kiusaamisen ehkäisy kouluissa")])
    assert found("avaruusmatkailu") == []

"""The general reader: plans laid out as people write them, built as Documents in code.

Each test builds a document in one layout (Finnish or Swedish) and checks what a
coordinator would see in the preview: the goals, the sub-goals, the actions with their
texts, the organisations, the guesses, the flags and where each problem is.
"""

import pytest

from lanu.importers.general.document import Block, Cell, Document, Paragraph, Table
from lanu.importers.general.reading import read_document
from lanu.importers.general.result import Choices, PlanDetails

# Building documents ------------------------------------------------------------------


def cell(*texts: str, merged: str = "") -> Cell:
    """A cell of paragraphs; a text starting with "- " is a bullet."""
    return Cell(
        [Paragraph(t[2:], bullet=True) if t.startswith("- ") else Paragraph(t) for t in texts],
        merged,
    )


UP = Cell([], "up")  # a place covered by the merged cell above
LEFT = Cell([], "left")


def heading(text: str, level: int = 1, number: str = "") -> Block:
    return Block(paragraph=Paragraph(text, level=level, number=number))


def para(text: str) -> Block:
    return Block(paragraph=Paragraph(text))


def table(*rows: list, name: str = "") -> Block:
    cells = [[c if isinstance(c, Cell) else cell(c) if c else Cell() for c in row] for row in rows]
    return Block(table=Table(0, cells, name))


def document(*blocks: Block, source: str = "plan.docx", kind: str = "docx") -> Document:
    """The blocks as a document, its tables numbered 1, 2, … in order."""
    number = 0
    for block in blocks:
        if block.table is not None:
            number += 1
            block.table.number = number
    return Document(source, kind, list(blocks))


def cover(name: str = "Lasten ja nuorten hyvinvointisuunnitelma 2024–2026") -> list[Block]:
    return [para("Kotkan kaupunki"), heading(name)]


def tree(data) -> list:
    return [(g.number, g.title, [(s.number, s.title) for s in g.subgoals]) for g in data.goals]


def actions(data) -> list:
    return [(a.subgoals[0], a.description) for a in data.actions]


SUBGOAL_HEADER = ["Toimenpide", "Vastuutaho", "Aikataulu", "Mittari"]


# Layouts -----------------------------------------------------------------------------


def test_headings_per_goal_and_subgoal_with_a_table_per_subgoal():
    reading = read_document(
        document(
            *cover(),
            heading("Johdanto"),
            para("Suunnitelma kertoo, miten lasten hyvinvointia edistetään."),
            heading("1. Osallisuus", 2),
            para("Lapset ja nuoret pääsevät vaikuttamaan."),
            heading("1.1 Lapset vaikuttavat", 3),
            table(
                SUBGOAL_HEADER,
                ["Nuorisovaltuusto kokoontuu", "Nuorisopalvelut", "2024 alkaen", "Kokoukset"],
            ),
            heading("1.2 Perheet mukana", 3),
            table(SUBGOAL_HEADER, ["Perhekahvilat", "Perhekeskus", "2024–2026", "Kävijät"]),
            heading("2. Turvallisuus", 2),
            heading("2.1 Turvallinen koulutie", 3),
            table(
                SUBGOAL_HEADER, ["Suojatiet kuntoon", "Tekninen toimi", "syksy 2025", "Suojatiet"]
            ),
        )
    )
    data = reading.data
    assert reading.problems == []
    assert tree(data) == [
        ("1", "Osallisuus", [("1", "Lapset vaikuttavat"), ("2", "Perheet mukana")]),
        ("2", "Turvallisuus", [("1", "Turvallinen koulutie")]),
    ]
    assert data.goals[0].description == "Lapset ja nuoret pääsevät vaikuttamaan."
    assert actions(data) == [
        ("1.1", "Nuorisovaltuusto kokoontuu"),
        ("1.2", "Perhekahvilat"),
        ("2.1", "Suojatiet kuntoon"),
    ]
    second = data.actions[1]
    assert (second.responsible, second.schedule) == ("Perhekeskus", "2024–2026")
    assert (second.start_date.isoformat(), second.end_date.isoformat()) == (
        "2024-01-01",
        "2026-12-31",
    )
    assert [m.text for m in second.metrics] == ["Kävijät"]
    assert [(o.name, o.kind) for o in data.organisations] == [("Kotkan kaupunki", "municipality")]
    assert {a.organisation for a in data.actions} == {"Kotkan kaupunki"}
    assert [s.title for s in data.sections] == ["Johdanto"]
    assert all(a.line is None for a in data.actions)


MERGED = {
    "fi": (
        ["Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Mittarit"],
        ["Osallisuus", "Lapset vaikuttavat", "Turvallisuus", "Koulutie on turvallinen"],
    ),
    "sv": (
        ["Fokusområde", "Mål", "Åtgärd", "Ansvarig", "Mätare"],
        ["Delaktighet", "Barn påverkar", "Trygghet", "Skolvägen är trygg"],
    ),
}


TITLES = {
    "fi": "Lasten ja nuorten hyvinvointisuunnitelma 2024–2026",
    "sv": "Välfärdsplan för barn och unga 2024–2026",
}


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_goal_and_subgoal_cells_merged_down_give_one_subgoal_for_their_rows(language):
    header, (goal1, sub1, goal2, sub2) = MERGED[language]
    reading = read_document(
        document(
            para("Raseborgs stad" if language == "sv" else "Kotkan kaupunki"),
            heading(TITLES[language]),
            table(
                header,
                [goal1, sub1, "Action A", "Unit A", "Metric A"],
                [UP, UP, "Action B", "Unit B", "Metric B"],
                [UP, UP, "Action C", "Unit C", "Metric C"],
                [goal2, sub2, "Action D", "Unit D", "Metric D"],
                [UP, UP, "Action E", "Unit E", "Metric E"],
            ),
        )
    )
    data = reading.data
    assert tree(data) == [("1", goal1, [("1", sub1)]), ("2", goal2, [("1", sub2)])]
    assert actions(data) == [
        ("1.1", "Action A"),
        ("1.1", "Action B"),
        ("1.1", "Action C"),
        ("2.1", "Action D"),
        ("2.1", "Action E"),
    ]
    assert [a.responsible for a in data.actions] == [
        "Unit A",
        "Unit B",
        "Unit C",
        "Unit D",
        "Unit E",
    ]
    assert data.language == language


def test_goal_written_only_on_its_groups_first_row_is_filled_down():
    reading = read_document(
        document(
            table(
                ["Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Mittarit"],
                [
                    "1. Osallisuus",
                    "1.1 Lapset vaikuttavat",
                    "Nuorisovaltuusto",
                    "Nuoriso",
                    "Kokoukset",
                ],
                ["", "", "Oppilaskunnat", "Koulut", "Kyselyt"],
                ["", "1.2 Perheet mukana", "Perhekahvilat", "Perhekeskus", "Kävijät"],
                ["2. Turvallisuus", "2.1 Koulutie", "Suojatiet", "Tekninen toimi", "Suojatiet"],
                name="Toimenpiteet",
            ),
            source="Kotkan kaupungin hyvinvointisuunnitelma 2024-2026.xlsx",
            kind="xlsx",
        ),
        Choices(details=PlanDetails(name="Kotkan suunnitelma", organisations=["Kotkan kaupunki"])),
    )
    data = reading.data
    assert tree(data) == [
        ("1", "Osallisuus", [("1", "Lapset vaikuttavat"), ("2", "Perheet mukana")]),
        ("2", "Turvallisuus", [("1", "Koulutie")]),
    ]
    assert actions(data) == [
        ("1.1", "Nuorisovaltuusto"),
        ("1.1", "Oppilaskunnat"),
        ("1.2", "Perhekahvilat"),
        ("2.1", "Suojatiet"),
    ]
    assert (data.name, data.period_start, data.period_end) == ("Kotkan suunnitelma", 2024, 2026)


def test_organisation_column_gives_each_actions_organisation():
    reading = read_document(
        document(
            heading("Kymenlaakson lasten ja nuorten hyvinvointisuunnitelma 2024–2026"),
            heading("1. Arjen hyvinvointi", 2),
            table(
                ["Tavoite", "Toimenpide", "Toteuttaja", "Aikataulu", "Mittari"],
                ["Vanhemmuuden tuki", "Perhevalmennus", "Kotkan kaupunki", "2024", "Ryhmät"],
                ["", "Vertaisryhmät", "MLL Kaakkois-Suomen piiri ry", "2025", "Osallistujat"],
                [
                    "Turvallinen arki",
                    "Koulupoliisi",
                    "Kaakkois-Suomen poliisilaitos",
                    "",
                    "Käynnit",
                ],
            ),
        )
    )
    data = reading.data
    assert [(o.name, o.kind) for o in data.organisations] == [
        ("Kotkan kaupunki", "municipality"),
        ("MLL Kaakkois-Suomen piiri ry", "ngo"),
        ("Kaakkois-Suomen poliisilaitos", "police"),
    ]
    assert [a.organisation for a in data.actions] == [o.name for o in data.organisations]
    # the heading gives the goal above the Tavoite column: the column is the sub-goal
    assert tree(data) == [
        ("1", "Arjen hyvinvointi", [("1", "Vanhemmuuden tuki"), ("2", "Turvallinen arki")])
    ]


def test_principle_table_keeps_bullets_as_items_and_metrics():
    reading = read_document(
        document(
            para("Espoon kaupunki"),
            heading("Lasten ja nuorten hyvinvointisuunnitelma 2017-2021"),
            table(
                ["Periaate", "Tavoite", "Toimenpide", "Mittari"],
                [
                    "1. Hyvinvoinnin edistäminen",
                    "Kaikilla on mahdollisuus harrastaa",
                    cell("- Kehitetään Liikkuva koulu -mallia", "- Lisätään harrastuksia"),
                    cell("- Mukana olevat koulut", "- Harrastajat *äidinkieli/kansalaisuus"),
                ],
                [
                    "",
                    "Vertaistuki vahvistuu",
                    cell("Ryhmätoimintaa edistetään", "- järjestöjen kanssa"),
                    "Ryhmien määrä",
                ],
                ["2. Palvelujen laatu", "Tieto johtaa", "Seurantatietoa hyödynnetään", ""],
            ),
        )
    )
    data = reading.data
    assert tree(data) == [
        (
            "1",
            "Hyvinvoinnin edistäminen",
            [("1", "Kaikilla on mahdollisuus harrastaa"), ("2", "Vertaistuki vahvistuu")],
        ),
        ("2", "Palvelujen laatu", [("1", "Tieto johtaa")]),
    ]
    first, second, _ = data.actions
    assert (first.description, first.items) == (
        "",
        ["Kehitetään Liikkuva koulu -mallia", "Lisätään harrastuksia"],
    )
    assert [(m.text, m.by_mother_tongue) for m in first.metrics] == [
        ("Mukana olevat koulut", False),
        ("Harrastajat", True),
    ]
    assert (second.description, second.items) == (
        "Ryhmätoimintaa edistetään",
        ["järjestöjen kanssa"],
    )
    assert not any("—" in a.description or " - " in a.description for a in data.actions)


ORG_HEADER = [
    "välitavoite",
    "toimenpide",
    "mittari / toteutuminen",
    "aikataulu",
    "toimija(t) / toteuttaja(t)",
    "seuranta / arviointi / ohjaus",
]
QUESTIONS = [
    "Missä on onnistuttava?",
    "Mitä ja miten se tehdään?",
    "Miten mitataan onnistuminen?",
    "Milloin?",
    "Kuka / ketkä?",
    "Esim. Resurssin käyttö, muita huomioita?",
]


def organisation_section(name: str, number: str, actions: list[str]) -> list[Block]:
    """Seed 003's layout: an organisation's heading, then its main goals' paragraphs and
    tables with the numbered sub-goal in the first column."""
    return [
        heading(f"2.{number} {name}", 2),
        para("PÄÄTAVOITE I: Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy"),
        table(
            ORG_HEADER,
            QUESTIONS,
            [
                "1 Lasten ja nuorten arvostaminen",
                actions[0],
                "Palautteet",
                "2020 alkaen",
                "Johto",
                "",
            ],
            ["2 Vanhemmuuden tukeminen", actions[1], "Ryhmät", "Pysyvää toimintaa", "Neuvola", ""],
        ),
        para("PÄÄTAVOITE II:"),
        para("Lasten, nuorten ja perheiden osallisuus ja yhteisöllisyys vahvistuvat"),
        table(
            ORG_HEADER,
            QUESTIONS,
            [
                "1 Yhdenvertaiset mahdollisuudet",
                actions[2],
                "Kävijät",
                "2021",
                "Nuoriso",
                "Kyselyt",
            ],
        ),
    ]


def test_seed_003_layout_organisation_headings_and_main_goal_paragraphs():
    reading = read_document(
        document(
            heading("Kymenlaakson lasten ja nuorten hyvinvointisuunnitelma 2020–2024", 1),
            heading("2 Toimenpiteet", 1),
            *organisation_section(
                "Kymsote", "1", ["Kuullaan lapsia", "Perheryhmät", "Kohtaamispaikat"]
            ),
            *organisation_section(
                "Haminan kaupunki", "2", ["Nuorisovaltuusto", "Neuvonta", "Kerhot"]
            ),
        )
    )
    data = reading.data
    assert reading.problems == []
    assert tree(data) == [
        (
            "I",
            "Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy",
            [("1", "Lasten ja nuorten arvostaminen"), ("2", "Vanhemmuuden tukeminen")],
        ),
        (
            "II",
            "Lasten, nuorten ja perheiden osallisuus ja yhteisöllisyys vahvistuvat",
            [("1", "Yhdenvertaiset mahdollisuudet")],
        ),
    ]
    assert [(o.name, o.kind) for o in data.organisations] == [
        ("Kymsote", "welfare_area"),
        ("Haminan kaupunki", "municipality"),
    ]
    assert [(a.organisation, a.subgoals[0], a.description) for a in data.actions] == [
        ("Kymsote", "I.1", "Kuullaan lapsia"),
        ("Kymsote", "I.2", "Perheryhmät"),
        ("Kymsote", "II.1", "Kohtaamispaikat"),
        ("Haminan kaupunki", "I.1", "Nuorisovaltuusto"),
        ("Haminan kaupunki", "I.2", "Neuvonta"),
        ("Haminan kaupunki", "II.1", "Kerhot"),
    ]
    second = data.actions[1]
    assert (second.schedule, second.permanence, second.responsible) == (
        "Pysyvää toimintaa",
        "permanent",
        "Neuvola",
    )
    assert data.actions[2].monitoring == "Kyselyt"
    assert (data.goal_label, data.period_start) == ("Päätavoite", 2020)


def test_numbers_in_a_column_of_their_own_number_the_subgoals():
    reading = read_document(
        document(
            *cover(),
            para("PÄÄTAVOITE I: Arki sujuu"),
            table(
                ["", *ORG_HEADER],
                ["1", "Arvostaminen", "Kuullaan lapsia", "", "", "", ""],
                ["3", "Tuki", "Perheryhmät", "", "", "", ""],
            ),
        )
    )
    assert tree(reading.data) == [("I", "Arki sujuu", [("1", "Arvostaminen"), ("3", "Tuki")])]
    assert reading.data.actions[0].notes == ""


def test_three_goal_levels_keep_the_innermost_with_each_action(in_english):
    reading = read_document(
        document(
            *cover(),
            table(
                ["Painopiste", "Tavoite", "Välitavoite", "Toimenpide", "Resurssit", "Huomioita"],
                [
                    "Osallisuus",
                    "Lapset vaikuttavat",
                    "Koulut kuulevat",
                    "Oppilaskunnat",
                    "1 htv",
                    "Uusi",
                ],
                [UP, UP, "Kunta kuulee", "Nuorisovaltuusto", "", ""],
            ),
        )
    )
    data = reading.data
    assert tree(data) == [("1", "Osallisuus", [("1", "Lapset vaikuttavat")])]
    assert [a.notes for a in data.actions] == [
        "Välitavoite: Koulut kuulevat\nResurssit: 1 htv\nHuomioita: Uusi",
        "Välitavoite: Kunta kuulee",
    ]
    assert any("third goal level" in line for line in data.report)


def test_goal_without_subgoal_gets_one_subgoal_of_its_own_title(in_english):
    reading = read_document(
        document(
            *cover(),
            heading("1. Osallisuus", 2),
            table(SUBGOAL_HEADER, ["Nuorisovaltuusto", "Nuoriso", "", ""]),
            heading("2. Turvallisuus", 2),
            table(SUBGOAL_HEADER, ["Koulupoliisi", "Poliisi", "", ""]),
        )
    )
    assert tree(reading.data) == [
        ("1", "Osallisuus", [("1", "Osallisuus")]),
        ("2", "Turvallisuus", [("1", "Turvallisuus")]),
    ]
    assert any("one sub-goal each" in line for line in reading.data.report)


def test_table_split_by_a_page_break_continues_with_the_same_columns():
    reading = read_document(
        document(
            *cover(),
            table(
                ["Tavoite", "Toimenpide", "Vastuutaho", "Mittari"],
                ["Lapset voivat hyvin", "Harrastukset kaikille ja", "Liikunta", "Harrastajat"],
            ),
            table(
                ["", "maksuttomina koulupäivän jälkeen", "", ""],
                ["", "Kerhot kouluilla", "Koulut", "Kerhot"],
            ),
        )
    )
    data = reading.data
    assert actions(data) == [
        ("1.1", "Harrastukset kaikille ja maksuttomina koulupäivän jälkeen"),
        ("1.1", "Kerhot kouluilla"),
    ]
    assert [(t.continues, t.actions) for t in reading.tables] == [(0, 1), (1, 1)]


def test_paragraphs_lined_up_with_responsibles_are_one_action_each():
    reading = read_document(
        document(
            *cover(),
            table(
                ["Tavoitteet", "Toimenpiteet", "Vastuutaho", "Mittarit"],
                [
                    "Lapset ovat mukana",
                    cell("Asiakasraadit", "Kehittäjäkumppanit", "Kokemusasiantuntijat"),
                    cell("Palvelulinjat", "Opiskeluhuolto", "Palvelulinjat"),
                    cell("Raatien määrä", "Oppilaitokset", "Toiminnot"),
                ],
            ),
        )
    )
    data = reading.data
    assert [(a.description, a.responsible, [m.text for m in a.metrics]) for a in data.actions] == [
        ("Asiakasraadit", "Palvelulinjat", ["Raatien määrä"]),
        ("Kehittäjäkumppanit", "Opiskeluhuolto", ["Oppilaitokset"]),
        ("Kokemusasiantuntijat", "Palvelulinjat", ["Toiminnot"]),
    ]


def test_paragraphs_not_lined_up_are_one_actions_items():
    reading = read_document(
        document(
            *cover(),
            table(
                ["Tavoite", "Toimenpide", "Vastuutaho", "Mittari"],
                [
                    "Lapset voivat hyvin",
                    cell("Kerhot", "Iltapäivisin kouluilla"),
                    "Koulut",
                    "Kerhot",
                ],
            ),
        )
    )
    (action,) = reading.data.actions
    assert (action.description, action.items) == ("Kerhot", ["Iltapäivisin kouluilla"])


# Choices and flags -------------------------------------------------------------------


def bullets_document() -> Document:
    return document(
        *cover(),
        table(
            ["Tavoite", "Toimenpide", "Vastuutaho", "Mittari"],
            [
                "Lapset voivat hyvin",
                cell(
                    "Harrastuksia lisätään:",
                    "- Kerhot kouluille",
                    "- Liikuntaneuvonta",
                    "- Kaikukortti",
                ),
                "Vapaa-aikapalvelut",
                cell("Harrastajat", "Kortit"),
            ],
        ),
    )


def test_bullets_that_look_like_actions_are_flagged_where_they_are(in_english):
    reading = read_document(bullets_document())
    (action,) = reading.data.actions
    assert action.description == "Harrastuksia lisätään:"
    assert action.items == ["Kerhot kouluille", "Liikuntaneuvonta", "Kaikukortti"]
    (flag,) = reading.flags
    assert flag.key == "1:1:1"
    assert "“Lapset voivat hyvin”" in flag.where
    assert "one action per bullet" in flag.message


def test_split_bullets_makes_one_action_per_bullet_with_the_rows_other_columns():
    reading = read_document(bullets_document(), Choices(split_bullets={"1:1:1"}))
    data = reading.data
    assert [(a.description, a.items) for a in data.actions] == [
        ("Kerhot kouluille", []),
        ("Liikuntaneuvonta", []),
        ("Kaikukortti", []),
    ]
    assert {a.responsible for a in data.actions} == {"Vapaa-aikapalvelut"}
    assert all([m.text for m in a.metrics] == ["Harrastajat", "Kortit"] for a in data.actions)
    assert all(a.notes == "Toimenpide: Harrastuksia lisätään:" for a in data.actions)
    assert reading.flags == []


def unknown_header_document() -> Document:
    return document(
        *cover(),
        heading("1. Osallisuus", 2),
        table(
            ["Tavoite", "Mitä teemme?", "Vastuutaho"], ["Lapset vaikuttavat", "Raadit", "Nuoriso"]
        ),
    )


def test_roles_chosen_by_the_person_make_a_table_an_action_table(in_english):
    refused = read_document(unknown_header_document())
    assert refused.data is None
    assert "none has a column for the actions" in refused.problems[0].message or (
        "no column for the actions" in refused.problems[0].message
    )
    choices = Choices(roles={1: ["", "action", ""]})
    reading = read_document(unknown_header_document(), choices)
    assert actions(reading.data) == [("1.1", "Raadit")]
    assert reading.tables[0].columns[1].chosen


def test_known_layout_applies_to_a_table_with_the_same_header_words():
    first = read_document(unknown_header_document())
    signature = first.tables[0].signature
    reading = read_document(
        unknown_header_document(), known_layouts={signature: ["subgoal", "action", "responsible"]}
    )
    assert actions(reading.data) == [("1.1", "Raadit")]
    assert reading.data.actions[0].responsible == "Nuoriso"


# Guesses and problems ----------------------------------------------------------------


def test_swedish_cover_guesses_keep_the_names_case():
    reading = read_document(
        document(
            para("Raseborgs stad"),
            heading("Välfärdsplan för barn och unga i Raseborg"),
            para("Planen gäller för åren 2024 - 2026 och den följs upp varje år."),
            table(
                ["Mål", "Åtgärd", "Ansvarig"],
                ["Barn mår bra", "Fritidsklubbar", "Bildning"],
            ),
        )
    )
    guesses = reading.guesses
    assert guesses.name == "Välfärdsplan för barn och unga i Raseborg"
    assert (guesses.period_start, guesses.period_end, guesses.language) == (2024, 2026, "sv")
    assert guesses.organisations == ["Raseborgs stad"]
    assert reading.data.name == "Välfärdsplan för barn och unga i Raseborg 2024–2026"
    assert [(o.name, o.kind) for o in reading.data.organisations] == [
        ("Raseborgs stad", "municipality")
    ]


def test_plan_title_in_the_genitive_names_the_organisation():
    reading = read_document(
        document(
            heading("Haminan kaupungin lasten ja nuorten hyvinvointisuunnitelma 2025–2028"),
            table(["Tavoite", "Toimenpide"], ["Lapset voivat hyvin", "Kerhot"]),
        )
    )
    assert reading.guesses.organisations == ["Haminan kaupunki"]
    assert reading.data.organisations[0].kind == "municipality"


def test_missing_name_period_and_organisation_are_asked_not_refused(in_english):
    plain = document(table(["Tavoite", "Toimenpide"], ["Lapset voivat hyvin", "Kerhot"]))
    reading = read_document(plain)
    assert reading.data is None
    messages = " ".join(p.message for p in reading.problems)
    assert "Name the plan:" in messages
    assert "Give the plan's period" in messages
    assert "Name the plan's organisation" in messages
    assert "hyvinvointialue" not in messages
    assert [p.detail for p in reading.problems] == ["name", "period", "organisation"]
    details = PlanDetails(name="Oma suunnitelma", period_start=2024, period_end=2027)
    details.organisations = ["Pyhtään kunta", "Pyhtään seurakunta"]
    answered = read_document(plain, Choices(details=details))
    assert answered.problems == []
    assert (answered.data.name, answered.data.period_end) == ("Oma suunnitelma", 2027)
    assert [(o.name, o.kind) for o in answered.data.organisations] == [
        ("Pyhtään kunta", "municipality"),
        ("Pyhtään seurakunta", "parish"),
    ]
    assert {a.organisation for a in answered.data.actions} == {"Pyhtään kunta"}


def test_document_without_action_table_is_refused_with_what_was_found(in_english):
    reading = read_document(
        document(para("Kirje"), table(["Nimi", "Puhelin"], ["Liisa", "040 123"]))
    )
    assert reading.data is None
    (problem,) = reading.problems
    assert "1 table" in problem.message and "Nimi / Puhelin" in problem.message
    assert "preview" in problem.message


def test_problem_names_its_table_and_the_rows_first_words(in_english):
    reading = read_document(
        document(
            *cover(),
            table(
                ["Painopiste", "Tavoite", "Toimenpide"],
                ["", "", "Lasten ja nuorten arvostaminen kaikessa työssä"],
            ),
        )
    )
    (problem,) = reading.problems
    assert problem.message.startswith("table 1, row “Lasten ja nuorten arvostaminen kaikessa…”:")
    assert "no goal" in problem.message


def test_problem_in_a_sheet_names_the_sheet_and_row_number(in_english):
    reading = read_document(
        document(
            table(["Painopiste", "Tavoite", "Toimenpide"], ["", "", "Kerhot"], name="Toimenpiteet"),
            kind="xlsx",
            source="plan.xlsx",
        )
    )
    assert reading.problems[0].message.startswith("sheet Toimenpiteet, row 2:")


def test_500_actions_under_merged_goals_read_whole():
    """The time this takes is measured by bench/import.py ("general"), not here."""
    rows = [["Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Mittari"]]
    for goal in range(10):
        for sub in range(5):
            for action in range(10):
                first = action == 0
                rows.append(
                    [
                        f"{goal + 1}. Painopiste {goal}" if first and sub == 0 else UP,
                        f"Tavoite {goal}.{sub}" if first else UP,
                        cell(f"Toimenpide {goal}.{sub}.{action}", "- osa", "- toinen osa"),
                        "Vastuutaho",
                        cell("Mittari", "Toinen mittari"),
                    ]
                )
    plan = document(*cover(), table(*rows))
    reading = read_document(plan)
    assert len(reading.data.actions) == 500
    assert len(reading.data.subgoal_keys()) == 50


def test_sheet_title_row_above_the_header_names_the_plan():
    reading = read_document(
        document(
            table(
                ["Kotkan lasten ja nuorten hyvinvointisuunnitelma 2024–2027", "", ""],
                ["", "", ""],
                ["Painopiste", "Tavoite", "Toimenpide"],
                ["Osallisuus", "Lapset vaikuttavat", "Nuorisovaltuusto"],
                name="Toimenpiteet",
            ),
            kind="xlsx",
            source="suunnitelma.xlsx",
        ),
        Choices(details=PlanDetails(organisations=["Kotkan kaupunki"])),
    )
    guesses = reading.guesses
    assert (guesses.name, guesses.period_start, guesses.period_end) == (
        "Kotkan lasten ja nuorten hyvinvointisuunnitelma 2024–2027",
        2024,
        2027,
    )
    assert actions(reading.data) == [("1.1", "Nuorisovaltuusto")]


def test_an_action_written_under_two_subgoals_is_one_action_serving_both(in_english):
    reading = read_document(
        document(
            *cover(),
            table(
                ["Painopiste", "Tavoite", "Toimenpide", "Vastuutaho"],
                ["Osallisuus", "Lapset vaikuttavat", "Nuorisovaltuusto", "Nuoriso"],
                [UP, "Nuoret vaikuttavat", "Nuorisovaltuusto", "Nuoriso"],
                [UP, UP, "Nuorisovaltuusto", "Sivistystoimi"],
            ),
        )
    )
    data = reading.data
    assert [(a.subgoals, a.responsible) for a in data.actions] == [
        (["1.1", "1.2"], "Nuoriso"),
        (["1.2"], "Sivistystoimi"),
    ]
    assert any("written again under another sub-goal" in line for line in data.report)


def test_rows_referring_to_another_rows_action_add_their_subgoal_to_it():
    reading = read_document(
        document(
            *cover(),
            para("PÄÄTAVOITE I: Arki sujuu"),
            table(
                ["välitavoite", "toimenpide", "mittari", "aikataulu"],
                ["1 Arvostaminen", "Kuullaan lapsia", "Palautteet", "2020 alkaen"],
                ["2 Vanhemmuus", "Ks. edellinen kohta.", "", ""],
                ["3 Erotilanteet", "Kts. kohta 1", "", ""],
                ["4 Terveys", "Neuvolat", "Käynnit", ""],
            ),
        )
    )
    data = reading.data
    assert [(a.description, a.subgoals) for a in data.actions] == [
        ("Kuullaan lapsia", ["I.1", "I.2", "I.3"]),
        ("Neuvolat", ["I.4"]),
    ]


def test_reference_to_a_row_without_action_is_a_problem(in_english):
    reading = read_document(
        document(
            *cover(),
            para("PÄÄTAVOITE I: Arki sujuu"),
            table(
                ["välitavoite", "toimenpide", "mittari"],
                ["1 Arvostaminen", "Kts. kohta 3", ""],
            ),
        )
    )
    (problem,) = reading.problems
    assert problem.message.startswith("table 1, row “1 Arvostaminen”: “Kts. kohta 3” refers to")


def test_numbered_lines_without_styles_are_headings_when_their_numbers_continue():
    """A PDF has no heading styles: "1.2 …" after "1.1 …" is a heading, however long."""
    long_title = (
        "Vastaamme rikoksilla oireilevien lasten ja nuorten tuen tarpeeseen kehittämällä "
        "yhtenäistä toimintaa ja tiivistämällä yhteistyötä."
    )
    reading = read_document(
        document(
            *cover(),
            para("1 Osallisuus"),
            para("1.1 Lapset vaikuttavat"),
            table(SUBGOAL_HEADER, ["Nuorisovaltuusto", "Nuoriso", "", ""]),
            para(f"1.2 {long_title}"),
            table(SUBGOAL_HEADER, ["Ankkuritoiminta", "Poliisi", "", ""]),
            para("3. Tämä on tavallinen numeroitu virke, joka ei jatka otsikoiden numerointia."),
            table(SUBGOAL_HEADER, ["Koulupoliisi", "Poliisi", "", ""]),
            kind="pdf",
        )
    )
    assert tree(reading.data) == [
        ("1", "Osallisuus", [("1", "Lapset vaikuttavat"), ("2", long_title)]),
    ]
    assert actions(reading.data) == [
        ("1.1", "Nuorisovaltuusto"),
        ("1.2", "Ankkuritoiminta"),
        ("1.2", "Koulupoliisi"),
    ]


def test_subgoals_repeated_under_each_goal_do_not_make_the_goals_organisations():
    blocks = [*cover()]
    for goal, title in (("1", "Osallisuus"), ("2", "Turvallisuus")):
        blocks.append(heading(f"{goal} {title}", 1))
        for sub, area in (("1", "Varhaiskasvatus"), ("2", "Perusopetus")):
            blocks.append(heading(f"{goal}.{sub} {area}", 2))
            blocks.append(table(SUBGOAL_HEADER, [f"{title}: {area}", "Sivistys", "", ""]))
    data = read_document(document(*blocks)).data
    assert tree(data) == [
        ("1", "Osallisuus", [("1", "Varhaiskasvatus"), ("2", "Perusopetus")]),
        ("2", "Turvallisuus", [("1", "Varhaiskasvatus"), ("2", "Perusopetus")]),
    ]
    assert [o.name for o in data.organisations] == ["Kotkan kaupunki"]


def test_headings_naming_organisations_over_the_same_goals_are_the_organisations():
    blocks = [heading("Kymenlaakson lasten ja nuorten hyvinvointisuunnitelma 2024–2026")]
    for number, name in (("1", "Kotkan kaupunki"), ("2", "Haminan kaupunki")):
        blocks.append(heading(f"{number} {name}", 1))
        blocks.append(heading(f"{number}.1 Osallisuus", 2))
        blocks.append(table(SUBGOAL_HEADER, [f"{name}: raadit", "", "", ""]))
        blocks.append(heading(f"{number}.2 Turvallisuus", 2))
        blocks.append(table(SUBGOAL_HEADER, [f"{name}: koulutiet", "", "", ""]))
    data = read_document(document(*blocks)).data
    assert tree(data) == [
        ("1", "Osallisuus", [("1", "Osallisuus")]),
        ("2", "Turvallisuus", [("1", "Turvallisuus")]),
    ]
    assert [(a.organisation, a.subgoals[0]) for a in data.actions] == [
        ("Kotkan kaupunki", "1.1"),
        ("Kotkan kaupunki", "2.1"),
        ("Haminan kaupunki", "1.1"),
        ("Haminan kaupunki", "2.1"),
    ]


def test_title_row_above_a_tables_header_is_a_heading_above_the_table():
    def titled(title: str, action: str) -> Block:
        return table([title, LEFT, LEFT, LEFT], SUBGOAL_HEADER, [action, "Nuoriso", "", ""])

    reading = read_document(
        document(
            *cover(),
            heading("1. Osallisuus", 2),
            titled("Lapset vaikuttavat", "Nuorisovaltuusto"),
            titled("Perheet mukana", "Perhekahvilat"),
            heading("2. Turvallisuus", 2),
            titled("2.1 Turvallinen koulutie", "Suojatiet"),
        )
    )
    assert tree(reading.data) == [
        ("1", "Osallisuus", [("1", "Lapset vaikuttavat"), ("2", "Perheet mukana")]),
        ("2", "Turvallisuus", [("1", "Turvallinen koulutie")]),
    ]


def test_a_sheet_per_priority_gives_the_goals_by_the_sheets_names():
    reading = read_document(
        document(
            table(["Tavoite", "Toimenpide"], ["Lapset vaikuttavat", "Raadit"], name="1 Osallisuus"),
            table(["Tavoite", "Toimenpide"], ["Koulutie", "Suojatiet"], name="2 Turvallisuus"),
            table(["Nimi", "Puhelin"], ["Liisa", "040 123"], name="Yhteystiedot"),
            kind="xlsx",
            source="Kotkan suunnitelma 2024-2026.xlsx",
        ),
        Choices(details=PlanDetails(name="Kotkan suunnitelma", organisations=["Kotkan kaupunki"])),
    )
    assert tree(reading.data) == [
        ("1", "Osallisuus", [("1", "Lapset vaikuttavat")]),
        ("2", "Turvallisuus", [("1", "Koulutie")]),
    ]


def test_sheet_named_by_excel_or_alone_is_no_goal():
    reading = read_document(
        document(
            table(["Tavoite", "Toimenpide"], ["Lapset vaikuttavat", "Raadit"], name="Taul1"),
            kind="xlsx",
            source="Kotkan suunnitelma 2024-2026.xlsx",
        ),
        Choices(details=PlanDetails(name="Kotkan suunnitelma", organisations=["Kotkan kaupunki"])),
    )
    assert tree(reading.data) == [("1", "Lapset vaikuttavat", [("1", "Lapset vaikuttavat")])]


def test_a_row_across_the_table_is_a_goal_heading_inside_it():
    reading = read_document(
        document(
            *cover(),
            table(
                ["Tavoite", "Toimenpide", "Vastuutaho"],
                ["1. Osallisuus", LEFT, LEFT],
                ["Lapset vaikuttavat", "Nuorisovaltuusto", "Nuoriso"],
                ["", "Oppilaskunnat", "Koulut"],
                ["2. Turvallisuus", LEFT, LEFT],
                ["Koulutie", "Suojatiet", "Tekninen toimi"],
            ),
        )
    )
    assert tree(reading.data) == [
        ("1", "Osallisuus", [("1", "Lapset vaikuttavat")]),
        ("2", "Turvallisuus", [("1", "Koulutie")]),
    ]
    assert actions(reading.data) == [
        ("1.1", "Nuorisovaltuusto"),
        ("1.1", "Oppilaskunnat"),
        ("2.1", "Suojatiet"),
    ]


def test_goal_cell_first_paragraph_is_the_title_and_the_rest_its_description():
    reading = read_document(
        document(
            *cover(),
            table(
                ["Painopiste", "Tavoite", "Toimenpide"],
                [
                    cell("Osallisuus", "Lapset ja nuoret pääsevät vaikuttamaan."),
                    cell("Lasten ja nuorten", "arvostaminen"),
                    "Raadit",
                ],
            ),
        )
    )
    (goal,) = reading.data.goals
    assert (goal.title, goal.description) == (
        "Osallisuus",
        "Lapset ja nuoret pääsevät vaikuttamaan.",
    )
    assert [(s.title, s.description) for s in goal.subgoals] == [
        ("Lasten ja nuorten arvostaminen", "")
    ]


def test_a_short_cell_is_not_joined_to_the_row_before_it():
    reading = read_document(
        document(
            *cover(),
            table(
                ["Tavoite", "Toimenpide", "Vastuutaho", "Aikataulu"],
                ["Lapset liikkuvat", "Liikkuva koulu", "Rehtorit", "2024 alkaen"],
                [UP, "Uimakoulu", "opettajat", "kesä 2025"],
            ),
        )
    )
    assert [(a.description, a.responsible, a.schedule) for a in reading.data.actions] == [
        ("Liikkuva koulu", "Rehtorit", "2024 alkaen"),
        ("Uimakoulu", "opettajat", "kesä 2025"),
    ]


def test_the_files_name_names_a_plan_without_a_title():
    reading = read_document(
        document(
            table(["Tavoite", "Toimenpide"], ["Lapset liikkuvat", "Uimakoulu"], name="Taul1"),
            kind="xlsx",
            source="Haminan kaupungin hyvinvointisuunnitelma 2024-2027.xlsx",
        )
    )
    assert (reading.guesses.name, reading.guesses.organisations) == (
        "Haminan kaupungin hyvinvointisuunnitelma 2024-2027",
        ["Haminan kaupunki"],
    )
    assert (reading.data.period_start, reading.data.period_end) == (2024, 2027)


def test_cells_longer_than_their_fields_are_kept_whole_not_refused():
    long_goal = "Lapset ja nuoret voivat hyvin " * 30  # 900 characters
    long_schedule = "Vuodesta 2024 alkaen joka lukukausi " * 20  # 720 characters
    reading = read_document(
        document(
            *cover(),
            table(
                ["Tavoite", "Toimenpide", "Aikataulu"],
                [long_goal.strip(), "Kerhot", long_schedule.strip()],
            ),
        )
    )
    assert reading.problems == []
    (goal,) = reading.data.goals
    assert len(goal.title) <= 500 and goal.title.endswith("…")
    assert goal.description.startswith(long_goal.strip())
    (action,) = reading.data.actions
    assert len(action.schedule) <= 500
    assert action.notes == f"Aikataulu: {long_schedule.strip()}"
    assert action.start_date.year == 2024


def test_a_number_written_again_for_another_goal_is_a_goal_of_its_own(in_english):
    reading = read_document(
        document(
            *cover(),
            table(
                ["Painopiste", "Tavoite", "Toimenpide"], ["1. Osallisuus", "1. Lapset", "Raadit"]
            ),
            table(
                ["Painopiste", "Tavoite", "Toimenpide"], ["1 Osallisuus.", "2. Nuoret", "Kerhot"]
            ),
            heading("Liite", 1),
            table(
                ["Painopiste", "Tavoite", "Toimenpide"],
                ["1. Turvallisuus", "1. Koulutie", "Suojatiet"],
            ),
        )
    )
    data = reading.data
    assert tree(data) == [
        ("1", "Osallisuus", [("1", "Lapset"), ("2", "Nuoret")]),
        ("2", "Turvallisuus", [("1", "Koulutie")]),
    ]
    assert any("numbered anew" in line for line in data.report)


def test_organisations_headings_over_their_own_full_tables_are_the_organisations():
    header = ["Painopiste", "Tavoite", "Toimenpide"]
    reading = read_document(
        document(
            heading("Kymenlaakson lasten ja nuorten hyvinvointisuunnitelma 2024–2026"),
            heading("Kotkan kaupunki", 1),
            table(header, ["Osallisuus", "Lapset vaikuttavat", "Raadit"]),
            heading("MLL:n Kaakkois-Suomen piiri ry", 1),
            table(header, ["Osallisuus", "Lapset vaikuttavat", "Kerhot"]),
        )
    )
    data = reading.data
    assert tree(data) == [("1", "Osallisuus", [("1", "Lapset vaikuttavat")])]
    assert [(a.organisation, a.description) for a in data.actions] == [
        ("Kotkan kaupunki", "Raadit"),
        ("MLL:n Kaakkois-Suomen piiri ry", "Kerhot"),
    ]


def test_a_metric_cell_saying_kts_ed_repeats_the_previous_rows_metrics():
    reading = read_document(
        document(
            *cover(),
            table(
                ["Tavoite", "Toimenpide", "Mittari"],
                ["Lapset voivat hyvin", "Kerhot", cell("Kävijät", "Palaute")],
                ["", "Leirit", "Kts. ed."],
            ),
        )
    )
    assert [[m.text for m in a.metrics] for a in reading.data.actions] == [
        ["Kävijät", "Palaute"],
        ["Kävijät", "Palaute"],
    ]


def test_organisations_named_only_in_the_table_of_contents_own_the_sections_in_order():
    """Seed 003: each organisation's tables start again from sub-goal I.1; the names are
    only in the table of contents."""
    sections = []
    for actions in (
        ["Kuullaan lapsia", "Perheryhmät", "Kohtaamispaikat"],
        ["Raadit", "Kuullaan lapsia", "Kerhot"],
    ):
        section = organisation_section("", "", actions)[1:]  # without its heading
        sections += section
    reading = read_document(
        document(
            heading("Kymenlaakson lasten ja nuorten hyvinvointisuunnitelma 2020–2024"),
            para("1 Seurattavat indikaattorit\t3"),
            para("2 Toimenpiteet\t10"),
            para("2.1 Kymsote.....11"),
            para("2.2 Haminan kaupunki.....17"),
            heading("2 Toimenpiteet", 1),
            *sections,
        )
    )
    data = reading.data
    assert [(a.organisation, a.subgoals, a.description) for a in data.actions] == [
        ("Kymsote", ["I.1"], "Kuullaan lapsia"),
        ("Kymsote", ["I.2"], "Perheryhmät"),
        ("Kymsote", ["II.1"], "Kohtaamispaikat"),
        ("Haminan kaupunki", ["I.1"], "Raadit"),
        ("Haminan kaupunki", ["I.2"], "Kuullaan lapsia"),
        ("Haminan kaupunki", ["II.1"], "Kerhot"),
    ]
    assert [o.name for o in data.organisations] == ["Kymsote", "Haminan kaupunki"]


def test_a_title_broken_over_lines_and_one_with_its_period_name_the_plan():
    reading = read_document(
        document(
            para("Kymenlaakson maakunnallinen"),
            para("lasten ja nuorten hyvinvointisuunnitelma"),
            para("2020-2024"),
            para("Kymenlaakson maakunnallinen lasten ja nuorten hyvinvointisuunnitelma 2020–2024"),
            table(["Tavoite", "Toimenpide"], ["Lapset voivat hyvin", "Kerhot"]),
        )
    )
    assert reading.guesses.name == (
        "Kymenlaakson maakunnallinen lasten ja nuorten hyvinvointisuunnitelma 2020–2024"
    )
    broken = read_document(
        document(
            para("Kymenlaakson maakunnallinen"),
            para("lasten ja nuorten hyvinvointisuunnitelma"),
            table(["Tavoite", "Toimenpide"], ["Lapset voivat hyvin", "Kerhot"]),
        )
    )
    assert (
        broken.guesses.name
        == "Kymenlaakson maakunnallinen lasten ja nuorten hyvinvointisuunnitelma"
    )

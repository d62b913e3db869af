"""The general reader's column roles: header rows as real plan documents have them."""

import pytest
from django.utils import translation

from lanu.importers.general.columns import (
    apply,
    describe_refusal,
    find,
    find_all,
    organisation_like,
)
from lanu.importers.general.document import Cell, Paragraph, Table, paragraphs_of
from lanu.importers.general.vocabulary import (
    heading_level_word,
    level_of,
    plain,
    role_of,
)


def cell(text: str, merged: str = "") -> Cell:
    return Cell(paragraphs_of(text), merged)


def table(*rows: list, number: int = 1, name: str = "") -> Table:
    """A table from rows of texts (or Cells), as a file reader would give it."""
    return Table(
        number,
        [[value if isinstance(value, Cell) else cell(value) for value in row] for row in rows],
        name,
    )


def roles(found) -> list[str]:
    return [column.role for column in found.columns]


ACTION_ROW = ["Lasten arki", "Perhekeskus laajenee", "Perhekeskus", "2024", "Kävijämäärä"]


@pytest.mark.parametrize(
    "headers, expected",
    [
        # seed 002, Espoo: principle, goal, action, metric
        (
            ["Periaate", "Tavoite", "Toimenpide", "Mittari"],
            ["goal", "subgoal", "action", "metrics"],
        ),
        # seed 004, Länsi-Uusimaa: the goal column is the only level
        (
            ["Tavoitteet", "Toimenpiteet", "Vastuutaho", "Mittarit"],
            ["goal", "action", "responsible", "metrics"],
        ),
        (
            ["MÅL", "åtgärder", "Ansvarig", "Mätare"],
            ["goal", "action", "responsible", "metrics"],
        ),
        (
            ["Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Mittarit"],
            ["goal", "subgoal", "action", "responsible", "metrics"],
        ),
        (
            ["Fokusområde", "Mål", "Åtgärd", "Ansvarig", "Mätare"],
            ["goal", "subgoal", "action", "responsible", "metrics"],
        ),
        (
            ["Toimenpide", "Vastuutaho", "Aikataulu", "Mittari"],
            ["action", "responsible", "schedule", "metrics"],
        ),
        (
            ["Priority area", "Objective", "Action", "Responsible", "Timeline", "Indicator"],
            ["goal", "subgoal", "action", "responsible", "schedule", "metrics"],
        ),
        # slashes, "(t)", questions, upper case
        (
            ["TAVOITE", "Toimenpiteet / keinot", "Vastuutaho(t)", "Mittari / toteutuminen"],
            ["goal", "action", "responsible", "metrics"],
        ),
        (
            ["Mihin pyritään?", "Mitä tehdään? (toimenpide)", "Milloin?", "Seurantamittari"],
            ["other", "action", "schedule", "metrics"],
        ),
        # the inner level written first still ranks inside the outer one
        (
            ["Välitavoite", "Päätavoite", "Toimenpide"],
            ["subgoal", "goal", "action"],
        ),
        (
            ["Teema", "Tavoite", "Osatavoite", "Toimenpide", "Resurssit", "Yhteistyötahot"],
            ["goal", "subgoal", "subgoal2", "action", "resources", "partners"],
        ),
        (
            ["Delmål", "Insats", "Tidplan", "Uppföljning", "Status", "Kommentar"],
            ["goal", "action", "schedule", "monitoring", "status", "other"],
        ),
    ],
)
def test_find_gives_each_column_its_role(headers, expected):
    found = find(table(headers, ACTION_ROW[: len(headers)] + [""] * (len(headers) - 5)))
    assert found.header_row == 0
    assert found.body_row == 1
    assert roles(found) == expected
    assert found.is_action_table
    assert found.headers == headers


def seed_003_table() -> Table:
    """Seed 003: six columns, and a row of questions under the header."""
    return table(
        [
            "välitavoite",
            "toimenpide",
            "mittari / toteutuminen",
            "aikataulu",
            "toimija(t) / toteuttaja(t)",
            "seuranta / arviointi / ohjaus",
        ],
        [
            "Missä on onnistuttava?",
            "Mitä ja miten se tehdään?",
            "Miten mitataan onnistuminen?",
            "Milloin",
            "Kuka / ketkä?",
            "Esim. Resurssin käyttö, muita huomioita?",
        ],
        [
            "1 Lasten ja nuorten arvostaminen",
            "- Lapsen mielipiteen kuuleminen\n- Kirjauksissa lapsen tilanne keskiössä",
            "- Asiakaspalaute",
            "2020 alkaen",
            "Varhaiskasvatuksen ja perusopetuksen henkilöstö\nNuorisotoimi",
            "Vuosittain",
        ],
        [
            "2 Vanhemmuuden tukeminen",
            "Kuullaan vanhempien tarpeet",
            "-",
            "Pysyvää toimintaa",
            "Seurakuntien työntekijät yhdessä vapaaehtoisten tai muiden toimijoiden kanssa",
            "",
        ],
    )


def test_find_skips_the_row_describing_the_columns():
    found = find(seed_003_table())
    assert (found.header_row, found.body_row) == (0, 2)
    # the "toimija(t)" column holds units and people, not organisations
    assert roles(found) == [
        "goal",
        "action",
        "metrics",
        "schedule",
        "responsible",
        "monitoring",
    ]


def test_find_takes_the_header_under_a_title_merged_across():
    title = "Painopiste 1: Lasten ja nuorten hyvinvointi"
    found = find(
        table(
            [title, cell("", "left"), cell("", "left"), cell("", "left")],
            ["Tavoite", "Toimenpide", "Vastuutaho", "Aikataulu"],
            ["Arki sujuu", "Perhekeskus laajenee", "Perhekeskus", "2025"],
        )
    )
    assert (found.header_row, found.body_row) == (1, 2)
    assert roles(found) == ["goal", "action", "responsible", "schedule"]


def test_toteuttaja_with_organisation_values_is_the_organisation():
    found = find(
        table(
            ["Tavoite", "Toimenpide", "Toteuttaja", "Aikataulu", "Mittari"],
            ["Arki sujuu", "Perhekahvila", "Kouvolan kaupunki", "2024", "Kävijät"],
            [cell("", "up"), "Läksykerho", "Kouvolan kaupunki", "2025", "Osallistujat"],
            ["Osallisuus", "Nuorisovaltuusto", "Kymenlaakson hyvinvointialue", "2024", "Kokoukset"],
            [cell("", "up"), "Perheleiri", "Kotkan seurakuntayhtymä", "2026", "Leirit"],
            [cell("", "up"), "Vertaisryhmä", "MLL:n Kaakkois-Suomen piiri ry", "2024", "Ryhmät"],
        )
    )
    assert roles(found) == ["goal", "action", "organisation", "schedule", "metrics"]


def test_toteuttaja_with_units_is_the_responsible_party():
    found = find(
        table(
            ["Tavoite", "Toimenpide", "Toteuttaja", "Aikataulu", "Mittari"],
            ["Arki sujuu", "Perhekahvila", "Perhekeskuksen ohjaajat", "2024", "Kävijät"],
            ["Osallisuus", "Nuorisovaltuusto", "Nuorisotoimi", "2024", "Kokoukset"],
        )
    )
    assert roles(found)[2] == "responsible"


def test_a_separate_organisation_column_keeps_vastuutaho_responsible():
    found = find(
        table(
            ["Organisaatio", "Toimenpide", "Vastuutaho"],
            ["Hangon kaupunki", "Perhekahvila", "Raaseporin kaupunki"],
            ["Hangon kaupunki", "Kerho", "Raaseporin kaupunki"],
        )
    )
    assert roles(found) == ["organisation", "action", "responsible"]


def test_the_first_of_two_organisation_like_columns_is_the_organisation():
    found = find(
        table(
            ["Toimenpide", "Toimija", "Vastuutaho"],
            ["Perhekahvila", "Borgå stad", "Kyrkslätts kommun"],
            ["Kerho", "Borgå stad", "Kyrkslätts kommun"],
        )
    )
    assert roles(found) == ["action", "organisation", "responsible"]


@pytest.mark.parametrize(
    "values",
    [
        ["Kouvolan kaupunki", "Haminan kaupunki", "Kymenlaakson hyvinvointialue"],
        ["Pyhtään kunta", "-", "", "Kotkan seurakuntayhtymä", "Kaakkois-Suomen poliisi"],
        ["MLL", "HVA", "Kymsote", "MLL", "HVA", "MLL"],
        ["Borgå stad", "Ingå kommun", "Ekenäs församling"],
        ["Västra Nylands välfärdsområde", "Västra Nylands välfärdsområde", "Folkhälsan rf"],
        ["Kymsote", "Kymsote", "Kymsote", "Kouvolan kaupunki"],
    ],
)
def test_organisation_like_recognises_organisation_names(values):
    assert organisation_like(values)


@pytest.mark.parametrize(
    "values",
    [
        [],
        ["-", ""],
        ["Perhekeskus", "Nuorisotoimi", "Varhaiskasvatus"],
        ["Vastuutahot tarkentuvat", "Vastuutahot tarkentuvat", "Vastuutahot tarkentuvat"],
        [
            "Seurakuntien työntekijät yhdessä vapaaehtoisten tai muiden toimijoiden kanssa",
            "Varhaiskasvatuksen ja perusopetuksen henkilöstö Kymsote",
            "Kouvolan kaupunki",
        ],
        ["Kouvolan kaupunki\nsivistystoimi", "Kotkan kaupunki\nnuorisopalvelut"],
        ["Skolkurator", "Ungdomsarbetare", "Hälsovårdare", "Skolkurator"],
        ["Rektor och lärare i varje skola", "Stadens ungdomsarbetare och föreningar i samarbete"],
        # the organisation word is a modifier, not the name's head
        ["Kaupungin eri toimijat", "Kaupungin eri toimijat", "Kunnan nuorisotoimi"],
        ["Stadens fritidsgårdar", "Kommunens skolkuratorer"],
        ["EET-ryhmä, sosiaalitoimi", "EET-ryhmä, sosiaalitoimi", "HVA:n perhekeskus"],
    ],
)
def test_organisation_like_refuses_units_people_and_descriptions(values):
    assert not organisation_like(values)


@pytest.mark.parametrize(
    "rows",
    [
        # an indicator table: one known word among place names
        (
            ["Indikaattori", "Kymenlaakso", "Koko maa"],
            ["Koulukiusattuna vähintään kerran viikossa", "7,1", "6,7"],
        ),
        # a contact table
        (["Nimi", "Puhelin"], ["Maija Meikäläinen", "040 123 4567"]),
        # a layout table on the cover
        (["Kymenlaakson lasten ja nuorten hyvinvointisuunnitelma 2020–2024"],),
    ],
)
def test_tables_of_other_kinds_are_not_action_tables(rows):
    found = find(table(*rows))
    assert found.header_row == -1
    assert not found.is_action_table
    assert all(column.role == "" for column in found.columns)
    assert found.headers == rows[0]


def test_signature_is_the_same_for_the_same_layout_next_year():
    this_year = find(table(["Tavoite", "Toimenpide", "Vastuutaho(t)"], ["a", "b", "c"]))
    next_year = find(table(["TAVOITE ", "Toimenpide", "Vastuutaho (t)"], ["d", "e", "f"]))
    other = find(table(["Tavoite", "Toimenpide", "Mittari"], ["a", "b", "c"]))
    assert this_year.signature == next_year.signature
    assert this_year.signature != other.signature


def test_apply_sets_the_chosen_roles():
    found = find(table(["Tavoite", "Mitä tehdään", "Vastuutaho"], ["a", "b", "c"]))
    assert not found.is_action_table
    chosen = apply(found, ["", "action", "responsible"])
    assert roles(chosen) == ["goal", "action", "responsible"]
    assert [column.chosen for column in chosen.columns] == [False, True, True]
    assert chosen.is_action_table


def test_apply_gives_an_unrecognised_table_its_first_row_as_header():
    found = find(table(["Kohde", "Teko"], ["Lapset", "Kerho"]))
    chosen = apply(found, ["goal", "action"])
    assert (chosen.header_row, chosen.body_row) == (0, 1)
    assert chosen.is_action_table


@pytest.mark.parametrize(
    "given, message",
    [
        (["goal", "deed"], "deed"),
        (["goal"], "2"),
        (["action", "action"], "action"),
    ],
)
def test_apply_rejects_roles_it_cannot_use(given, message):
    found = find(table(["Kohde", "Teko"], ["Lapset", "Kerho"]))
    with translation.override("en"), pytest.raises(ValueError, match=message):
        apply(found, given)


def refused_tables() -> list:
    return [
        find(table(["Indikaattori", "Kymenlaakso", "Koko maa"], ["a", "1", "2"], number=1)),
        find(table(["Tavoite", "Mitä tehdään", "Vastuutaho"], ["a", "b", "c"], number=2)),
    ]


def test_describe_refusal_names_the_headers_found_and_what_to_do():
    with translation.override("en"):
        text = describe_refusal(refused_tables())
    assert text.startswith("2 tables; headers: ")
    assert "table 1: Indikaattori / Kymenlaakso / Koko maa" in text
    assert "table 2: Tavoite / Mitä tehdään / Vastuutaho" in text
    assert "none has a column for the actions" in text
    assert "“Toimenpide”" in text and "template" in text


def test_describe_refusal_speaks_finnish_and_swedish():
    with translation.override("fi"):
        finnish = describe_refusal(refused_tables())
    with translation.override("sv"):
        swedish = describe_refusal(refused_tables())
    assert "2 taulukkoa" in finnish and "Koko maa" in finnish
    assert "2 tabeller" in swedish and "Koko maa" in swedish


def test_describe_refusal_without_tables():
    with translation.override("en"):
        assert "no tables" in describe_refusal([])


@pytest.mark.parametrize(
    "header, role, level",
    [
        ("Painopistealue", "goal", 1),
        ("Kehittämiskohde", "goal", 2),
        ("Huvudmål", "goal", 1),
        ("Sub-goal", "goal", 3),
        ("Keinot", "action", 0),
        ("Vastuuhenkilöt", "responsible", 0),
        ("Ansvarssektor", "responsible", 0),
        ("Aikajänne", "schedule", 0),
        ("Ajankohta", "schedule", 0),
        ("Arviointikriteerit", "metrics", 0),
        ("Measure of success", "metrics", 0),
        ("Seuranta ja arviointi", "monitoring", 0),
        ("Kustannukset", "resources", 0),
        ("Samarbetspartner", "partners", 0),
        ("Tilanne", "status", 0),
        # a noun phrase's last word is its head
        ("Toimenpiteen vastuutaho", "responsible", 0),
        ("Tavoitteen mittari", "metrics", 0),
        ("Toimenpiteiden eteneminen", "status", 0),
        ("Action owner", "responsible", 0),
        ("Ansvarig aktör", "organisation", 0),
        # alternatives: the first with a known word
        ("Toimenpiteet ja keinot", "action", 0),
        ("Arviointi ja seuranta", "monitoring", 0),
        ("Mittari – toteutuminen", "metrics", 0),
        # a word broken over two lines of a narrow cell, a soft hyphen
        ("Vastuu-\ntaho", "responsible", 0),
        ("Toimen\u00adpiteet", "action", 0),
        ("Huomioita", "other", 0),
        ("Muut toimijat", "partners", 0),
        ("Pääteema", "goal", 1),
        ("Prioriterat område", "goal", 1),
        ("Övergripande mål", "goal", 2),
        ("Aktiviteter", "action", 0),
        ("Toteutusvuosi", "schedule", 0),
        ("Vuosi", "schedule", 0),
        ("Raportointi", "monitoring", 0),
        ("Lägesbeskrivning", "status", 0),
        ("Target value", "", 0),
        ("Kommentarer", "other", 0),
        ("Toimintamalli", "", 0),  # "malli" is not Swedish "mål"
        ("Tilasto", "", 0),
        ("", "", 0),
    ],
)
def test_role_of_and_level_of(header, role, level):
    assert role_of(header) == role
    assert level_of(header) == level


def test_plain_ignores_case_and_accents():
    assert plain("  MÅL  och Åtgärder ") == "mal och atgarder"
    assert plain("Päätavoite") == "paatavoite"


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "Päätavoite I: Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy",
            ("goal", "I", "Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy"),
        ),
        ("PAINOPISTE 2. Osallisuus vahvistuu", ("goal", "2", "Osallisuus vahvistuu")),
        ("Tavoite 1.3 Turvallinen arki", ("subgoal", "1.3", "Turvallinen arki")),
        ("Mål 3 – Trygg uppväxt", ("subgoal", "3", "Trygg uppväxt")),
        ("Fokusområde 1: Delaktighet", ("goal", "1", "Delaktighet")),
        ("1.3 | PÄÄTAVOITE III:", ("goal", "III", "")),
        ("Tavoite on, että lapset voivat hyvin", None),
        ("Mål i skolan är viktiga", None),
        ("Tavoitteena on lisätä osallisuutta", None),
        ("Lasten ja nuorten arki", None),
    ],
)
def test_heading_level_word(text, expected):
    assert heading_level_word(text) == expected


def test_header_cell_of_several_paragraphs():
    """A header and its explanation in one cell, as Word users write them."""
    header = Cell([Paragraph("Toimenpide"), Paragraph("Mitä ja miten tehdään?")])
    found = find(table(["Tavoite", header, "Mittari"], ["a", "b", "c"]))
    assert roles(found) == ["goal", "action", "metrics"]


def test_a_row_with_a_long_cell_is_data_not_a_header():
    """A table a page break split: its first row is an action, though two of its cells
    use header words."""
    found = find(
        table(
            [
                "Vammaisten lasten, nuorten ja perheiden tarpeiden tunnistaminen ja "
                "palvelujen kohdentaminen tarpeen mukaisesti",
                "Lisätään ammattilaisten osaamista kohdata ja tunnistaa vammaisten lasten "
                "ja heidän perheiden tarpeita",
                "Vastuutahot tarkentuvat",
                "Toteutui/ei toteutunut",
            ],
        )
    )
    assert found.header_row == -1
    assert not found.is_action_table


def test_find_all_decides_a_layout_on_all_its_tables():
    """One plan, one table per goal: the organisation column is decided on every
    table's values, so a table with a single row is read like the others."""
    headers = ["Tavoite", "Toimenpide", "Toteuttaja", "Mittari"]
    tables = [
        table(headers, ["Arki", "Kerho", "Haminan kaupunki", "Kävijät"], number=1),
        table(headers, ["Osallisuus", "Kysely", "Kouvolan kaupunki", "Vastaajat"], number=2),
        table(
            headers,
            ["Yhteistyö", "Verkosto", "Nuorisotyöntekijät", "Tapaamiset"],
            ["", "Koulutus", "Koulukuraattorit", "Koulutetut"],
            ["", "Leiri", "Pyhtään kunta", "Leiriläiset"],
            number=3,
        ),
        table(["Indikaattori", "Kymenlaakso", "Koko maa"], ["Kiusatut", "7", "6"], number=4),
    ]
    assert roles(find(tables[2]))[2] == "responsible"  # alone, two of three are units
    found = find_all(tables)
    assert [roles(f)[2] for f in found[:3]] == ["organisation"] * 3
    assert found[3].header_row == -1
    assert [f.number for f in found] == [1, 2, 3, 4]


def test_find_all_keeps_units_responsible_in_every_table():
    headers = ["välitavoite", "toimenpide", "toimija(t) / toteuttaja(t)"]
    tables = [
        table(headers, ["Arki", "Kerho", "MLL:n Kaakkois-Suomen piiri ry"], number=1),
        table(
            headers,
            ["Osallisuus", "Kysely", "Varhaiskasvatuksen ja perusopetuksen henkilöstö"],
            ["", "Leiri", "Seurakuntien työntekijät yhdessä vapaaehtoisten kanssa"],
            ["", "Ryhmä", "Perhekeskuksen ohjaajat ja terveydenhoitajat yhdessä"],
            number=2,
        ),
    ]
    assert roles(find(tables[0]))[2] == "organisation"  # alone, one row names one
    assert [roles(f)[2] for f in find_all(tables)] == ["responsible", "responsible"]


def test_a_header_merged_over_years_has_a_row_of_years_under_it():
    found = find(
        table(
            ["Toimenpide", "Vastuutaho", "Aikataulu", cell("", "left"), cell("", "left")],
            [cell("", "up"), cell("", "up"), "2024", "2025", "2026"],
            ["Perhekahvila", "Perhekeskus", "x", "x", ""],
        )
    )
    assert (found.header_row, found.body_row) == (0, 2)
    assert found.headers[2:] == ["Aikataulu / 2024", "Aikataulu / 2025", "Aikataulu / 2026"]
    # the years' marks are kept in the notes: no column is taken for the schedule text
    assert roles(found) == ["action", "responsible", "other", "other", "other"]


def test_a_header_merged_over_named_columns_names_each():
    found = find(
        table(
            ["Tavoite", cell("", "left"), "Toimenpide", "Vastuu", cell("", "left")],
            ["Päätavoite", "Välitavoite", cell("", "up"), "Taho", "Henkilö"],
            ["Arki", "Lapset", "Perhekahvila", "Nuorisotoimi", "Maija"],
        )
    )
    assert (found.header_row, found.body_row) == (0, 2)
    assert found.headers[3:] == ["Vastuu / Taho", "Vastuu / Henkilö"]
    assert roles(found) == ["goal", "subgoal", "action", "responsible", "responsible"]


def test_a_first_data_row_under_a_merged_header_is_data():
    """The action header merged over a number column and a text column: the first
    action's number and text are not a second header row."""
    found = find(
        table(
            ["Tavoite", "Toimenpide", cell("", "left"), "Mittari"],
            ["", "1.", "Perhekahvila", ""],
            [cell("", "up"), "2.", "Läksykerho", "Kävijät"],
        )
    )
    assert (found.header_row, found.body_row) == (0, 1)
    assert roles(found) == ["goal", "other", "action", "metrics"]


def test_a_role_for_one_column_goes_to_the_first():
    found = find(
        table(
            ["Kunta", "Organisaatio", "Toimenpide", "Toimenpiteen kuvaus"],
            ["Hamina", "Haminan kaupunki", "Kerho", "Viikoittainen kerho"],
        )
    )
    assert roles(found) == ["organisation", "other", "action", "other"]
    assert roles(apply(found, ["", "", "", "metrics"]))[3] == "metrics"  # no role twice


def test_tables_of_one_layout_are_decided_once(monkeypatch):
    """A plan of many small tables (one per sub-goal or per page) costs one decision per
    layout, not one per table over all the tables' values: reading grows linearly."""
    from lanu.importers.general import columns

    calls = []
    decide = columns.guessed_roles
    monkeypatch.setattr(columns, "guessed_roles", lambda *a: calls.append(1) or decide(*a))
    header = ["Tavoite", "Toimenpide", "Toteuttaja", "Aikataulu", "Mittari"]
    tables = [table(header, ACTION_ROW, number=n) for n in range(1, 201)]
    found = find_all(tables)
    assert len(calls) == 1
    assert {tuple(roles(f)) for f in found} == {tuple(roles(found[0]))}


def test_where_a_table_is_reads_in_the_persons_language():
    word_table = Table(3, [], origin="table 3")
    pdf_table = Table(2, [], origin="page 4")
    with translation.override("fi"):
        assert find(word_table).where == "taulukko 3"
        assert find(pdf_table).where == "taulukko 2 (sivu 4)"
    with translation.override("sv"):
        assert find(pdf_table).where == "tabell 2 (sida 4)"

"""One table of the words that end organisations' names: every reader that asks what
an organisation is gets the same answer from it (general/organisation_words.py)."""

import pytest

from lanu.importers.data import PlanData
from lanu.importers.details import apply_details, organisation_in_title, organisation_named
from lanu.importers.general.columns import find, organisation_like
from lanu.importers.general.document import Block, Cell, Document, Paragraph, Table
from lanu.importers.general.organisation_words import ORGANISATION_WORDS
from lanu.importers.general.reading import read_document
from lanu.importers.general.result import PlanDetails
from lanu.importers.org_tables import contents
from lanu.plans.models import Organisation

NAMES_AND_KINDS = [
    ("Kotkan kaupunki", "municipality"),
    ("Pyhtään kunta", "municipality"),
    ("Raseborgs stad", "municipality"),
    ("Ingå kommun", "municipality"),
    ("Raaseporin seurakuntayhtymä", "parish"),
    ("Ekenäs församling", "parish"),
    ("Kymenlaakson hyvinvointialue", "welfare_area"),
    ("Västra Nylands välfärdsområde", "welfare_area"),
    ("MLL:n Kaakkois-Suomen piiri ry", "ngo"),
    ("Folkhälsan rf", "ngo"),
    ("Kymenlaakson ensi- ja turvakotiyhdistys ry", "ngo"),
    ("Kaakkois-Suomen poliisilaitos", "police"),
    ("Kotkan srk", "parish"),
    ("Polisen", "police"),  # Swedish's definite, alone: the plan's own police
]


def cell(text: str) -> Cell:
    return Cell([Paragraph(text)] if text else [])


def table(*rows: list[str], number: int = 1) -> Table:
    return Table(number, [[cell(text) for text in row] for row in rows])


def responsible_table(header: str, values: list[str]) -> Table:
    """An action table whose third column is headed `header` and holds `values`."""
    rows = [["Lapset voivat hyvin", f"Kerho {i}", value] for i, value in enumerate(values)]
    return table(["Tavoite", "Toimenpide", header], *rows)


def plan_document(cover_line: str, *tables: Table) -> Document:
    blocks = [Block(paragraph=Paragraph(cover_line))] if cover_line else []
    blocks.append(Block(paragraph=Paragraph("Hyvinvointisuunnitelma 2024–2026", level=1)))
    blocks += [Block(table=t) for t in tables] or [
        Block(table=table(["Tavoite", "Toimenpide"], ["Lapset voivat hyvin", "Kerhot"]))
    ]
    return Document("plan.docx", "docx", blocks)


@pytest.mark.parametrize("name, kind", NAMES_AND_KINDS)
def test_every_reader_gives_an_organisation_the_same_kind(name, kind):
    # the person names it (the preview, import-plan --organisation): details.py
    data = PlanData(name="Suunnitelma", period_start=2024, period_end=2026)
    given = apply_details(data, PlanDetails(organisations=[name])).organisations
    # the general reader finds it on the cover: cover.py
    on_cover = read_document(plan_document(name)).data.organisations
    # and in a "Toimija" column: columns.py
    in_column = read_document(plan_document("", responsible_table("Toimija", [name, name])))
    # the org-tables seed's table of contents: org_tables/contents.py
    in_contents = contents.organisation(name)
    assert [(o.name, o.kind) for o in given] == [(name, kind)]
    assert [(o.name, o.kind) for o in on_cover] == [(name, kind)]
    assert [column.role for column in in_column.tables[0].columns][2] == "organisation"
    assert [(o.name, o.kind) for o in in_column.data.organisations] == [(name, kind)]
    assert in_contents.kind == kind
    # the priority-table seeds' cover: details.organisation_named
    assert organisation_named(["Lasten ja nuorten hyvinvointisuunnitelma", name]) == name


@pytest.mark.parametrize(
    "title, organisation",
    [
        ("Kotkan kaupungin lasten ja nuorten hyvinvointisuunnitelma", "Kotkan kaupunki"),
        ("Raaseporin seurakuntayhtymän hyvinvointisuunnitelma", "Raaseporin seurakuntayhtymä"),
        ("Västra Nylands välfärdsområdes välfärdsplan", "Västra Nylands välfärdsområde"),
        ("Raseborgs stads välfärdsplan för barn och unga", "Raseborgs stad"),
        ("Kymenlaakson Perusturvakuntayhtymän suunnitelma", "Kymenlaakson perusturvakuntayhtymä"),
        ("Lasten ja nuorten hyvinvointisuunnitelma", ""),
    ],
)
def test_a_titles_genitive_names_the_organisation(title, organisation):
    assert organisation_in_title(title) == organisation


@pytest.mark.parametrize(
    "units",
    [
        ["Liikuntatoimi", "Liikunnanohjaajat", "Nuorisotoimi", "Sivistystoimi", "Opetustoimi"],
        ["Liikuntatoimi", "Liikuntatoimi", "Nuorisotoimi", "Nuorisotoimi", "Liikuntatoimi"],
        ["Ungdomsväsendet", "Bildningssektorn", "Ungdomsväsendet", "Bildningssektorn"],
        ["Nuorisopoliisi", "Nuorisopoliisi", "Koulukuraattori", "Koulukuraattori"],
        ["Kaupunginkirjasto", "Kaupunginkirjasto", "Kaupunginmuseo", "Kaupunginmuseo"],
    ],
)
def test_a_municipalitys_departments_and_people_are_responsible_not_organisations(units):
    assert not organisation_like(units)
    found = find(responsible_table("Toteuttaja", units))
    assert [column.role for column in found.columns] == ["goal", "action", "responsible"]


@pytest.mark.parametrize(
    "names",
    [
        ["Kotkan kaupunki", "Kotkan kaupunki", "Kymenlaakson hyvinvointialue"],
        ["Raseborgs stad", "Raseborgs stad", "Ekenäs församling", "Folkhälsan rf"],
        ["Västra Nylands välfärdsområde", "Kyrkslätts kommun", "Idrottsföreningen"],
        ["Kommunen", "Kommunen", "Välfärdsområdet", "Församlingen"],
    ],
)
def test_organisations_in_a_toteuttaja_column_make_it_the_organisation(names):
    assert organisation_like(names)
    found = find(responsible_table("Toteuttaja", names))
    assert [column.role for column in found.columns] == ["goal", "action", "organisation"]


@pytest.mark.parametrize(
    "credit, owner",
    [
        ("Taitto: Painotalo Oy", "Haminan kaupunki"),
        ("Kulttuuri ja liikunta", "Borgå stad"),  # "liikunta" ends with "kunta"
        ("Barn och unga i kommunen", "Raseborgs stad"),  # a definite after a place
    ],
)
def test_a_cover_line_of_no_plan_owners_kind_is_not_the_plans_organisation(credit, owner):
    blocks = [Block(paragraph=Paragraph(text)) for text in (credit, owner)]
    document = plan_document("")
    document.blocks[:0] = blocks
    assert read_document(document).guesses.organisations == [owner]


def test_every_kind_in_the_table_is_one_the_organisation_model_has():
    assert {row.kind for row in ORGANISATION_WORDS} <= set(Organisation.Kind.values)

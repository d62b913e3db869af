"""python -m lanu import-round: Kymenlaakso's 2023 evaluation (seed 000) as the plan's round."""

import re
from functools import cache

import pytest
from django.core.management import CommandError, call_command

from lanu.followup.models import AddedPriority, FollowUpRound, JointHighlight
from lanu.importers import read_plan
from lanu.importers.evaluation import match_organisation
from lanu.importers.evaluation.organisations import OrganisationRef
from lanu.importers.save import save_plan
from lanu.importers.text import strip_formatting

pytestmark = pytest.mark.django_db

ENSI = "Kymenlaakson ensi- ja turvakotiyhdistys ry"
MLL = "MLL:n Kaakkois-Suomen piiri"
# Counted by hand from seed 000: one per list item or paragraph of "Yhteisen työn nostot";
# the plain cells of II.1–II.3 are lines run together (a capital after a lower-case word).
HIGHLIGHTS = {
    "I.1": 3,
    "I.2": 7,
    "I.3": 4,
    "I.4": 3,
    "I.5": 6,
    "I.6": 1,
    "I.7": 1,
    "II.1": 3,
    "II.2": 2,
    "II.3": 3,
    "II.4": 1,
    "II.6": 3,
    "III.1": 6,
    "III.2": 2,
    "III.3": 1,
}


@cache
def plan_003(path):
    return read_plan(path)


@pytest.fixture
def kymenlaakso(seed_path):
    return save_plan(plan_003(seed_path("003")), "kymenlaakso")


def import_round(path, *options) -> str:
    from io import StringIO

    out = StringIO()
    call_command("import-round", str(path), "--plan", "kymenlaakso", *options, stdout=out)
    return out.getvalue()


@pytest.fixture
def imported(kymenlaakso, seed_path, in_english):
    output = import_round(seed_path("000"), "--year", "2023")
    return FollowUpRound.objects.get(plan=kymenlaakso, year=2023), output


def priorities(round_, key: str) -> list[tuple[str | None, str, str]]:
    """(organisation name, prefix, text) of the sub-goal's added priorities, in order."""
    found = AddedPriority.objects.filter(round=round_).select_related("subgoal__goal")
    return [
        (p.organisation.name if p.organisation else None, p.prefix, p.text)
        for p in found.select_related("organisation")
        if p.subgoal.key == key
    ]


def test_import_round_creates_the_closed_2023_round_with_its_highlights(imported):
    round_, _output = imported
    assert round_.is_closed and round_.closed_at and round_.imported
    counts = {}
    for highlight in JointHighlight.objects.filter(round=round_).select_related("subgoal__goal"):
        counts[highlight.subgoal.key] = counts.get(highlight.subgoal.key, 0) + 1
    assert counts == HIGHLIGHTS
    assert sum(counts.values()) == 46
    texts = list(round_.highlights.values_list("text", flat=True))
    assert "Enjaks.fi verkkopalvelu käytössä" in texts
    assert "Perhekeskus – ja kohtaamispaikkakyselyt toteutetaan vuosittain" in texts
    assert round_.plan.status_levels.count() == 5  # the scale the round opened with


def test_added_priorities_go_to_the_organisations_their_prefix_names(imported):
    round_, _output = imported
    first = priorities(round_, "I.1")
    assert first[0][:2] == (ENSI, "Kletu")
    assert first[0][2].startswith("Vaikuttamistyö: lasten ja nuorten äänen")
    assert first[1] == ("Kymsote", "HVA", "palautejärjestelmää kehitetään")
    assert first[2][:2] == (MLL, "MLL")
    misspelt = priorities(round_, "I.3")[0]
    assert misspelt[:2] == (ENSI, "Keltu")
    assert "Lastenvalvojien kanssa tehtävä yhteistyö" in misspelt[2]  # the text goes on
    assert ("Kouvolan kaupunki", "Kouvola") in [p[:2] for p in priorities(round_, "I.2")]
    assert ("Kymsote", "HVA") in [p[:2] for p in priorities(round_, "I.6")]
    assert AddedPriority.objects.filter(round=round_).count() == 49


def test_a_prefix_naming_two_organisations_gives_each_its_priority(imported):
    round_, _output = imported
    shared = [p for p in priorities(round_, "I.5") if p[1] == "Kotka, Hamina"]
    assert shared == [
        ("Kotkan kaupunki", "Kotka, Hamina", "Lapsiystävällinen kunta prosessi käynnissä"),
        ("Haminan kaupunki", "Kotka, Hamina", "Lapsiystävällinen kunta prosessi käynnissä"),
    ]
    both = [p[0] for p in priorities(round_, "I.5") if p[1] == "Kletu/MLL"]
    assert both == [ENSI, MLL]
    in_parentheses = [p[0] for p in priorities(round_, "I.4") if p[1] == "Kotka, Kouvola"]
    assert in_parentheses == ["Kotkan kaupunki", "Kouvolan kaupunki"]


def test_unknown_prefixes_are_kept_as_text_and_reported(imported):
    round_, output = imported
    unknown = AddedPriority.objects.filter(round=round_, organisation=None)
    assert set(unknown.values_list("prefix", flat=True)) == {
        "",
        "Tulsote, hanketuki",
        "Tulsote haketuki",
        "HVA/ Tulsote",
        "HVA, Tulsote/hanketuki",
        "Tulsote/hanketuki",
        "HVA, Tullas, Tulsote/hanketuki",
    }
    tulsote = priorities(round_, "I.4")[1]
    assert tulsote[:2] == (None, "Tulsote, hanketuki")
    assert tulsote[2].startswith("Omaha-ohjelmia, ohjattua omahoitoa")
    assert "No organisation of the plan is called “Tulsote” (lines 63, 64, 87, 97, 98" in output
    assert "No organisation of the plan is called “Tullas” (lines 99)" in output
    assert "Line 79, sub-goal II.3: an added priority names no organisation" in output


def test_the_report_says_the_status_column_is_empty(imported):
    round_, output = imported
    assert "The status column (“Toimenpiteiden eteneminen”) is empty" in output
    assert "Käynnissä, toimenpide toiminnassa ja sitä juurrutetaan" in round_.notes
    assert "I.4 Lasten ja nuorten terveyden edistäminen: 5 added priorities, 3 joint" in output


def test_nothing_in_the_document_is_dropped(imported, seed_path):
    round_, output = imported
    kept = [round_.notes, output]
    kept += [f"{p.prefix} {p.text}" for p in round_.priorities.all()]
    kept += list(round_.highlights.values_list("text", flat=True))
    words = set(re.findall(r"\w+", " ".join(kept).casefold()))
    document = strip_formatting(seed_path("000").read_text(encoding="utf-8"))
    missing = set(re.findall(r"\w+", document.casefold())) - words
    assert missing == set()


def test_a_second_import_of_the_year_is_refused_and_changes_nothing(imported, seed_path):
    round_, _output = imported
    counts = (AddedPriority.objects.count(), JointHighlight.objects.count(), round_.notes)
    with pytest.raises(CommandError, match="has a follow-up round for 2023 already"):
        import_round(seed_path("000"), "--year", "2023")
    assert FollowUpRound.objects.count() == 1
    round_.refresh_from_db()
    assert (AddedPriority.objects.count(), JointHighlight.objects.count(), round_.notes) == counts


def test_dry_run_reports_and_writes_nothing(kymenlaakso, seed_path, in_english):
    output = import_round(seed_path("000"), "--year", "2023", "--dry-run")
    assert "Round 2023: 49 added priorities, 46 joint highlights." in output
    assert "Dry run: nothing was saved." in output
    assert FollowUpRound.objects.count() == AddedPriority.objects.count() == 0


def refused(path, year="2023") -> str:
    with pytest.raises(CommandError) as error:
        import_round(path, "--year", year)
    assert FollowUpRound.objects.count() == AddedPriority.objects.count() == 0
    assert JointHighlight.objects.count() == 0
    return str(error.value)


def test_an_empty_file_is_refused(kymenlaakso, tmp_path, in_english):
    path = tmp_path / "empty.txt"
    path.write_text("\n \n", encoding="utf-8")
    assert "empty.txt: The file is empty." in refused(path)


def test_a_plan_document_is_refused(kymenlaakso, seed_path, in_english):
    message = refused(seed_path("003"))
    assert ":1: This is not an evaluation document" in message


def test_the_evaluation_of_another_plan_is_refused(seed_path, in_english):
    save_plan(read_plan(seed_path("002")), "kymenlaakso")  # Espoo's plan under that address
    message = refused(seed_path("000"), year="2017")
    assert "000_62f04b49fd02f978.txt:48: The plan has no main goal I." in message
    assert "000_62f04b49fd02f978.txt:52:1: The plan has no sub-goal I.1." in message


def test_a_truncated_table_is_refused_with_its_line(kymenlaakso, seed_path, tmp_path, in_english):
    lines = seed_path("000").read_text(encoding="utf-8").splitlines()
    row = next(n for n, line in enumerate(lines) if line.startswith("<b>6</b>"))
    path = tmp_path / "cut.txt"
    cut = "\t".join(lines[row].split("\t")[:3])[:-20]  # in the middle of the third cell
    path.write_text("\n".join([*lines[:row], cut]), encoding="utf-8")
    message = refused(path)
    assert f"cut.txt:{row + 1}: The file ends in the middle of this row: it has 3 of 4" in message


def test_a_header_without_rows_is_refused(kymenlaakso, seed_path, tmp_path, in_english):
    lines = seed_path("000").read_text(encoding="utf-8").splitlines()
    header = next(n for n, line in enumerate(lines) if line.startswith("välitavoite\t"))
    path = tmp_path / "header.txt"
    path.write_text("\n".join(lines[: header + 2]), encoding="utf-8")
    assert f"header.txt:{header + 1}: The table has a header row but no rows." in refused(path)


def test_a_year_other_than_the_documents_is_refused(kymenlaakso, seed_path, in_english):
    message = refused(seed_path("000"), year="2022")
    assert ":5: The document is the evaluation of 2023, not of 2022." in message


def test_an_unknown_plan_is_refused(seed_path, in_english):
    with pytest.raises(CommandError, match="No plan has the address “kymenlaakso”"):
        import_round(seed_path("000"), "--year", "2023")


ORGANISATIONS = [
    OrganisationRef(1, "Kymsote", aliases=["HVA", "Kymenlaakson hyvinvointialue"]),
    OrganisationRef(2, "Haminan kaupunki"),
    OrganisationRef(3, "Kotkan kaupunki"),
    OrganisationRef(4, "Kouvolan kaupunki"),
    OrganisationRef(5, "Pyhtään kunta"),
    OrganisationRef(6, ENSI),
    OrganisationRef(7, MLL),
    OrganisationRef(8, "Järjestö 2.0"),
]


@pytest.mark.parametrize(
    "written, name",
    [
        ("HVA", "Kymsote"),
        ("hva", "Kymsote"),
        ("Kymenlaakson hyvinvointialue", "Kymsote"),
        ("Kletu", ENSI),
        ("Keltu", ENSI),
        ("MLL", MLL),
        ("Kouvola", "Kouvolan kaupunki"),
        ("Kotka", "Kotkan kaupunki"),
        ("Hamina", "Haminan kaupunki"),
        ("Pyhtää", "Pyhtään kunta"),
        ("Järjestö 2.0", "Järjestö 2.0"),
        ("Kouvolan kaupunki", "Kouvolan kaupunki"),
        ("Tulsote", None),
        ("Kou", None),
        ("", None),
    ],
)
def test_match_organisation(written, name):
    found = match_organisation(written, ORGANISATIONS)
    assert (found.name if found else None) == name


def test_load_demo_imports_the_2023_round_once(capsys):
    call_command("load-demo")
    call_command("load-demo")
    round_ = FollowUpRound.objects.get()
    assert (round_.plan.slug, round_.year, round_.is_closed) == (
        "kymenlaakso-2020-2024",
        2023,
        True,
    )
    assert round_.highlights.count() == 46 and round_.priorities.count() == 49
    assert "kymenlaakso-2020-2024 2023: already there" in capsys.readouterr().out


@pytest.mark.parametrize(
    "text, leading, prefixed",
    [
        (
            "Kletu: Vaikuttamistyö: ääni esiin.  HVA: palaute",
            "",
            [("Kletu", "Vaikuttamistyö: ääni esiin."), ("HVA", "palaute")],
        ),
        (
            "Liikkuva koulu (Kotka, Kouvola) MLL: tukioppilaat",
            "Liikkuva koulu (Kotka, Kouvola)",
            [("MLL", "tukioppilaat")],
        ),
        (
            "HVA/ Tulsote :Maakunnallinen kuuleminen",
            "",
            [("HVA/ Tulsote", "Maakunnallinen kuuleminen")],
        ),
        (
            "alueilla Tulsote haketuki: Varhainen tuki",
            "alueilla",
            [("Tulsote haketuki", "Varhainen tuki")],
        ),
        ("HVA, Tulsote/hanketuki:", "", [("HVA, Tulsote/hanketuki", "")]),
        (
            "polun kehittäminen hva:n, kuntien kanssa",
            "polun kehittäminen hva:n, kuntien kanssa",
            [],
        ),
    ],
)
def test_split_prefixes(text, leading, prefixed):
    from lanu.importers.evaluation.cells import split_prefixes

    assert split_prefixes(text) == (leading, prefixed)

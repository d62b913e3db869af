"""The importer of plans of priorities with goal tables (seed 004, Länsi-Uusimaa 2024-2026)."""

import json
import re

import pytest

from lanu.importers import read_plan
from lanu.importers.save import save_plan
from lanu.plans.export import export_plan
from lanu.plans.models import Plan

pytestmark = pytest.mark.usefixtures("in_english")

# Counted by hand from the seed, one per action paragraph (<p>, or text between two
# spaces), page-break fragments joined to the paragraph they finish:
# priority 1: 4 + 2 + 3 + 2, priority 2: 5 + 2 + 3, priority 3: 2 + 10 + 3,
# priority 4: 1 + 1 + 5 + 3 + 4.
ACTIONS_PER_GOAL = {"1": 11, "2": 10, "3": 15, "4": 14}
HEADER = "Tavoitteet\tToimenpiteet\tVastuutaho\tMittarit"


@pytest.fixture
def seed_lines(seed_path):
    return seed_path("004").read_text(encoding="utf-8").split("\n")


@pytest.fixture
def plan(seed_path):
    return save_plan(read_plan(seed_path("004")))


def write(tmp_path, lines):
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def refusal(import_refused):
    return import_refused


def action(plan, start):
    return plan.actions.get(description__startswith=start)


def strings(value) -> list[str]:
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) else []


def all_text(plan) -> str:
    return "\n".join(strings(export_plan(plan)))


# Reading the seed


@pytest.mark.django_db
def test_plan_header_and_organisation(plan):
    assert plan.name == (
        "Länsi-Uudenmaan hyvinvointialueen lasten ja nuorten hyvinvointisuunnitelma 2024–2026"
    )
    assert (plan.region, plan.period_start, plan.period_end) == ("Länsi-Uusimaa", 2024, 2026)
    assert plan.level_labels == {"goal": "Painopiste", "subgoal": "Tavoite", "action": "Toimenpide"}
    organisation = plan.organisations.get()
    assert organisation.name == "Länsi-Uudenmaan hyvinvointialue"
    assert organisation.kind == "welfare_area"
    assert organisation.aliases == ["LUVN", "Västra Nylands välfärdsområde"]
    assert "23.10.2023" in plan.notes


@pytest.mark.django_db
def test_four_priorities_with_their_introductions(plan):
    goals = list(plan.goals.all())
    assert [goal.number for goal in goals] == ["1", "2", "3", "4"]
    assert (
        goals[1].title == "Vahvistamme lasten, nuorten ja perheiden arkiympäristöjen turvallisuutta"
    )
    assert goals[0].description.startswith("Osallisuus merkitsee mukanaoloa")
    assert goals[1].description.startswith("Turvattomuuden kokemukset heikentävät")
    assert goals[3].description.startswith("Lasten, nuorten ja perheiden hyvinvoinnin turvaaminen")


@pytest.mark.django_db
def test_intro_cut_by_a_page_break_is_one_paragraph_and_footnotes_are_notes(plan):
    goals = list(plan.goals.all())
    assert "mielenterveyspalveluita tuetaan käyttöönottamalla Terapiat" in goals[2].description
    assert "\n\n" not in goals[2].description
    assert goals[0].notes.startswith("[1] 2020 Laurea Otaniemi, opinnäytetyö.")
    assert "<sup>" not in goals[0].notes


@pytest.mark.django_db
def test_fifteen_goals_under_the_priorities(plan):
    counts = [goal.subgoals.count() for goal in plan.goals.all()]
    assert counts == [4, 3, 3, 5]
    subgoal = plan.goals.get(number="2").subgoals.get(number="2")
    assert subgoal.title == (
        "Turvallisuutta uhkaavat riskitekijät otetaan systemaattisesti puheeksi "
        "lapsiperheiden palveluissa"
    )
    assert plan.goals.get(number="1").subgoals.get(number="4").title == (
        "Torjumme lapsiperheköyhyyden riskitekijöitä"
    )


@pytest.mark.django_db
def test_one_action_per_paragraph(plan):
    assert plan.actions.count() == sum(ACTIONS_PER_GOAL.values()) == 50
    for number, count in ACTIONS_PER_GOAL.items():
        assert plan.actions.filter(subgoals__goal__number=number).count() == count


@pytest.mark.django_db
def test_responsible_and_metric_are_the_aligned_paragraphs(plan):
    safe_space = action(plan, "Turvallisen tilan periaatteet otetaan käyttöön")
    assert safe_space.responsible == "Vastuutahot tarkentuvat myöhemmin"
    assert [metric.text for metric in safe_space.metrics.all()] == [
        "Kysely asiakkaille, valitaan tietyt tilat ”oliko tila turvallinen” QR-koodi-idea"
    ]
    assert [s.key for s in safe_space.subgoals.all()] == ["2.1"]


@pytest.mark.django_db
def test_segments_between_two_spaces_are_paragraphs_too(plan):
    button = action(plan, "Pyydä apua-nappi käytössä")
    assert button.responsible == "Kohdennettujen palvelujen palvelulinja"
    assert [metric.text for metric in button.metrics.all()] == ["Toteutui/ei toteutunut"]
    assert action(plan, "Perhepolku: 0-17 lapsille").responsible == (
        "Ehkäisevän ja varhaisen tuen palvelulinja"
    )


@pytest.mark.django_db
def test_a_single_responsible_serves_every_action_of_the_row(plan):
    screening = action(plan, "Väkivaltaseulan järjestelmällinen käyttö")
    talk = action(plan, "Huolen puheeksiotto -menetelmä")
    for item in (screening, talk):
        assert item.responsible == "Ehkäisevän ja varhaisen tuen palvelulinja"
    assert [m.text for m in talk.metrics.all()] == ["Toteutui/ei toteutunut"]


@pytest.mark.django_db
def test_paragraph_cut_by_a_page_break_is_one_action(plan):
    barnahus = action(plan, "THL:n verkkokoulutusmateriaalit")
    assert barnahus.description == (
        "THL:n verkkokoulutusmateriaalit ovat tunnistettuja eri toiminnoissa ja esimerkiksi "
        "Barnahus-mallin käyttöön väkivallan tunnistamiseksi kouluttaudutaan ja hoidon/tuen "
        "malli kuvataan LUVN-alueella."
    )
    assert not plan.actions.filter(description__startswith="käyttöön").exists()
    assert action(plan, "Yhteisövaikuttamisen mallia").description.endswith(
        "hyödynnetään yhteisövaikuttavuusmallin mukaisia toimintaperiaatteita"
    )


@pytest.mark.django_db
def test_metric_cut_by_a_page_break_is_one_metric(plan):
    pilot = action(plan, "Voimaperheet/Huolet Hallintaan -pilotti")
    assert pilot.description.endswith(
        "lisätuen tarve ja siten asiakkuus perheneuvolassa "
        "tai lasten mielenterveyspalveluissa. Voimaperheet-ohjelma "
        "on kohdennettu 5-10v käytöspulmien hoitoon ja 8-13v "
        "tarkoitettu Huolet Hallintaan on ahdistuksen ja "
        "sosiaalisten tilanteiden pelon hoito-ohjelma."
    )
    assert [m.text for m in pilot.metrics.all()] == [
        "Kohdennettuun vanhempainvalmennukseen osallistuvien perheiden lkm ad 30.6.24."
    ]


@pytest.mark.django_db
def test_realised_metrics_are_kept_as_written(plan):
    texts = [m.text for a in plan.actions.all() for m in a.metrics.all()]
    assert texts.count("Toteutui/ei toteutunut") == 13
    assert "Toteutunut/ei toteutunu" in texts


@pytest.mark.django_db
def test_chapters_become_sections(plan):
    sections = [(s.kind, s.title) for s in plan.sections.all()]
    assert sections[:2] == [
        ("introduction", "Johdanto"),
        ("wellbeing", "Nostot hyvinvoinnin tilasta ja palvelutarpeesta"),
    ]
    sources = plan.sections.get(title="Lähteet")
    assert "- Lastensuojelulaki 417/2007 12 pykälä" in sources.body
    assert "vuosille 2024-2026" in plan.sections.get(title="Johdanto").body


@pytest.mark.django_db
def test_no_word_of_the_document_is_lost_and_no_markup_made(plan, seed_lines):
    text = all_text(plan)
    table_header = set(HEADER.split("\t"))
    words = set(re.findall(r"\w+", re.sub(r"</?\w+>", " ", "\n".join(seed_lines))))
    assert sorted(words - table_header - set(re.findall(r"\w+", text))) == []
    assert not re.search(r"</?(p|b|sup)>", text)


def test_report_tells_what_was_joined_and_shared(seed_path):
    report = "\n".join(read_plan(seed_path("004")).report)
    assert "50 actions" in report
    assert "Line 85, cell 2: the first paragraph continues line 83" in report
    assert "Line 105, cell 3: 4 paragraph(s) for 5 actions; each action gets the whole cell." in (
        report
    )


# Bad input


@pytest.mark.django_db
def test_a_table_header_without_rows_is_refused(tmp_path, seed_lines, refusal):
    seed_lines[68:76] = [""] * 8  # the rows of priority 1's table
    assert "plan.txt:68: The table has a header but no rows." in refusal(
        write(tmp_path, seed_lines)
    )
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_a_file_ending_mid_row_is_refused(tmp_path, seed_lines, refusal):
    lines = [*seed_lines[:125], seed_lines[125][:100]]
    message = refusal(write(tmp_path, lines))
    assert "plan.txt:126:2: The row has 2 cells, the table has 4" in message
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_a_file_ending_mid_paragraph_is_refused(tmp_path, seed_lines, refusal):
    message = refusal(write(tmp_path, [*seed_lines[:120], seed_lines[120][:300]]))
    assert "plan.txt:121:2: A paragraph (<p>) of the cell is not finished." in message
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_a_table_before_any_priority_is_refused(tmp_path, seed_lines, refusal):
    seed_lines[20:20] = [HEADER, "Tavoite\tToimenpide\tTaho\tMittari"]
    message = refusal(write(tmp_path, seed_lines))
    assert "plan.txt:21: A table comes before any priority heading" in message
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(tmp_path, seed_lines, refusal):
    seed_lines[68:76] = [""] * 8
    seed_lines[20:20] = [HEADER, "Tavoite\tToimenpide\tTaho\tMittari"]
    message = refusal(write(tmp_path, [*seed_lines[:127], seed_lines[127][:100]]))
    assert "plan.txt:70: The table has a header but no rows." in message
    assert "plan.txt:21: A table comes before" in message
    assert "plan.txt:128:2: The row has 2 cells" in message


# Export and import again


@pytest.mark.django_db
def test_export_imports_back_to_the_same_plan(plan, tmp_path):
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(export_plan(plan), ensure_ascii=False), encoding="utf-8")
    again = save_plan(read_plan(path))
    first, second = export_plan(plan), export_plan(again)
    assert first["plan"].pop("slug") != second["plan"].pop("slug")
    assert first == second

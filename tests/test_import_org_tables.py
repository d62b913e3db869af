"""The org-tables importer: Kymenlaakso plan 2020–2024 part II (seed 003)."""

import json
from datetime import date

import pytest

from lanu.importers import read_plan
from lanu.importers.save import save_plan
from lanu.plans.export import export_plan
from lanu.plans.models import Action

pytestmark = pytest.mark.usefixtures("in_english")

TOC_NAMES = [
    "Kymsote",
    "Haminan kaupunki",
    "Kotkan kaupunki",
    "Kouvolan kaupunki",
    "Miehikkälän ja Virolahden kunnat",
    "Pyhtään kunta",
    "Ev. lut. seurakunnat",
    "Järjestö 2.0",
    "Kymenlaakson ensi- ja turvakotiyhdistys ry",
    "MLL:n Kaakkois-Suomen piiri",
    "Kaakkois-Suomen poliisilaitos, ennalta estävän toiminnan ryhmä",
]
POLICE = TOC_NAMES[-1]


@pytest.fixture
def seed_lines(seed_path):
    return seed_path("003").read_text(encoding="utf-8").split("\n")


@pytest.fixture
def plan(seed_path, db):
    return save_plan(read_plan(seed_path("003")))


def actions_at(plan, organisation, key):
    goal, number = key.split(".")
    return list(
        Action.objects.filter(
            plan=plan,
            organisation__name=organisation,
            subgoals__goal__number=goal,
            subgoals__number=number,
        )
    )


def the_action(plan, organisation, key):
    (action,) = actions_at(plan, organisation, key)
    return action


def keys(action):
    return [subgoal.key for subgoal in action.subgoals.order_by("goal__order", "order")]


@pytest.fixture
def refused(tmp_path, import_refused):
    def refused(lines) -> str:
        path = tmp_path / "003_cut.txt"
        path.write_text("\n".join(lines), encoding="utf-8")
        return import_refused(path)

    return refused


# -- the seed


def test_plan_head(plan):
    assert (
        plan.name
        == "Kymenlaakson maakunnallinen lasten ja nuorten hyvinvointisuunnitelma 2020–2024"
    )
    assert (plan.region, plan.period_start, plan.period_end) == ("Kymenlaakso", 2020, 2024)
    assert plan.level_labels == {
        "goal": "Päätavoite",
        "subgoal": "Välitavoite",
        "action": "Toimenpide",
    }


def test_organisations_come_from_the_table_of_contents_in_order(plan):
    names = [p.organisation.name for p in plan.participations.select_related("organisation")]
    assert names == TOC_NAMES


def test_organisation_kinds_and_aliases(plan):
    kinds = {p.organisation.name: p.organisation.kind for p in plan.participations.all()}
    assert kinds["Kymsote"] == "welfare_area"
    assert kinds["Pyhtään kunta"] == kinds["Haminan kaupunki"] == "municipality"
    assert kinds["Ev. lut. seurakunnat"] == "parish"
    assert kinds["Järjestö 2.0"] == kinds["MLL:n Kaakkois-Suomen piiri"] == "ngo"
    assert kinds[POLICE] == "police"
    kymsote = plan.organisations.get(name="Kymsote")
    assert kymsote.aliases == ["HVA", "Kymenlaakson hyvinvointialue"]


def test_goals_and_subgoals(plan):
    goals = list(plan.goals.all())
    assert [goal.number for goal in goals] == ["I", "II", "III"]
    assert [goal.subgoals.count() for goal in goals] == [7, 6, 3]
    assert goals[2].title.endswith("monialainen verkostotyö kehittyy ja jalkautuu")
    assert goals[0].subgoals.get(number="7").title == "Turvallinen elinympäristö"


def test_every_organisation_has_actions(plan):
    counts = [plan.actions.filter(organisation__name=name).count() for name in TOC_NAMES]
    assert counts == [16, 11, 14, 16, 16, 16, 16, 16, 10, 16, 13]


def test_see_previous_links_the_previous_action(plan):
    action = the_action(plan, "Haminan kaupunki", "I.5")
    assert keys(action) == ["I.5", "I.6"]
    assert action.description.startswith("Järjestetään oikea-aikaista tukea")
    chain = the_action(plan, "Haminan kaupunki", "III.1")
    assert keys(chain) == ["III.1", "III.2", "III.3"]


def test_see_point_1_links_the_first_action_of_the_goal(plan):
    assert keys(the_action(plan, "Kotkan kaupunki", "III.1")) == ["III.1", "III.2", "III.3"]


def test_a_reference_with_more_text_is_an_action_of_its_own(plan):
    action = the_action(plan, "Haminan kaupunki", "II.4")
    assert action.description.startswith("Ks. kohta lapsivaikutusten arviointi. Toiminnan")


def test_dash_and_empty_rows_make_no_action(plan):
    assert actions_at(plan, POLICE, "I.3") == []
    assert actions_at(plan, POLICE, "II.5") == []
    assert actions_at(plan, "Kymenlaakson ensi- ja turvakotiyhdistys ry", "I.4") == []
    assert "Poliisi ei voi vaikuttaa tähän." in plan.notes


def test_list_cells_become_items_and_metrics(plan):
    action = the_action(plan, "Kymsote", "I.1")
    assert action.description == ""
    assert action.items[-1] == "Lapsi kohdataan hänen omassa ympäristössään"
    assert [metric.text for metric in action.metrics.all()] == [
        "Systemaattinen palautejärjestelmä luotu",
        "Lapselta/nuorelta saadut palautteet määrä",
        "Lapsivaikutusten arviointi käytössä",
        "Laatukselyjen toteutus",
    ]
    assert action.responsible.split("\n") == [
        "LNPsos ja LNPTer henkilöstö",
        "Johto",
        "Muut lapsi/nuorisotoimijat",
    ]


def test_see_previous_metrics_take_the_previous_rows_metrics(plan):
    previous = the_action(plan, "MLL:n Kaakkois-Suomen piiri", "I.2")
    action = the_action(plan, "MLL:n Kaakkois-Suomen piiri", "I.3")
    texts = [metric.text for metric in action.metrics.all()]
    assert texts == [metric.text for metric in previous.metrics.all()]
    assert texts[0].startswith("Arviointia ja seurantaa tehdään jatkuvasti.")


def test_schedule_gives_permanence_and_dates(plan):
    kymsote = the_action(plan, "Kymsote", "I.1")
    assert (kymsote.schedule, kymsote.start_date) == ("2020 alkaen", date(2020, 1, 1))
    assert the_action(plan, "Haminan kaupunki", "III.1").start_date == date(2019, 1, 1)
    assert the_action(plan, "Haminan kaupunki", "I.2").permanence == "permanent"
    assert the_action(plan, "MLL:n Kaakkois-Suomen piiri", "I.3").permanence == "project"
    pilot = the_action(plan, "MLL:n Kaakkois-Suomen piiri", "I.4")
    assert (pilot.permanence, pilot.end_date) == ("pilot", date(2020, 12, 31))
    assert the_action(plan, "MLL:n Kaakkois-Suomen piiri", "I.2").permanence == "unknown"


def test_indicator_descriptions(plan):
    indicators = list(plan.indicator_descriptions.all())
    assert [indicator.number for indicator in indicators] == list(range(1, 33))
    first = indicators[0]
    assert (first.group, first.name, first.source) == (
        "Väestön kehitys",
        "Väestöennuste",
        "Tilastokeskus 2019",
    )
    assert "koko maa: -16,3%" in first.description and "**" not in first.description
    assert "Lastensuojelun indikaattorit ovat lasten lukumääriä" in indicators[15].description
    assert indicators[6].source.endswith("(LTH) 2018")


def test_sections_and_notes(plan):
    titles = [section.title for section in plan.sections.all()]
    assert titles == ["Seurattavat indikaattorit", "Toimenpiteet", "Vuosikello"]
    assert "yli 200 toimenpidettä" in plan.sections.get(title="Toimenpiteet").body
    assert "1.4 | Muut seurattavat indikaattorit" in plan.notes
    assert "<" not in plan.notes


def test_report_tells_what_was_kept_and_differs(seed_path):
    report = "\n".join(read_plan(seed_path("003")).report)
    assert "Kept as notes" in report
    assert "Kouvolan kaupunki, II.2: the title" in report


# -- bad input


def test_truncated_table_is_refused(refused, seed_lines):
    cut = seed_lines[:249] + ["\t".join(seed_lines[249].split("\t")[:3])]
    message = refused(cut)
    assert ":250:3: The file ends in the middle of this row" in message


def test_header_without_rows_is_refused(refused, seed_lines):
    message = refused(seed_lines[:249] + seed_lines[252:])
    assert ":248: The table has a header row but no rows." in message


def test_subgoal_number_that_does_not_fit_is_refused(refused, seed_lines):
    lines = list(seed_lines)
    lines[260] = lines[260].replace("7\t", "8\t", 1)
    assert ":261:1: Sub-goal I.8 does not fit" in refused(lines)


def test_no_organisations_in_the_table_of_contents_is_refused(refused, seed_lines):
    lines = [line for line in seed_lines if not line.startswith("2.")]
    assert ":26: The table of contents names no organisations" in refused(lines)


def test_other_count_of_sections_than_names_is_refused(refused, seed_lines):
    lines = [line for line in seed_lines if not line.startswith("2.11 ")]
    message = refused(lines)
    police_starts = seed_lines.index(
        next(x for x in seed_lines if "\tAnkkuripuhutukset, lähipoliisi" in x)
    )
    expected = "The table of contents names 10 organisations, but the tables make 11 sections"
    assert f":{police_starts}: {expected}" in message


# -- round trip


def test_export_import_gives_the_same_export(plan, tmp_path):
    exported = export_plan(plan)
    path = tmp_path / "plan.json"
    path.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")
    again = export_plan(save_plan(read_plan(path)))
    assert again["plan"].pop("slug") != exported["plan"].pop("slug")
    assert again == exported


def test_tables_without_the_documents_chapters_are_refused_not_crashed(refused):
    header = "välitavoite\ttoimenpide\tmittari / toteutuminen\taikataulu\ttoimija\tseuranta"
    lines = ["PÄÄTAVOITE I: Otsikko", "", header, "1 Eka\tTehdään\tMitataan\t2020\tKunta\t-"]
    assert "003_cut.txt:1: No plan name with its period" in refused(lines)

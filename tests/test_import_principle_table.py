"""The principle-table importer with the Espoo plan 2017-2021 (seed 002)."""

import json

import pytest

from lanu.importers import read_plan
from lanu.importers.save import save_plan
from lanu.plans.export import export_plan
from lanu.plans.models import Action

pytestmark = pytest.mark.usefixtures("in_english")

ROWS_PER_PRINCIPLE = {"1": 6, "2": 7, "3": 9, "4": 8}  # counted by hand: one action per row


@pytest.fixture
def seed_text(seed_path):
    return seed_path("002").read_text(encoding="utf-8")


@pytest.fixture
def espoo(seed_path):
    return export_plan(save_plan(read_plan(seed_path("002"))))


def action_starting(export: dict, words: str) -> dict:
    return next(a for a in export["actions"] if a["items"][0].startswith(words))


def altered(tmp_path, text: str, change) -> str:
    """The seed with its lines changed by `change(lines)`, written to a file."""
    lines = text.split("\n")
    change(lines)
    path = tmp_path / "plan.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


@pytest.fixture
def refusal(import_refused):
    return import_refused


@pytest.mark.django_db
def test_plan_header_and_the_city(espoo):
    head = espoo["plan"]
    assert head["name"] == "Espoon lasten ja nuorten hyvinvointisuunnitelma 2017–2021"
    assert (head["region"], head["period_start"], head["period_end"]) == ("Espoo", 2017, 2021)
    assert head["level_labels"] == {
        "goal": "Periaate",
        "subgoal": "Tavoite",
        "action": "Toimenpide",
        "goal_sv": "Princip",
        "goal_en": "Principle",
        "subgoal_sv": "Mål",
        "subgoal_en": "Goal",
        "action_sv": "Åtgärd",
        "action_en": "Action",
    }
    city = {"name": "Espoon kaupunki", "short_name": "", "kind": "municipality"}
    assert espoo["organisations"] == [{**city, "aliases": ["Espoo", "Esbo"]}]


@pytest.mark.django_db
def test_four_principles(espoo):
    goals = espoo["goals"]
    assert [goal["number"] for goal in goals] == ["1", "2", "3", "4"]
    assert goals[1]["title"] == "Lapsi-, nuori- ja perhelähtöisyys"
    assert [len(goal["subgoals"]) for goal in goals] == [4, 3, 2, 3]


@pytest.mark.django_db
def test_twelve_goals_numbered_within_their_principle(espoo):
    first, _, third, fourth = (goal["subgoals"] for goal in espoo["goals"])
    assert [sub["number"] for sub in first] == ["1", "2", "3", "4"]
    assert first[1]["title"] == "Vertaistukea ja yhteisöllisyyttä vahvistetaan"
    assert third[1]["title"] == "Lastensuojelu-palvelujen laadun kehittäminen ja varmistaminen"
    assert fourth[2]["title"] == "Yhteensovittava johtaminen vahvistuu (Lape)"


@pytest.mark.django_db
def test_one_action_per_table_row(espoo):
    principles = [action["subgoals"][0].split(".")[0] for action in espoo["actions"]]
    assert {n: principles.count(n) for n in ROWS_PER_PRINCIPLE} == ROWS_PER_PRINCIPLE
    assert Action.objects.count() == 30
    assert all(a["organisation"] == "Espoon kaupunki" for a in espoo["actions"])


@pytest.mark.django_db
def test_the_bullets_of_a_row_are_the_items_of_its_action(espoo):
    action = action_starting(espoo, "Vahvistetaan lasten ja nuorten hyvinvointityön")
    assert action["subgoals"] == ["4.3"]
    assert action["items"] == [
        "Vahvistetaan lasten ja nuorten hyvinvointityön rakenteita",
        "Johdetaan asiakasprosesseja yhteen sovittaen",
        "Vahvistetaan asiakaslähtöisen työtöiden johtamista",
    ]


@pytest.mark.django_db
def test_names_inside_an_item_do_not_split_it(espoo):
    action = action_starting(espoo, "Kehitetään ja laajennetaan Liikkuva koulu")
    assert len(action["items"]) == 5
    assert action["items"][3].endswith("nuorille aikuisille Kaikukortin avulla")


@pytest.mark.django_db
def test_metrics_of_an_action_with_mother_tongue_breakdown(espoo):
    action = action_starting(espoo, "Kehitetään ja laajennetaan Liikkuva koulu")
    assert action["metrics"] == [
        "Mukana olevat koulut",
        "Nykytilan arviointi –kysely",
        "Liikuntaneuvontaan osallistuneet 16-29-vuotiaat",
        "Koulujen, kulttuurin, liikunnan ja nuorisopalveluiden tarjolla olevien maksuttomien "
        "harrastusryhmien määrä ikäryhmittäin sekä ryhmät vammaisille lapsille",
        "Jaettujen Kaikukorttien määrä",
    ]
    assert action["metrics_by_mother_tongue"] == [2, 4]


@pytest.mark.django_db
def test_metrics_keep_commas_conjunctions_and_names(espoo):
    action = action_starting(espoo, "Pilotoidaan lastensuojelun")
    assert action["metrics"][-1].endswith("syksyn 2017 aikana osana Lape-hanketta")
    action = action_starting(espoo, "Kehitetään ja otetaan käyttöön")
    assert action["metrics"][1] == "Pyydä apua –napin ja Tajua mut! –toimintamallin käyttökerrat"


@pytest.mark.django_db
def test_rows_with_an_empty_metric_cell_have_no_metrics(espoo):
    action = action_starting(espoo, "Sijaishuollon ohjaus")
    assert (action["subgoals"], action["metrics"]) == (["3.2"], [])


@pytest.mark.django_db
def test_intro_chapters_are_sections(espoo):
    sections = [(s["kind"], s["title"]) for s in espoo["sections"]]
    assert ("introduction", "Tavoite") in sections
    assert ("monitoring", "Seuranta") in sections
    assert sections[-1] == ("other", "Lisätietoja")
    assert "anita.vataja@espoo.fi" in espoo["sections"][-1]["body"]


@pytest.mark.django_db
def test_sources_of_the_plan_keep_their_nested_bullets(espoo):
    section = next(s for s in espoo["sections"] if "valmistelussa" in s["title"])
    assert section["kind"] == "introduction"
    assert "\n  - Kyselyllä kerättiin kuntalaisten ajatuksia" in section["body"]


@pytest.mark.django_db
def test_the_image_caption_is_kept_as_a_note(seed_path, espoo):
    assert espoo["plan"]["notes"] == "Kuva: Compic"
    report = read_plan(seed_path("002")).report
    assert any("Kuva: Compic" in line for line in report)


@pytest.mark.django_db
def test_no_markup_is_left(espoo):
    assert "<" not in json.dumps(espoo, ensure_ascii=False)


@pytest.mark.django_db
def test_a_header_with_no_rows_is_refused(tmp_path, seed_text, refusal):
    path = altered(tmp_path, seed_text, lambda lines: lines.__delitem__(slice(72, 81)))
    assert "plan.txt:72: The table has a header but no rows." in refusal(path)


@pytest.mark.django_db
def test_a_file_ending_mid_row_is_refused(tmp_path, seed_text, refusal):
    def cut(lines):
        cells = lines[90].split("\t")
        lines[90] = "\t".join(cells[:3])[:-20]  # the file ends in the third cell
        del lines[91:]

    assert "plan.txt:91:4: The row has 3 cells" in refusal(altered(tmp_path, seed_text, cut))


@pytest.mark.django_db
def test_a_file_cut_after_the_first_table_is_refused(tmp_path, seed_text, refusal):
    message = refusal(
        altered(tmp_path, seed_text, lambda lines: lines.__delitem__(slice(62, None)))
    )
    assert "plan.txt:51: The principle “2. Lapsi-, nuori- ja perhelähtöisyys” is listed" in message


@pytest.mark.django_db
def test_an_action_before_any_goal_is_refused(tmp_path, seed_text, refusal):
    def drop_goal(lines):
        cells = lines[55].split("\t")
        lines[55] = "\t".join([cells[0], "", *cells[2:]])

    message = refusal(altered(tmp_path, seed_text, drop_goal))
    assert "plan.txt:56:3: The row has an action but no goal before it." in message


@pytest.mark.django_db
def test_metrics_without_an_action_are_refused(tmp_path, seed_text, refusal):
    def drop_action(lines):
        cells = lines[59].split("\t")
        lines[59] = "\t".join([*cells[:2], "", cells[3]])

    message = refusal(altered(tmp_path, seed_text, drop_action))
    assert "plan.txt:60:3: The row has metrics but no action." in message


def test_windows_line_ends_are_read(tmp_path, seed_text):
    path = tmp_path / "plan.txt"
    path.write_bytes(seed_text.replace("\n", "\r\n").encode("utf-8"))
    data = read_plan(path)
    assert (len(data.actions), data.actions[-1].line) == (30, 91)


@pytest.mark.django_db
def test_every_problem_is_reported_at_once(tmp_path, seed_text, refusal):
    def spoil(lines):
        lines[63] = lines[63].replace("2. ", "", 1)
        lines[86] = lines[86].rsplit("\t", 1)[0]

    problems = refusal(altered(tmp_path, seed_text, spoil)).splitlines()
    assert problems[0].startswith("plan.txt:51: The principle “2. Lapsi-, nuori-")
    assert problems[1].startswith("plan.txt:64:1: The principle “Lapsi-, nuori-")
    assert problems[2].startswith("plan.txt:87:4: The row has 3 cells")
    assert len(problems) == 3  # the rows under the unnumbered principle add nothing


@pytest.mark.django_db
def test_export_and_import_again_gives_the_same_plan(tmp_path, espoo):
    path = tmp_path / "espoo.json"
    path.write_text(json.dumps(espoo, ensure_ascii=False), encoding="utf-8")
    again = export_plan(save_plan(read_plan(path)))
    assert again["plan"].pop("slug") != espoo["plan"].pop("slug")
    assert again == espoo

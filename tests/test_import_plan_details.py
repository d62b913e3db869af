"""What a plan document says about the plan itself: its name as written, its organisation
guessed from the cover or the title, and what the person must give when it says nothing.

The documents are variants of seed 004 (Länsi-Uusimaa 2024–2026, priority tables):
in Swedish, of a city, and with no organisation at all."""

import pytest

from lanu.importers import priority_tables, read_plan
from lanu.importers.data import ImportRefused, check_plan
from lanu.importers.details import apply_details, missing_details
from lanu.importers.general.result import PlanDetails
from lanu.importers.save import save_plan
from lanu.importers.text import lower_first
from lanu.plans.models import Organisation, Plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

COVER = "Länsi-Uudenmaan hyvinvointialue  \nVästra Nylands välfärdsområde\n"
TITLE = "# Länsi-Uudenmaan hyvinvointialueen\n\n## Lasten ja nuorten hyvinvointisuunnitelma\n"
SWEDISH = {  # the headings of seed 004 in Swedish
    COVER: "Västra Nylands välfärdsområde  \nLänsi-Uudenmaan hyvinvointialue\n",
    TITLE: "# Västra Nylands välfärdsområde\n\n## Välfärdsplan för barn och unga\n",
    "## Johdanto": "## Inledning",
    "## Nostot hyvinvoinnin tilasta ja palvelutarpeesta": "## Välfärdens tillstånd",
    "## Hyvinvointialueen järjestämät palvelut": "## Välfärdsområdets tjänster",
    "## Asukkaiden toiveet": "## Invånarnas önskemål",
    "## Lasten ja nuorten hyvinvointisuunnitelman painopisteet ja tavoitteet": (
        "## Välfärdsplanens tyngdpunkter och mål"
    ),
    "Tavoitteet\tToimenpiteet\tVastuutaho\tMittarit": "Mål\tÅtgärder\tAnsvarig\tMätare",
}


def variant(seed_path, tmp_path, replacements: dict[str, str]):
    text = seed_path("004").read_text(encoding="utf-8")
    for old, new in replacements.items():
        assert old in text
        text = text.replace(old, new)
    path = tmp_path / "plan.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_swedish_plan_keeps_its_name_as_written(seed_path, tmp_path):
    plan = save_plan(read_plan(variant(seed_path, tmp_path, SWEDISH)))
    assert plan.name == ("Västra Nylands välfärdsområde – Välfärdsplan för barn och unga 2024–2026")
    organisation = plan.organisations.get()
    assert (organisation.name, organisation.kind) == (
        "Västra Nylands välfärdsområde",
        "welfare_area",
    )
    assert "Länsi-Uudenmaan hyvinvointialue" in organisation.aliases
    assert plan.goals.count() == 4 and plan.actions.count() == 50


def test_a_one_line_swedish_title_is_the_name_unchanged(seed_path, tmp_path):
    title = {TITLE: "# Välfärdsplan för barn och unga\n", **{COVER: SWEDISH[COVER]}}
    data = read_plan(variant(seed_path, tmp_path, {**SWEDISH, **title}))
    assert data.name == "Välfärdsplan för barn och unga 2024–2026"


def test_a_title_after_an_organisations_genitive_continues_it(seed_path, tmp_path):
    title = {TITLE: "# Raaseporin kaupungin\n\n## Lasten ja nuorten hyvinvointisuunnitelma\n"}
    data = read_plan(variant(seed_path, tmp_path, title))
    assert data.name == "Raaseporin kaupungin lasten ja nuorten hyvinvointisuunnitelma 2024–2026"


def test_a_city_on_the_cover_is_the_plans_organisation(seed_path, tmp_path):
    city = {
        COVER: "Raaseporin kaupunki  \nRaseborgs stad\n",
        "luvn.fi": "raasepori.fi",
        TITLE: "# Raaseporin kaupungin\n\n## Lasten ja nuorten hyvinvointisuunnitelma\n",
    }
    plan = save_plan(read_plan(variant(seed_path, tmp_path, city)))
    organisation = plan.organisations.get()
    assert (organisation.name, organisation.kind) == ("Raaseporin kaupunki", "municipality")
    assert "Raseborgs stad" in organisation.aliases
    assert plan.actions.filter(organisation=organisation).count() == 50
    assert plan.region == ""


@pytest.mark.parametrize(
    "title, organisation, kind",
    [
        ("# Espoon kaupungin\n\n## Lasten", "Espoon kaupunki", "municipality"),
        ("# Sipoon kunnan\n\n## Lasten", "Sipoon kunta", "municipality"),
        ("# Raseborgs stads\n\n## Lasten", "Raseborgs stad", "municipality"),
        (
            "# Vantaan ja Keravan hyvinvointialueen\n\n## Lasten",
            "Vantaan ja Keravan hyvinvointialue",
            "welfare_area",
        ),
    ],
)
def test_a_cover_without_one_takes_the_organisation_from_the_titles_genitive(
    seed_path, tmp_path, title, organisation, kind
):
    replacements = {COVER: "\n", TITLE.split(" ja nuorten")[0]: title}
    data = read_plan(variant(seed_path, tmp_path, replacements))
    assert [(o.name, o.kind) for o in data.organisations] == [(organisation, kind)]
    assert {action.organisation for action in data.actions} == {organisation}


def test_a_plan_naming_no_organisation_is_read_and_asks_for_it(seed_path, tmp_path):
    nameless = {COVER: "\n", TITLE: "# Lasten ja nuorten hyvinvointisuunnitelma\n"}
    path = variant(seed_path, tmp_path, nameless)
    with pytest.raises(ImportRefused) as refusal:
        save_plan(read_plan(path))
    assert [str(problem.message) for problem in refusal.value.problems] == [
        "The document does not name the plan's organisation (a “… kaupunki”, “… kunta” "
        "or “… hyvinvointialue” on its cover or in its title)."
    ]
    assert "hyvinvointialue”) was not found" not in str(refusal.value)
    assert Plan.objects.count() == Organisation.objects.count() == 0


def test_the_organisation_given_completes_the_plan(seed_path, tmp_path):
    nameless = {COVER: "\n", TITLE: "# Lasten ja nuorten hyvinvointisuunnitelma\n"}
    text = variant(seed_path, tmp_path, nameless).read_text(encoding="utf-8")
    data = priority_tables.read(text, "plan.txt")
    assert [problem.detail for problem in missing_details(data)] == ["organisation"]
    apply_details(data, PlanDetails(organisations=["Inkoon kunta", "Inkoon seurakunta"]))
    assert check_plan(data) == []
    plan = save_plan(data)
    assert plan.name == "Lasten ja nuorten hyvinvointisuunnitelma 2024–2026"
    municipality = plan.organisations.get(name="Inkoon kunta")
    assert municipality.kind == "municipality"
    assert plan.actions.filter(organisation=municipality).count() == 50
    assert plan.organisations.get(name="Inkoon seurakunta").kind == "parish"


def test_a_plan_with_no_title_or_period_asks_for_both(seed_path, tmp_path):
    text = seed_path("004").read_text(encoding="utf-8")
    text = text.replace(TITLE, "").replace("2024-2026", "").replace("2024–2026", "")
    data = priority_tables.read(text, "plan.txt")
    assert [problem.detail for problem in missing_details(data)] == ["name", "period"]
    apply_details(
        data, PlanDetails(name="Hyvinvointisuunnitelma", period_start=2025, period_end=2027)
    )
    assert check_plan(data) == []
    assert (data.name, data.period_start, data.period_end) == ("Hyvinvointisuunnitelma", 2025, 2027)


def test_a_title_beginning_with_the_citys_name_is_not_prefixed_again(seed_path, tmp_path):
    text = seed_path("002").read_text(encoding="utf-8")
    title = "Lasten ja nuorten hyvinvointisuunnitelma 2017-2021"
    assert title in text
    path = tmp_path / "espoo.txt"
    path.write_text(text.replace(title, "Espoon " + lower_first(title), 1), encoding="utf-8")
    assert read_plan(path).name == "Espoon lasten ja nuorten hyvinvointisuunnitelma 2017–2021"
    assert read_plan(seed_path("002")).name == read_plan(path).name

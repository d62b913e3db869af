"""python -m lanu import-indicators and fetch-sotkanet: Sotkanet's real formats (the recorded
responses in ../shared/testdata/sotkanet/), files built in the same formats, the generic
CSV, re-imports in place and bad input refused with its line, nothing written."""

import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from lanu.indicators import saving, streams
from lanu.indicators.models import Area, AreaKind, Direction, Indicator, Observation

pytestmark = pytest.mark.django_db

SOTKANET = Path(__file__).resolve().parent.parent.parent / "shared" / "testdata" / "sotkanet"
POPULATION_2009 = SOTKANET / "data-indicator127-2009.csv"
CSV_HEADER = "indicator;region;year;gender;primary value;absolute value\n"


def run(path, format, *options):
    """The command's report, in English (the source language)."""
    from io import StringIO

    out = StringIO()
    with translation.override("en"):
        call_command("import-indicators", str(path), "--format", format, *options, stdout=out)
    return out.getvalue()


def refused(path, format, language="en"):
    """The message of an import that must fail; asserts that nothing was written."""
    counts = [model.objects.count() for model in (Indicator, Area, Observation)]
    with translation.override(language), pytest.raises(CommandError) as error:
        call_command("import-indicators", str(path), "--format", format)
    assert [model.objects.count() for model in (Indicator, Area, Observation)] == counts
    return str(error.value)


def written(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def sotkanet_lists():
    run(SOTKANET / "indicators.json", "sotkanet-indicators")
    run(SOTKANET / "regions.json", "sotkanet-regions")


def value_of(indicator, area, year, gender="total", group=""):
    return Observation.objects.get(
        indicator__sotkanet_id=indicator,
        area__sotkanet_id=area,
        year=year,
        gender=gender,
        group=group,
    ).value


# The recorded responses -------------------------------------------------------------


def test_the_recorded_indicator_list_imports_every_indicator_in_three_languages():
    run(SOTKANET / "indicators.json", "sotkanet-indicators")
    listed = json.loads((SOTKANET / "indicators.json").read_text(encoding="utf-8"))
    assert Indicator.objects.count() == len(listed)
    population = Indicator.objects.get(sotkanet_id=127)
    assert population.code == "sotkanet:127"
    assert population.name_fi == "Väestö 31.12."
    assert population.name_sv == "Befolkning 31.12"
    assert population.name_en == "Population at year end"
    assert population.source == "Tilastokeskus"
    assert population.direction == Direction.NEUTRAL


def test_the_recorded_region_list_imports_areas_of_each_kind_with_their_memberships():
    run(SOTKANET / "regions.json", "sotkanet-regions")
    listed = json.loads((SOTKANET / "regions.json").read_text(encoding="utf-8"))
    assert Area.objects.count() == len(listed)
    country = Area.objects.get(sotkanet_id=658)
    assert (country.code, country.kind, country.name_fi, country.name_sv) == (
        "maa:358",
        AreaKind.COUNTRY,
        "Koko maa",
        "Hela landet",
    )
    kymenlaakso = Area.objects.get(sotkanet_id=494)
    assert (kymenlaakso.code, kymenlaakso.kind) == ("maakunta:08", AreaKind.REGION)
    alajarvi = Area.objects.get(sotkanet_id=2)
    assert (alajarvi.code, alajarvi.kind) == ("kunta:005", AreaKind.MUNICIPALITY)
    assert alajarvi.member_of.count() == 9
    assert country in alajarvi.member_of.all()
    assert alajarvi in country.members.all()
    state_office = Area.objects.get(sotkanet_id=833)
    assert (state_office.kind, state_office.category) == ("other", "ALUEHALLINTOVIRASTO")


def test_the_recorded_data_refuses_its_three_rows_of_regions_the_list_lacks(sotkanet_lists):
    message = refused(POPULATION_2009, "sotkanet-csv")
    assert "data-indicator127-2009.csv:311:2: no area has the Sotkanet id 730" in message


def test_the_recorded_data_imports_with_unknown_areas_skipped(sotkanet_lists):
    report = run(POPULATION_2009, "sotkanet-csv", "--skip-unknown-areas")
    assert Observation.objects.count() == 466 - 3
    assert "Rows of unknown areas skipped: 455, 456, 730." in report
    assert value_of(127, 658, 2009) == 5351427  # line 211: the whole country
    assert value_of(127, 494, 2009) == 182447  # line 383: Kymenlaakso
    assert Observation.objects.filter(absolute_value__isnull=False).count() == 0


def test_reimporting_the_same_file_duplicates_nothing(sotkanet_lists):
    run(POPULATION_2009, "sotkanet-csv", "--skip-unknown-areas")
    report = run(POPULATION_2009, "sotkanet-csv", "--skip-unknown-areas")
    assert Observation.objects.count() == 463
    assert "New values: 0; values updated in place: 463." in report


# Files built in the same formats ------------------------------------------------------


def region(identifier, code, category, name, member_of=()):
    return {
        "id": identifier,
        "code": code,
        "category": category,
        "title": {"fi": name, "en": name, "sv": name + " (sv)"},
        "memberOf": list(member_of),
        "uri": f"http://www.yso.fi/onto/kunnat/{code}",
    }


WELFARE_REGIONS = [
    region(658, "358", "MAA", "Koko maa"),
    region(494, "08", "MAAKUNTA", "Kymenlaakso"),
    region(1008, "08", "HYVINVOINTIALUE", "Kymenlaakson hyvinvointialue", [658]),
    region(151, "285", "KUNTA", "Kotka", [658, 494, 1008]),
    region(153, "286", "KUNTA", "Kouvola", [1008, 494, 658]),
]


def regions_file(tmp_path, regions=WELFARE_REGIONS):
    return written(tmp_path, "regions.json", json.dumps(regions, ensure_ascii=False, indent=1))


def test_welfare_areas_import_with_their_member_municipalities(tmp_path):
    run(regions_file(tmp_path), "sotkanet-regions")
    welfare_area = Area.objects.get(code="hyvinvointialue:08")
    assert welfare_area.kind == AreaKind.WELFARE_AREA
    assert sorted(welfare_area.members.values_list("name_fi", flat=True)) == ["Kotka", "Kouvola"]
    kotka = Area.objects.get(code="kunta:285")
    assert sorted(kotka.member_of.values_list("kind", flat=True)) == [
        AreaKind.COUNTRY,
        AreaKind.REGION,
        AreaKind.WELFARE_AREA,
    ]


def test_a_new_region_list_replaces_memberships_and_names_in_place(tmp_path):
    run(regions_file(tmp_path), "sotkanet-regions")
    changed = [dict(found) for found in WELFARE_REGIONS]
    changed[3] = region(151, "285", "KUNTA", "Kotka (uusi)", [1008])
    run(regions_file(tmp_path, changed), "sotkanet-regions")
    assert Area.objects.count() == len(WELFARE_REGIONS)
    kotka = Area.objects.get(code="kunta:285")
    assert kotka.name_fi == "Kotka (uusi)"
    assert [area.code for area in kotka.member_of.all()] == ["hyvinvointialue:08"]


def data_row(region_id, year, gender, value, absolute=None, indicator=127):
    row = {"indicator": indicator, "region": region_id, "year": year, "gender": gender}
    row["value"] = value
    if absolute is not None:
        row["absValue"] = absolute
    return row


JSON_ROWS = [
    data_row(658, 2022, "total", 12.5, 5000),
    data_row(658, 2022, "male", 10.25, 2000),
    data_row(658, 2022, "female", 14.75, 3000),
    data_row(151, 2022, "total", 15.1, 80),
    data_row(153, 2023, "total", 9),
]


@pytest.fixture
def welfare_areas(tmp_path, in_english):
    run(regions_file(tmp_path), "sotkanet-regions")
    Indicator.objects.create(code="sotkanet:127", name_fi="Väestö", sotkanet_id=127)


def test_json_rows_import_every_gender_with_absolute_values(tmp_path, welfare_areas):
    run(written(tmp_path, "data.json", json.dumps(JSON_ROWS, indent=1)), "sotkanet-json")
    assert Observation.objects.count() == 5
    male = Observation.objects.get(area__sotkanet_id=658, gender="male")
    assert (male.value, male.absolute_value) == (Decimal("10.25"), 2000)
    assert Observation.objects.get(area__sotkanet_id=153).absolute_value is None


def test_json_is_read_a_piece_at_a_time_with_the_same_result(tmp_path, welfare_areas, monkeypatch):
    monkeypatch.setattr(streams, "CHUNK", 7)
    run(written(tmp_path, "data.json", json.dumps(JSON_ROWS, indent=2)), "sotkanet-json")
    assert Observation.objects.count() == 5
    assert value_of(127, 151, 2022) == Decimal("15.1")


def test_a_reimport_updates_changed_values_in_place(tmp_path, welfare_areas):
    path = written(tmp_path, "data.csv", CSV_HEADER + "127;151;2022;total;15.1;80\n")
    run(path, "sotkanet-csv")
    first = Observation.objects.get()
    path.write_text(CSV_HEADER + "127;151;2022;total;16.3;\n", encoding="utf-8")
    run(path, "sotkanet-csv")
    again = Observation.objects.get()
    assert again.pk == first.pk
    assert (again.value, again.absolute_value) == (Decimal("16.3"), None)


def test_a_file_of_new_and_known_values_counts_each_across_batches(
    tmp_path, welfare_areas, monkeypatch
):
    run(written(tmp_path, "old.csv", CSV_HEADER + "127;151;2021;total;1;\n"), "sotkanet-csv")
    monkeypatch.setattr(saving, "BATCH", 2)
    rows = [f"127;151;{year};total;{year};\n" for year in (2020, 2021, 2022, 2023, 2024)]
    report = run(written(tmp_path, "new.csv", CSV_HEADER + "".join(rows)), "sotkanet-csv")
    assert "New values: 4; values updated in place: 1." in report
    assert Observation.objects.count() == 5
    assert value_of(127, 151, 2021) == 2021


def test_sotkanet_csv_columns_in_another_order_are_read_by_their_names(tmp_path, welfare_areas):
    header = "year;region;indicator;absolute value;primary value;gender\n"
    path = written(tmp_path, "order.csv", header + "2022;151;127;80;15.1;male\n2023;151;127;;x;\n")
    message = refused(path, "sotkanet-csv")
    assert "order.csv:3:5: “x” is not a number" in message
    path.write_text(header + "2022;151;127;80;15.1;male\n", encoding="utf-8")
    run(path, "sotkanet-csv")
    male = Observation.objects.get(gender="male")
    assert (male.year, male.value, male.absolute_value) == (2022, Decimal("15.1"), 80)


def test_an_indicators_metadata_adds_what_the_list_lacks_and_the_list_keeps_it(tmp_path):
    metadata = {
        "id": 127,
        "title": {"fi": "Väestö 31.12.", "sv": "Befolkning 31.12", "en": "Population"},
        "description": {"fi": "Väestö vuoden lopussa.", "sv": "Befolkningen.", "en": "People."},
        "organization": {"id": 3, "title": {"fi": "Tilastokeskus", "en": "Statistics Finland"}},
        "decimals": 0,
        "primaryValueType": {"code": "lkm", "title": {"fi": "lukumäärä", "en": "number"}},
        "range": {"start": 1990, "end": 2023},
        "sources": [{"id": 1, "title": {"fi": "Väestörakenne"}}],
    }
    run(written(tmp_path, "127.json", json.dumps(metadata)), "sotkanet-indicators")
    population = Indicator.objects.get(sotkanet_id=127)
    assert (population.decimals, population.unit) == (0, "lukumäärä")
    assert population.definition_fi == "Väestö vuoden lopussa."
    assert population.source == "Tilastokeskus; Väestörakenne"
    population.direction = Direction.HIGHER_BETTER
    population.save()
    run(SOTKANET / "indicators.json", "sotkanet-indicators")
    population.refresh_from_db()
    assert (population.decimals, population.unit, population.direction) == (
        0,
        "lukumäärä",
        Direction.HIGHER_BETTER,
    )
    assert population.source == "Tilastokeskus"


# The generic CSV (docs/data-formats.md) -----------------------------------------------


GENERIC = (
    "indicator,area,year,gender,group,value,absolute value\n"
    "kouluterveys:1,maa:358,2023,total,8.-9. luokka,89.5,\n"
    "kouluterveys:1,maa:358,2023,total,lukio,91.2,\n"
    "kouluterveys:1,kunta:285,2023,female,8.-9. luokka,87,120\n"
)


def test_the_generic_csv_imports_population_groups_and_genders(tmp_path, welfare_areas):
    Indicator.objects.create(code="kouluterveys:1", name_fi="Terveydentila hyvä")
    run(written(tmp_path, "values.csv", GENERIC), "csv")
    assert Observation.objects.count() == 3
    upper = Observation.objects.get(area__code="maa:358", group="lukio")
    assert upper.value == Decimal("91.2")
    kotka = Observation.objects.get(area__code="kunta:285")
    assert (kotka.gender, kotka.group, kotka.absolute_value) == ("female", "8.-9. luokka", 120)


def test_the_generic_csv_needs_only_indicator_area_year_and_value(tmp_path, welfare_areas):
    Indicator.objects.create(code="kouluterveys:1", name_fi="Terveydentila hyvä")
    run(
        written(tmp_path, "v.csv", "indicator,area,year,value\nkouluterveys:1,kunta:286,2024,3\n"),
        "csv",
    )
    found = Observation.objects.get()
    assert (found.gender, found.group, found.value) == ("total", "", 3)


# Bad input: a clear message with the line, nothing written --------------------------------


def test_a_wrong_delimiter_is_named(tmp_path, welfare_areas):
    text = CSV_HEADER.replace(";", ",") + "127,151,2022,total,15.1,\n"
    message = refused(written(tmp_path, "comma.csv", text), "sotkanet-csv")
    assert "comma.csv:1: the columns are separated by “,”, not by “;”" in message


def test_a_tab_separated_file_is_named_as_such(tmp_path, welfare_areas):
    text = CSV_HEADER.replace(";", "\t") + "127\t151\t2022\ttotal\t15.1\t\n"
    message = refused(written(tmp_path, "tabs.csv", text), "sotkanet-csv")
    assert "tabs.csv:1: the columns are separated by tabs, not by “;”" in message


def test_one_column_of_no_separator_is_a_missing_column(tmp_path, welfare_areas):
    message = refused(written(tmp_path, "one.csv", "indicator\n127\n"), "sotkanet-csv")
    assert "one.csv:1: the column “region” is missing" in message


def test_a_missing_column_is_named(tmp_path, welfare_areas):
    text = "indicator;region;year;primary value\n127;151;2022;15.1\n"
    message = refused(written(tmp_path, "short.csv", text), "sotkanet-csv")
    assert "short.csv:1: the column “gender” is missing" in message


def test_a_non_numeric_value_is_refused_with_its_line_and_column(tmp_path, welfare_areas):
    text = CSV_HEADER + "127;151;2022;total;15.1;\n127;153;2022;total;n/a;\n"
    message = refused(written(tmp_path, "words.csv", text), "sotkanet-csv")
    assert "words.csv:3:5: “n/a” is not a number" in message


def test_an_unknown_region_refuses_the_file(tmp_path, welfare_areas):
    text = CSV_HEADER + "127;151;2022;total;15.1;\n127;999;2022;total;3;\n"
    message = refused(written(tmp_path, "region.csv", text), "sotkanet-csv")
    assert "region.csv:3:2: no area has the Sotkanet id 999" in message


def test_a_truncated_json_is_refused_where_it_ends(tmp_path, welfare_areas):
    text = json.dumps(JSON_ROWS, indent=1)[:-40]
    last_line = text.count("\n") + 1
    column = len(text.rsplit("\n", 1)[1]) + 1
    message = refused(written(tmp_path, "cut.json", text), "sotkanet-json")
    assert f"cut.json:{last_line}:{column}: the JSON ends too early" in message


def test_json_that_is_not_a_list_is_refused(tmp_path, welfare_areas):
    message = refused(written(tmp_path, "csv.json", CSV_HEADER), "sotkanet-json")
    assert "csv.json:1:1: the file is not a JSON list" in message


def test_a_bad_row_after_written_batches_still_writes_nothing(tmp_path, welfare_areas, monkeypatch):
    monkeypatch.setattr(saving, "BATCH", 2)
    rows = [f"127;{area};{year};total;{year};\n" for area in (151, 153) for year in (2020, 2021)]
    text = CSV_HEADER + "".join(rows) + "127;151;2022;total;x;\n"
    message = refused(written(tmp_path, "late.csv", text), "sotkanet-csv")
    assert "late.csv:6:5" in message


def test_a_refusal_is_in_finnish_and_swedish(tmp_path, welfare_areas):
    text = CSV_HEADER + "127;151;2022;total;n/a;\n"
    path = written(tmp_path, "arvot.csv", text)
    assert "arvot.csv:2:5: ”n/a” ei ole luku" in refused(path, "sotkanet-csv", "fi")
    assert "arvot.csv:2:5: ”n/a” är inte ett tal" in refused(path, "sotkanet-csv", "sv")


def test_a_population_group_too_long_for_lanu_is_refused(tmp_path, welfare_areas):
    Indicator.objects.create(code="kouluterveys:1", name_fi="Terveydentila hyvä")
    text = "indicator,area,group,year,value\n" + f"kouluterveys:1,maa:358,{'x' * 101},2023,1\n"
    message = refused(written(tmp_path, "group.csv", text), "csv")
    assert "group.csv:2:3: a population group may be 100 characters" in message


def test_a_region_listed_twice_is_one_area_with_its_memberships_once(tmp_path, in_english):
    twice = [*WELFARE_REGIONS, region(151, "285", "KUNTA", "Kotka", [1008, 1008, 494])]
    run(regions_file(tmp_path, twice), "sotkanet-regions")
    assert Area.objects.count() == len(WELFARE_REGIONS)
    kotka = Area.objects.get(code="kunta:285")
    assert sorted(kotka.member_of.values_list("code", flat=True)) == [
        "hyvinvointialue:08",
        "maakunta:08",
    ]


def test_a_file_that_is_not_there_is_named(tmp_path, in_english):
    with pytest.raises(CommandError, match="Cannot read .*nothing.csv"):
        call_command("import-indicators", str(tmp_path / "nothing.csv"), "--format", "csv")


# fetch-sotkanet ----------------------------------------------------------------------


def test_fetch_says_clearly_when_sotkanet_cannot_be_reached(settings, in_english):
    settings.SOTKANET_API_URL = "http://127.0.0.1:9/rest/1.1"
    with pytest.raises(CommandError) as error:
        call_command("fetch-sotkanet", "--indicator", "127", "--years", "2015-2024")
    message = str(error.value)
    assert message.startswith("Sotkanet cannot be reached at http://127.0.0.1:9/rest/1.1/json?")
    assert "indicator=127&years=2015&years=2016" in message
    assert "import it with import-indicators" in message
    assert Observation.objects.count() == 0


def test_fetch_refuses_years_that_are_not_a_range(in_english):
    with pytest.raises(CommandError, match="--years “2015” is not a range of years"):
        call_command("fetch-sotkanet", "--indicator", "127", "--years", "2015")

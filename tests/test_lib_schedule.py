"""Schedules (aikataulu) as the Kymenlaakso plan 2020–2024 writes them (seed 003)."""

from datetime import date

import pytest

from lanu.lib.schedule import dates, end_date, kinds_of_work, permanence, start_date

# text, permanence, start date, end date
SCHEDULES = [
    ("2020 alkaen", "unknown", date(2020, 1, 1), None),
    ("2021 alkaen kehittyvä pysyväksi toiminnaksi", "permanent", date(2021, 1, 1), None),
    ("Aloitettu vuonna 2019.", "unknown", date(2019, 1, 1), None),
    ("Aloitettu vuoden 2020 alussa.", "unknown", date(2020, 1, 1), None),
    (
        "Rahoitus auki. Kokeilu vuoden 2020 loppuun asti osa-aikaisesti.",
        "pilot",
        None,
        date(2020, 12, 31),
    ),
    ("Vielä hanke, haetaan vakituista rahoitusta.", "project", None, None),
    ("Pysyvää toimintaa.", "permanent", None, None),
    ("pysyvä", "permanent", None, None),
    ("Pysyvät", "permanent", None, None),
    ("Jatkuvaa toimintaa.", "permanent", None, None),
    ("Lukuvuosittain jatkuva, tapauskohtaisesti", "permanent", None, None),
    ("Tarve arvioitava säännöllisesti / jatkuva", "permanent", None, None),
    (
        "Suunnitellusti vuosittain tietyille luokka-asteille; Kehittäminen pysyväksi toiminnaksi",
        "permanent",
        None,
        None,
    ),
    (
        "Pysyvää toimintaa; Koulupoissaolojen toimintamalli käyttöön alkaen syyskuu; 2020",
        "permanent",
        None,
        None,
    ),
    ("2021; Pysyvää toimintaa", "permanent", None, None),
    (
        "Pysyvää toimintaa Vanhempainkoulumalli käyntiin 2021 Pysyvä toiminta",
        "permanent",
        None,
        None,
    ),
    # several kinds of work: the permanence is left unknown
    ("Osa pysyvää, osa hanke/kuntarahoituksella.", "unknown", None, None),
    ("MLL:n hanke 2020 Verkostotyö pysyvää toimintaa", "unknown", None, None),
    ("Pysyvää toimintaa. Erityisresursoitu ryhmä aloitetaan kokeiluna", "unknown", None, None),
    (
        "Jatkuvaa toimintaa ja lisäksi toteutetaan kokeiluja toiminnan kehittämiseksi.",
        "unknown",
        None,
        None,
    ),
    ("Järjestöjen pysyvää toimintaa sekä hanketoimintaa", "unknown", None, None),
    ("Jatkuvaa Projektit ja hankkeet kausiluontoisia", "unknown", None, None),
    # an aim, not how the work is done
    ("Tavoitteena on, että osallisuus on pysyvää toimintaa.", "unknown", None, None),
    ("Tavoite on tehdä lapsivaikutusten arvioinnista kattava käytäntö.", "unknown", None, None),
    # nothing the helpers read
    ("Lukuvuosittain", "unknown", None, None),
    ("Tarve arvioidaan vähintään vuosittain", "unknown", None, None),
    ("Kertaluontoinen tai muutaman kerran tapaaminen", "unknown", None, None),
    ("Saagan perustoimintaa", "unknown", None, None),
    (
        "Tavoitteena on laajentaa olemassa olevaa kohtaamispaikka-toimintaa. "
        "Perhekeskuksen toiminnan käynnistyminen vuoden 2020 aikana.",
        "unknown",
        None,
        None,
    ),
    ("", "unknown", None, None),
    # Swedish and English plans
    ("Från 2024, bestående verksamhet", "permanent", date(2024, 1, 1), None),
    ("fr.o.m. år 2025", "unknown", date(2025, 1, 1), None),
    ("Försök till slutet av 2025", "pilot", None, date(2025, 12, 31)),
    ("Projekt 2024–2026", "project", None, None),
    ("Ongoing since 2019", "permanent", date(2019, 1, 1), None),
    ("A trial until the end of 2026", "pilot", None, date(2026, 12, 31)),
]


@pytest.mark.parametrize("text, expected, _start, _end", SCHEDULES)
def test_permanence_names_one_kind_of_work_or_unknown(text, expected, _start, _end):
    assert permanence(text) == expected


@pytest.mark.parametrize("text, _permanence, expected, _end", SCHEDULES)
def test_start_date_is_the_first_of_january_of_the_starting_year(text, _permanence, expected, _end):
    assert start_date(text) == expected


@pytest.mark.parametrize("text, _permanence, _start, expected", SCHEDULES)
def test_end_date_is_the_last_of_december_of_the_ending_year(text, _permanence, _start, expected):
    assert end_date(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Osa pysyvää, osa hanke/kunta-rahoituksella.", {"permanent", "project"}),
        ("Pysyvää toimintaa. Erityisresursoitu ryhmä aloitetaan kokeiluna", {"permanent", "pilot"}),
        ("Vielä hanke, haetaan vakituista rahoitusta.", {"project"}),
        ("Tavoitteena on, että osallisuus on pysyvää toimintaa.", {"permanent"}),
        ("Lukuvuosittain", set()),
    ],
)
def test_kinds_of_work_names_every_kind_in_the_text(text, expected):
    assert kinds_of_work(text) == expected


@pytest.mark.parametrize(
    "text, start, end",
    [
        ("2024 alkaen", date(2024, 1, 1), None),
        ("2024–2026", date(2024, 1, 1), date(2026, 12, 31)),
        ("2024-2026", date(2024, 1, 1), date(2026, 12, 31)),
        ("Vuosina 2024 - 2026, sitten pysyvää", date(2024, 1, 1), date(2026, 12, 31)),
        ("syksy 2025", date(2025, 8, 1), date(2025, 12, 31)),
        ("Syksyllä 2025", date(2025, 8, 1), date(2025, 12, 31)),
        ("keväällä 2024", date(2024, 1, 1), date(2024, 5, 31)),
        ("hösten 2025", date(2025, 8, 1), date(2025, 12, 31)),
        ("från 2025", date(2025, 1, 1), None),
        ("Kokeilu vuoden 2020 loppuun asti", None, date(2020, 12, 31)),
        ("Pilotti 1.1.24-30.6.24", None, None),
        ("Pysyvää toimintaa", None, None),
        ("2026–2024", None, None),
    ],
)
def test_dates_reads_spans_of_years_and_seasons(text, start, end):
    assert dates(text) == (start, end)

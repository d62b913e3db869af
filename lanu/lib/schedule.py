"""What a schedule (aikataulu) says about the work: its permanence, its start and its end.

Plans write schedules as free text: "2020 alkaen", "Aloitettu vuonna 2019",
"Pysyvää toimintaa", "Kokeilu vuoden 2020 loppuun asti", in Swedish "från 2024",
"Försök till slutet av 2025". These helpers read what the text states plainly and
answer "unknown" or None for everything else.
"""

import re
from datetime import date

START = re.compile(
    r"\b(20\d\d) alkaen\b|\baloitettu vuo(?:nna|den) (20\d\d)\b"
    r"|\b(?:från och med|fr\.o\.m\.|från|sedan) (?:år )?(20\d\d)\b"
    r"|\b(?:from|since|starting(?: in)?) (20\d\d)\b",
    re.IGNORECASE,
)
END = re.compile(
    r"\bvuoden (20\d\d) loppuun\b|\btill (?:utgången|slutet) av (?:år )?(20\d\d)\b"
    r"|\buntil the end of (20\d\d)\b",
    re.IGNORECASE,
)
YEARS = re.compile(r"(?<![\d.])(20\d\d)\s*[-–—]\s*(20\d\d)(?![\d.])")
SEASONS = (  # a season of a year: its words, its first and last (month, day)
    (re.compile(r"\b(?:kevä\w*|vår\w*|spring)\s+(20\d\d)\b", re.IGNORECASE), (1, 1), (5, 31)),
    (re.compile(r"\b(?:kesä\w*|sommar\w*|summer)\s+(20\d\d)\b", re.IGNORECASE), (6, 1), (8, 31)),
    (re.compile(r"\b(?:syks\w*|höst\w*|autumn)\s+(20\d\d)\b", re.IGNORECASE), (8, 1), (12, 31)),
)
KINDS_OF_WORK = (  # Finnish, Swedish and English words
    ("permanent", re.compile(r"\bpysyv|\bjatkuv|\bpermanent|\bbestående|\bongoing", re.I)),
    ("project", re.compile(r"\bhanke|\bhankk|\bprojekt|\bproject", re.IGNORECASE)),
    ("pilot", re.compile(r"\bkokeilu|\bpilot|\bförsök|\btrial", re.IGNORECASE)),
)


def permanence(text: str) -> str:
    """ "permanent", "project" or "pilot" when the text names one kind of work, else "unknown".

    A text stating an aim ("Tavoitteena on, että … pysyvää") says nothing about the work.
    """
    if text.lower().startswith("tavoit"):
        return "unknown"
    found = kinds_of_work(text)
    return found.pop() if len(found) == 1 else "unknown"


def kinds_of_work(text: str) -> set[str]:
    """Every kind of work the text names: "Osa pysyvää, osa hanke" names two."""
    return {kind for kind, pattern in KINDS_OF_WORK if pattern.search(text)}


def start_date(text: str) -> date | None:
    """1 January of the year the work starts: "2020 alkaen", "Aloitettu vuonna 2019",
    "från 2024", "from 2024"."""
    match = START.search(text)
    return date(year_of(match), 1, 1) if match else None


def end_date(text: str) -> date | None:
    """31 December of the year the work ends: "vuoden 2021 loppuun", "till slutet av
    2021", "until the end of 2021"."""
    match = END.search(text)
    return date(year_of(match), 12, 31) if match else None


def year_of(match: re.Match) -> int:
    """The year one of the pattern's alternatives found."""
    return int(next(group for group in match.groups() if group))


def dates(text: str) -> tuple[date | None, date | None]:
    """The start and end a schedule states: "2024 alkaen", "vuoden 2025 loppuun", a span
    of years ("2024–2026": 1.1.2024–31.12.2026) or a season ("syksy 2025": 1.8.–31.12.2025).
    What a document reader sets as an action's start_date and end_date."""
    start, end = start_date(text), end_date(text)
    years = YEARS.search(text)
    if years and int(years[1]) <= int(years[2]):
        start = start or date(int(years[1]), 1, 1)
        end = end or date(int(years[2]), 12, 31)
    for pattern, first, last in SEASONS:
        season = pattern.search(text)
        if season and start is None and end is None:
            year = int(season[1])
            start, end = date(year, *first), date(year, *last)
    return start, end

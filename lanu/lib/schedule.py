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

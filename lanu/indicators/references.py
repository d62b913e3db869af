"""Reference values written in a plan's text: "8. ja 9. luokkalaisista, koko maa: 75,2 %",
"hela landet 12,3 procent (2019)", "0–6-vuotiaiden määrä, koko maa: -16,3%".

Each value follows a phrase naming the whole country (koko maa, koko maan tilanne, hela
landet, whole country). Its population group is the last one named before it in its
own sentence and since the previous value (4.-5. luokka, 8.-9. luokka, lukio,
ammatillinen, 4-vuotiaiden huoltajat, an age range such as 0-6-vuotiaat), written as one
Finnish key whatever the language.
Its year is one written in the phrase ("koko maa 2019: 41,6 %"), or else that of the
next citation in brackets ("(Kouluterveyskysely 2019)", "(2019)"), or else the latest
year of the sources not cited in the text.
"""

import re
from dataclasses import dataclass
from decimal import Decimal

from lanu.lib.numbers import finnish_digits

YEAR = r"(?:19|20)\d\d"
# Thousands separated by a space of any width or by points, or none (lanu.lib.numbers).
NUMBER = r"\d{1,3}(?:[ \u00a0\u202f.]\d{3})+(?!\d)(?:,\d+)?|\d+(?:[.,]\d+)?"
REFERENCE = re.compile(
    r"\b(?:koko\s+maa(?:n\s+tilanne|ssa)?|hela\s+landet|(?:the\s+)?whole\s+country)"
    rf"\s*\(?\s*(?P<year>{YEAR})?\s*\)?\s*[:=]?\s*"
    rf"(?P<sign>[-−–])?\s*(?P<number>{NUMBER})\s*(?P<unit>%|‰|prosenttia|procent|per\s*cent)?",
    re.IGNORECASE,
)
SENTENCE_BREAK = re.compile(r"[.!?]\s+(?=[A-ZÅÄÖ])")
CITATION = re.compile(rf"\([^()]*?\b({YEAR})\)")


def grades(match: re.Match) -> str:
    first, last = match.group("first"), match.group("last")
    return f"{first}.-{last}. luokka" if last else f"{first}. luokka"


def ages(match: re.Match) -> str:
    return f"{match.group('first')}-{match.group('last')}-vuotiaat"


def guardians(match: re.Match) -> str:
    return f"{match.group('age')}-vuotiaiden huoltajat"


GRADES = r"(?P<first>\d{1,2})\.?(?:\s*(?:ja|och|and|[-–])\s*(?P<last>\d{1,2})\.?)?"
GROUPS = [
    (rf"\b{GRADES}\s*(?:luok|lk\b|klass|grade)", grades),
    (rf"\b(?:årskurs(?:erna)?|åk|grades?|luokat|luokilla)\s*{GRADES}", grades),
    (r"\b(?P<first>\d{1,2})\s*[-–]\s*(?P<last>\d{1,2})\s*-?\s*(?:vuotia|åring|year)", ages),
    (r"\b(?P<age>\d{1,2})\s*-?\s*vuotiaiden\s+(?:lasten\s+)?huoltaj", guardians),
    (r"\bvårdnadshavare\s+(?:till|för|åt)\s+(?P<age>\d{1,2})\s*-?\s*åringar", guardians),
    (r"\bparents\s+of\s+(?P<age>\d{1,2})\s*-?\s*year", guardians),
    (r"lukio|gymnasi|general\s+upper\s+secondary", lambda m: "lukio"),
    (r"ammatti|ammatillis|yrkes|vocational", lambda m: "ammatillinen"),
]
GROUP_PATTERNS = [(re.compile(pattern, re.IGNORECASE), key) for pattern, key in GROUPS]


@dataclass(frozen=True)
class Reference:
    """One value of the whole country: its group ("" for none), year, value and unit."""

    group: str
    year: int | None
    value: Decimal
    unit: str


def references(text: str, sources: str = "") -> list[Reference]:
    """The whole country's values in the text, in the order written."""
    found = []
    start = 0
    fallback = uncited_year(text, sources)
    for match in REFERENCE.finditer(text):
        group = last_group(this_sentence(text[start : match.start()]))
        year = match.group("year") or cited_year(text, match.end()) or fallback
        found.append(Reference(group, int(year) if year else None, value(match), unit(match)))
        start = match.end()
    return found


def this_sentence(text: str) -> str:
    """The end of the text from its last sentence break (a full stop and a capital
    letter): "(15–49-vuotiaasta) naista kohti. Koko maa" is not about 15-49-year-olds."""
    breaks = list(SENTENCE_BREAK.finditer(text))
    return text[breaks[-1].end() :] if breaks else text


def last_group(text: str) -> str:
    """The population group named last in the text ("" if none): where two names end at
    the same place (4-vuotiaiden huoltajista), the longer one."""
    matches = [
        (m.end(), m.end() - m.start(), key(m))
        for p, key in GROUP_PATTERNS
        for m in p.finditer(text)
    ]
    return max(matches)[2] if matches else ""


def cited_year(text: str, after: int) -> str | None:
    """The year of the next citation in brackets: a citation covers the values before it."""
    citation = CITATION.search(text, after)
    return citation.group(1) if citation else None


def uncited_year(text: str, sources: str) -> str | None:
    """The latest year of the sources not cited in the text, else the latest of them all."""
    cited = {match.group(1) for match in CITATION.finditer(text)}
    years = re.findall(rf"\b{YEAR}\b", sources)
    uncited = [year for year in years if year not in cited]
    return max(uncited or years, default=None)


def value(match: re.Match) -> Decimal:
    number = Decimal(finnish_digits(match.group("number")))
    return -number if match.group("sign") else number


def unit(match: re.Match) -> str:
    written = (match.group("unit") or "").lower()
    return "‰" if written == "‰" else "%" if written else ""

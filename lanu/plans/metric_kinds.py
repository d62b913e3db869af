"""The kind of a metric (number, percentage, yes/no, text), and guessing it from the wording.

A metric's kind decides how its value is entered, checked, stored and charted. A
plan document says nothing of kinds, so the import and the migration that added
kinds guess one from the metric's words, Finnish and Swedish, with guess_kind():
a share ("osuus", "%", "andel") is a percentage, a count ("määrä", "lukumäärä",
"antal") a number, something done or in use ("luotu", "käytössä", "toteutuu",
"on/ei", "införd", "i bruk") yes/no. A metric the words do not tell is a number,
as every metric was before kinds. The coordinator changes the kind in the
action's form. Pure functions, no models: the migration imports this module.
"""

import re

NUMBER, PERCENTAGE, YES_NO, TEXT = "number", "percentage", "yes_no", "text"
KINDS = (NUMBER, PERCENTAGE, YES_NO, TEXT)

# Whole words (or word beginnings, for Finnish and Swedish inflection), in the order tried.
WORDINGS = [
    (PERCENTAGE, r"%|\bosuu[sd]|\bprosent|\bandel"),
    (NUMBER, r"määrä|\bantal|\bkpl\b|\blkm\b"),
    (YES_NO, r"\bluotu|\bkäytös|\btoteutu[uint]|\bon\s*/\s*ei\b|\bkyllä\s*/\s*ei\b"),
    (YES_NO, r"\binförd|\bi bruk\b|\bja\s*/\s*nej\b|\bgenomför[dt]"),
]
PATTERNS = [(kind, re.compile(words, re.IGNORECASE)) for kind, words in WORDINGS]


def guess_kind(text: str) -> str:
    """The kind the metric's wording suggests: e.g. "Palautejärjestelmä luotu" -> yes/no."""
    return next((kind for kind, pattern in PATTERNS if pattern.search(text)), NUMBER)

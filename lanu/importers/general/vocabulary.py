"""The words plan documents use for their columns and goal levels, in Finnish, Swedish
and English, and how a header is matched against them.

Plans call the same thing by many names: the action column is "Toimenpide",
"Toimenpiteet / keinot", "Åtgärder" or "Actions"; the goal levels are "Painopiste",
"Periaate", "Fokusområde", "Tavoite", "Mål", "Välitavoite", "Delmål"… So the names
live in one data table, `HEADER_WORDS`, not in code branches: adding a word a new
document uses is adding it there.

How a header is matched (`role_of`, `level_of`):
- the text is made `plain`: lower case, accents removed (å ä ö → a a o), and split
  into words at anything that is not a letter or a digit, so "Vastuutaho(t)",
  "toimija(t) / toteuttaja(t)" and "MITTARIT" are words like any other;
- a pattern `stem*` matches the words that begin with the stem, so Finnish and Swedish
  inflections match ("toimenpi*": toimenpide, toimenpiteet, toimenpiteitä); `*stem*`
  matches it also as the last part of a compound ("*mittar*": seurantamittari); a
  pattern without `*` is the whole word ("mal": Swedish "mål", never "malli"); a
  pattern of several words is a phrase ("seuranta ja arviointi");
- within one word, the pattern that reaches furthest into the word wins, then the
  longest: a Finnish or Swedish compound's last part is what it is ("seurantamittari"
  is a metric, "insatsområde" a focus area, "välitavoite" a sub-goal);
- the priority rule for a header of several words: it is cut into alternatives at
  "/", ",", ";", ":", "?", brackets, a dash between spaces, a line break and the words
  ja, tai, sekä, och, eller, samt, and, or; the FIRST alternative with a known word
  decides, since people name the column's content first and add the rest after
  ("Mittari / toteutuminen" is the metrics, "seuranta / arviointi / ohjaus" the
  monitoring, "Toimenpiteet ja keinot" the action, "Mitä tehdään? (toimenpide)" the
  action: its first alternative has no known word). Within one alternative the LAST
  known word decides, since Finnish, Swedish and English noun phrases end with their
  head: "Toimenpiteen vastuutaho" is the responsible party, "Tavoitteen mittari" the
  metrics, "Action owner" the responsible party. A phrase is one known word
  ("measure of success" is a metric, though "measure" alone is an action); a whole
  header that is a phrase with a conjunction in it ("seuranta ja arviointi") is that
  phrase;
- a word broken over two lines of a narrow cell ("Vastuu-⏎taho") is joined again,
  and soft hyphens are ignored;
- text of more than `HEADER_WORDS_MAX` words is not a header but a cell's content.

The goal levels have a rank, 1 for the outermost ("painopiste", "päätavoite",
"periaate", "fokusområde"), 2 for the usual goal ("tavoite", "mål"), 3 for the
innermost ("välitavoite", "delmål"): the goal-level columns of a table are ranked by
it, so two level columns are the goal and the sub-goal whatever their words.
"""

import re
from dataclasses import dataclass

from lanu.lib.text import plain, words

# role, goal level (1 = outermost; 0 for other roles), patterns.
# "stem*": the words beginning with the stem; "*stem*": also as a compound's last
# part; no "*": the whole word; several words: a phrase. Written plain (see `plain`).
HEADER_WORDS: tuple[tuple[str, int, tuple[str, ...]], ...] = (
    (
        "goal",
        1,
        (
            # fi
            "painopiste*",
            "*painopiste*",
            "painoalue*",
            "paatavoit*",
            "periaat*",
            "teema*",
            "*teema*",
            "toimintalinj*",
            "paamaar*",
            # sv
            "fokusomrad*",
            "insatsomrad*",
            "huvudmal*",
            "tema",
            "teman",
            "princip*",
            "prioritering*",
            # en
            "priorit*",
            "focus area*",
            "theme*",
            "strategic goal*",
        ),
    ),
    (
        "goal",
        2,
        (
            "tavoit*",
            "*tavoit*",
            "kehittamiskoh*",
            "mal",
            "malet",
            "malen",
            "malsattning*",
            "goal*",
            "aim",
            "aims",
        ),
    ),
    (
        "goal",
        3,
        (
            "valitavoit*",
            "osatavoit*",
            "alatavoit*",
            "delmal*",
            "sub goal*",
            "subgoal*",
            "objective*",
        ),
    ),
    (
        "action",
        0,
        (
            "toimenpi*",
            "*toimenpi*",
            "keino*",
            "toiminta",
            "toiminnot",
            "tehtava",
            "tehtavat",
            "atgard*",
            "*atgard*",
            "insats",
            "insatser*",
            "action*",
            "measure",
            "measures",
            "activit*",
            "aktivitet*",
            "verksamhet*",
            "intervention*",
        ),
    ),
    (
        "responsible",
        0,
        (
            "vastuu*",
            "*vastuu*",
            "vastuutaho*",
            "vastuuhenkilo*",
            "vastaava*",
            "taho",
            "tahot",
            "toteuttaja*",
            "yhteyshenkilo*",
            "kuka",
            "ansvar*",
            "responsib*",
            "lead",
            "owner*",
        ),
    ),
    (
        "organisation",
        0,
        (
            "organisaatio*",
            "toimija*",
            "kunta",
            "kunnat",
            "aktor*",
            "organisation*",
            "organization*",
            "kommun",
            "kommuner",
        ),
    ),
    (
        "schedule",
        0,
        (
            "aikataulu*",
            "aikajan*",
            "ajankoh*",
            "toteutusaik*",
            "ajoitus*",
            "vuosi",
            "*vuosi*",
            "vuodet",
            "tidsram*",
            "milloin",
            "tidtabell*",
            "tidplan*",
            "tidsplan*",
            "tidpunkt*",
            "nar",
            "schedule*",
            "timeline*",
            "timetable*",
            "timing",
            "when",
            "deadline*",
        ),
    ),
    (
        "metrics",
        0,
        (
            "mittar*",
            "*mittar*",
            "arvioin*",
            "arviointikriteer*",
            "*indikaattor*",
            "indikaattor*",
            "tavoitetaso*",
            "tavoitearvo*",
            "tunnusluku*",
            "matare*",
            "matt",
            "indikator*",
            "metric*",
            "indicator*",
            "measure of success",
            "measures of success",
            "performance measure*",
            "kpi*",
        ),
    ),
    (
        "monitoring",
        0,
        (
            "seurant*",
            "seurann*",
            "seuranta ja arviointi",
            "arviointi ja seuranta",
            "uppfoljning*",
            "monitoring",
            "follow up",
            "followup",
            "raportoin*",
            "rapportering*",
            "reporting",
        ),
    ),
    (
        "resources",
        0,
        (
            "resurs*",
            "*resurs*",
            "kustannu*",
            "rahoitu*",
            "budjet*",
            "kostnad*",
            "finansiering*",
            "budget*",
            "funding",
            "cost*",
        ),
    ),
    (
        "partners",
        0,
        (
            "yhteistyotaho*",
            "*kumppan*",
            "kumppan*",
            "yhteistyo",
            "yhteistyossa",
            "samarbetspart*",
            "samarbete",
            "partner*",
            "muut toimijat",
            "muut tahot",
            "ovriga aktorer",
        ),
    ),
    (
        "status",
        0,
        (
            "tila",
            "tilanne*",
            "toteutumi*",
            "toteutun*",
            "edistymi*",
            "etenemi*",
            "status",
            "lage",
            "lages*",
            "progress",
        ),
    ),
    # known headers of what the reader keeps in the action's notes
    (
        "other",
        0,
        (
            "huomio*",
            "huomautu*",
            "lisatie*",
            "kommentt*",
            "lisatyt painopisteet",
            "lisattyja painopisteita",
            "kommentar*",
            "anmarkning*",
            "comment*",
            "note",
            "notes",
            "remarks",
        ),
    ),
)

# Header words whose column holds organisations in some plans and people or units in
# others ("toteuttaja": "Kouvolan kaupunki" or "perhekeskuksen työntekijät"): such a
# column is decided by its values (columns.organisation_like).
BY_VALUES: tuple[str, ...] = ("toimija*", "toteuttaja*", "vastuutaho*", "aktor*", "taho", "tahot")

# The words that start a goal heading in running text: "Päätavoite I:", "Painopiste 2.",
# "Tavoite 1.3", "Mål 2 –". Whole words in the singular, plain; their level is the
# one in HEADER_WORDS.
HEADING_WORDS: tuple[str, ...] = (
    "painopiste",
    "painopistealue",
    "painoalue",
    "paatavoite",
    "periaate",
    "teema",
    "fokusomrade",
    "insatsomrade",
    "huvudmal",
    "tema",
    "princip",
    "priority",
    "focus area",
    "theme",
    "principle",
    "tavoite",
    "kehittamiskohde",
    "mal",
    "goal",
    "valitavoite",
    "osatavoite",
    "alatavoite",
    "delmal",
    "sub goal",
    "subgoal",
    "objective",
)

HEADER_WORDS_MAX = 10  # a longer text is a cell's content, not a header
LEVEL_ROLES = ("goal", "subgoal", "subgoal2")  # by rank, from the outermost in


@dataclass(frozen=True)
class Match:
    role: str
    level: int  # the goal level's rank, 0 for other roles
    by_values: bool  # decided by the column's values (BY_VALUES)
    length: int = 1  # how many words it covers (a phrase: several)


def role_of(header: str) -> str:
    """The role a column with this header has, one of result.ROLES ("goal" for every
    goal level: see `level_of`), or "" when no word of it is known."""
    found = match(header)
    return found.role if found else ""


def level_of(header: str) -> int:
    """The goal level's rank of the header's first goal word (1 = outermost: painopiste,
    päätavoite, periaate, fokusområde; 2: tavoite, mål; 3: välitavoite, delmål), 0 when
    the header is not a goal level. Works on a heading's text too ("Päätavoite I: …")."""
    found = match(header)
    return found.level if found and found.role == "goal" else 0


def by_values(header: str) -> bool:
    """Whether the header's word is one whose column is an organisation or a responsible
    party depending on its values ("toteuttaja", "toimija", "vastuutaho")."""
    found = match(header)
    return bool(found and found.by_values)


def match(header: str) -> Match | None:
    """The role of the header's first alternative that has a known word, the last known
    word of it deciding (see the module's docstring)."""
    text = plain(rejoin_hyphenated(header))
    if not words(text) or len(words(text)) > HEADER_WORDS_MAX:
        return None
    whole = phrase_at(words(text), 0)
    if whole and whole.length == len(words(text)):
        return whole
    for alternative in ALTERNATIVES.split(text):
        found = head_of(words(alternative))
        if found:
            return found
    return None


def head_of(tokens: list[str]) -> Match | None:
    """The last known word or phrase of one noun phrase: its head ("toimenpiteen
    vastuutaho" is a responsible party, "action owner" too)."""
    found, start = None, 0
    while start < len(tokens):
        here = phrase_at(tokens, start) or word_match(tokens[start])
        if here:
            found = here
        start += here.length if here else 1
    return found


def rejoin_hyphenated(text: str) -> str:
    """A word broken over two lines of a narrow cell ("Vastuu-\ntaho") is one word."""
    return HYPHENATED.sub(r"\1\2", text)


HYPHENATED = re.compile(r"([^\W\d_])-[ \t]*\n\s*(?!(?:ja|tai|och|eller|and|or)\b)([^\W\d_])")
# What separates the alternatives of a header: "Mittari / toteutuminen",
# "toimija(t) / toteuttaja(t)", "Mitä tehdään? (toimenpide)", "Toimenpiteet ja keinot".
ALTERNATIVES = re.compile(
    r"[/,;:()\[\]?!|+&\n]|\s[-–—]\s|\s(?:ja|tai|seka|och|eller|samt|and|or)\s"
)


def phrase_at(tokens: list[str], start: int) -> Match | None:
    """The longest phrase of the vocabulary starting at this word, if any; its last
    word may be inflected like a single word ("focus areas")."""
    best: Match | None = None
    for role, level, pattern in PHRASES:
        parts = pattern.split()
        last = start + len(parts) - 1
        if last >= len(tokens) or tokens[start:last] != parts[:-1]:
            continue
        if reach(tokens[last], parts[-1]) is not None and (
            best is None or len(parts) > best.length
        ):
            best = Match(role, level, is_by_values(pattern), len(parts))
    return best


def word_match(word: str) -> Match | None:
    """The pattern that reaches furthest into the word, then the longest: a compound's
    last part decides ("seurantamittari" is a metric, not monitoring)."""
    best: tuple[tuple[int, int], Match] | None = None
    for role, level, pattern in SINGLE_WORDS:
        end = reach(word, pattern)
        if end is None:
            continue
        rank = (end, len(pattern.strip("*")))
        if best is None or rank > best[0]:
            best = (rank, Match(role, level, is_by_values(pattern)))
    return best[1] if best else None


def reach(word: str, pattern: str) -> int | None:
    """Where in the word the pattern's stem ends, or None when it does not match."""
    stem = pattern.strip("*")
    if not pattern.endswith("*"):
        return len(word) if word == stem else None
    if word.startswith(stem):
        return len(stem)
    if pattern.startswith("*"):
        # a compound's part: after a first part of at least three letters
        place = word.find(stem, 3)
        return place + len(stem) if place >= 0 else None
    return None


def is_by_values(pattern: str) -> bool:
    return pattern.lstrip("*") in BY_VALUES


def heading_level_word(paragraph_text: str) -> tuple[str, str, str] | None:
    """A goal heading in running text, as (role, number, title): "Päätavoite I: Lasten
    …" → ("goal", "I", "Lasten …"), "Tavoite 1.3 Turvallinen arki" → ("subgoal", "1.3",
    …), "Mål 3 – …", "PAINOPISTE 2. …".

    The role is the word's usual place (LEVEL_ROLES by its rank: päätavoite and
    painopiste are goals, tavoite a sub-goal, välitavoite a third level); a document
    that uses fewer levels ranks its own. The number (1, 1.3, a Roman numeral in capitals,
    a letter) is required, or else a colon after the word ("Painopiste: …"), so that a
    sentence like "Tavoite on…" or "Mål i skolan" is not a heading. A leading section
    number ("1.1 |") is skipped. The title is "" when it is the next paragraph
    ("PÄÄTAVOITE III:")."""
    text = " ".join(paragraph_text.split())
    found = HEADING.match(plain(text))
    if not found or len(plain(text)) != len(text):
        return None
    level = level_of(found.group("word").replace("-", " "))
    number = text[found.start("number") : found.end("number")] if found.group("number") else ""
    if ROMAN.fullmatch(number) and not number.isupper():
        return None  # "Mål i skolan": a word, not a numeral
    if not level or not (number or found.group("colon")):
        return None
    return LEVEL_ROLES[level - 1], number, text[found.start("title") :].strip()


ROMAN = re.compile(r"[ivxlcIVXLC]+")
_WORDS = "|".join(
    re.escape(w).replace(r"\ ", "[ -]") for w in sorted(HEADING_WORDS, key=len, reverse=True)
)
HEADING = re.compile(
    r"^(?:\d+(?:\.\d+)*\.?\s*(?:\|\s*)?)?"  # a section number before the word
    rf"(?P<word>{_WORDS})(?!\w)"
    r"(?:\s+(?P<number>\d+(?:\.\d+)*|[ivxlc]+|[a-z])(?!\w))?"
    r"\s*(?P<colon>[:.)–—-])?\s*"
    r"(?P<title>.*)$"
)

PHRASES = tuple(
    (role, level, pattern)
    for role, level, patterns in HEADER_WORDS
    for pattern in patterns
    if " " in pattern
)
SINGLE_WORDS = tuple(
    (role, level, pattern)
    for role, level, patterns in HEADER_WORDS
    for pattern in patterns
    if " " not in pattern
)

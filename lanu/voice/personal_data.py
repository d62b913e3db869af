"""Personal data in a free-text answer, found for the moderator: e-mail addresses,
phone numbers, Finnish personal identity codes (henkilötunnus) and first names.

found(text) gives each finding with its place (a Span), so the moderator sees the words
marked; found_in(text) gives the kinds found (Finding.EMAIL …), each once, in this order,
which answering.py stores in Answer.personal_data. It warns; it does not decide: the
moderator reads the answer and publishes or rejects it.

Names come from data/first_names.txt (common Finnish and Swedish first names). A name
that is also a common word (onni, toivo, satu; Swedish per, bo) is flagged only where it
stands as a name: capitalised inside a sentence, or before a capitalised surname. Other
names are flagged wherever they stand, in lower case too (children write "mikko"), and a
capitalised name inside a sentence also in its inflected forms (Mikolle, Annan, Eriks).
"""

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import models
from django.utils.translation import gettext_lazy as _

NAMES_FILE = Path(__file__).parent / "data" / "first_names.txt"


class Finding(models.TextChoices):
    EMAIL = "email", _("e-mail address")
    PHONE = "phone", _("phone number")
    IDENTITY_CODE = "identity_code", _("personal identity code")
    NAME = "name", _("name")


@dataclass(frozen=True)
class Span:
    """Where in the text a piece of personal data stands: text[start:end]."""

    kind: str
    start: int
    end: int


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+")

# A number as people write it: +358 40 1234567, 00358401234567, 040 123 4567,
# 040-1234567, (09) 123 4567. The prefix is a 0 and an area or operator code that starts
# with 1-9, written together (so a score scale "0 1 2 3" or "0-10" is none); a hyphen only
# after the prefix (so a date 01-12-2024 is none). Digits are counted after the match.
PHONE = re.compile(
    r"(?<![\w+.,/:])"
    r"(?:(?P<international>(?:\+|00)358)[ -]?(?:\(0\) ?)?|\(?(?P<national>0)(?=[1-9]))"
    r"(?P<prefix>[1-9]\d{0,2})\)?"
    r"(?P<groups>(?:[ -]?\d+)?(?: \d+)*)"
    r"(?![\d,.:/]\d|[\w@])"
)
# After the 0 (or +358): mobile 40 1234567 (9), Helsinki 9 1234567 (8), Kotka 5 123456 (7)
PHONE_DIGITS = range(7, 11)

# ddmmyy, the century mark of 2023 (+ 1800s; - Y X W V U 1900s; A-F 2000s), the
# individual number and the check character.
IDENTITY_CODE = re.compile(
    r"(?<![\w-])(?P<date>(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d\d)(?P<mark>[-+A-FU-Y])"
    r"(?P<number>\d{3})(?P<check>[0-9A-Y])(?!\w)",
    re.IGNORECASE,
)
CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"

WORD = re.compile(r"[^\W\d_]+")
SENTENCE_END = re.compile(r"(^|[.!?:;…\n])[\s\"'“”«»()\[\]*-]*$")
# Finnish case endings and clitics a name takes (longest first), and Swedish genitive s.
NAME_ENDINGS = sorted(
    "n a ä ta tä lla llä lta ltä lle ssa ssä sta stä ksi kin lle ineen na nä ne s "
    "lläkin llekin nkin han hän hen hin hon hun".split(),
    key=len,
    reverse=True,
)


def found(text: str) -> list[Span]:
    """Every piece of personal data in the text, in reading order, none overlapping."""
    spans = emails(text) + identity_codes(text)
    spans += [span for span in phones(text) if not overlaps(span, spans)]
    spans += [span for span in names(text) if not overlaps(span, spans)]
    return sorted(spans, key=lambda span: span.start)


def found_in(text: str) -> list[str]:
    """The kinds of personal data the text seems to hold, each once, in Finding's order."""
    kinds = {span.kind for span in found(text)}
    return [kind for kind in Finding.values if kind in kinds]


def overlaps(span: Span, others: list[Span]) -> bool:
    return any(span.start < other.end and other.start < span.end for other in others)


def emails(text: str) -> list[Span]:
    return [Span(Finding.EMAIL, m.start(), m.end()) for m in EMAIL.finditer(text)]


def identity_codes(text: str) -> list[Span]:
    return [
        Span(Finding.IDENTITY_CODE, m.start(), m.end())
        for m in IDENTITY_CODE.finditer(text)
        if valid_identity_code(m)
    ]


def valid_identity_code(match: re.Match) -> bool:
    """The code's check character is right (ddmmyy and the individual number mod 31)."""
    number = int(match.group("date") + match.group("number"))
    return CHECK_CHARACTERS[number % 31] == match.group("check").upper()


def phones(text: str) -> list[Span]:
    spans = []
    for match in PHONE.finditer(text):
        end = phone_end(match)
        if end is not None:
            spans.append(Span(Finding.PHONE, match.start(), end))
    return spans


def phone_end(match: re.Match) -> int | None:
    """Where the number ends: a trailing group that makes it too long is another number
    ("040 123 4567 10 kertaa"); None if it is no phone number (too short)."""
    groups = match.group("groups")
    base = match.start("groups")
    digits = len(match.group("prefix"))
    end = match.end("prefix") if match.group("groups") == "" else base
    for part in re.finditer(r"[ -]?(\d+)", groups):
        if digits + len(part.group(1)) > PHONE_DIGITS.stop - 1:
            break
        digits += len(part.group(1))
        end = base + part.end()
    if digits not in PHONE_DIGITS:
        return None
    return max(end, match.end("prefix"))


@cache
def first_names() -> dict[str, bool]:
    """Each name in lower case: True when it is also a common word."""
    table = {}
    for line in NAMES_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _space, mark = line.partition(" ")
            table[name.lower()] = mark.strip() == "*"
    return table


def names(text: str) -> list[Span]:
    spans: list[Span] = []
    words = list(WORD.finditer(text))
    for index, word in enumerate(words):
        following = words[index + 1] if index + 1 < len(words) else None
        if is_name(text, word, following):
            end = word.end()
            if following and surname_follows(text, word, following):
                end = following.end()
            if not overlaps(Span(Finding.NAME, word.start(), end), spans):
                spans.append(Span(Finding.NAME, word.start(), end))
    return spans


def is_name(text: str, word: re.Match, following: re.Match | None) -> bool:
    token = word.group()
    capitalised = token[0].isupper() and not token.isupper()
    at_start = bool(SENTENCE_END.search(text, 0, word.start()))
    common_word = first_names().get(token.lower())
    if common_word is not None:  # the name itself
        if not capitalised:
            return not common_word
        surname = following is not None and surname_follows(text, word, following)
        return not (at_start and common_word) or surname
    return capitalised and not at_start and inflected_name(token) is not None


def surname_follows(text: str, word: re.Match, following: re.Match) -> bool:
    """The next word is a capitalised word right after this one (Mikko Virtanen)."""
    between = text[word.end() : following.start()]
    token = following.group()
    return between == " " and token[0].isupper() and not token.isupper()


def inflected_name(token: str) -> str | None:
    """The name a word is an inflected form of (Mikolle -> mikko, Annan -> anna)."""
    lower = token.lower()
    for ending in NAME_ENDINGS:
        if not lower.endswith(ending) or len(lower) - len(ending) < 2:
            continue
        stem = lower[: -len(ending)]
        for name in (stem, gradated(stem)):
            if name in first_names():
                return name
    return None


def gradated(stem: str) -> str:
    """The strong grade of a weak stem: Mikon -> Miko -> mikko, Matin -> matti."""
    if len(stem) >= 3 and stem[-2] in "kpt" and stem[-1] in "aeiouyäö":
        return stem[:-1] + stem[-2] + stem[-1]
    return stem

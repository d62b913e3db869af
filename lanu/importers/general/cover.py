"""What a plan's first pages say about it: its name, period, language and organisation.

These are guesses for the person to confirm: the preview prefills them and the command
line's --name, --period and --organisation override them (`Choices.details`). A name is
kept as written, in its own case ("Välfärdsplan för barn och unga i Raseborg").
"""

import re
from pathlib import PurePath

from ..data import OrganisationData
from ..details import organisation_in_title, organisation_lines, organisation_named
from ..org_tables.contents import organisation as named_organisation
from .document import Block, Document, Paragraph
from .result import Guesses, TableFound

COVER_BLOCKS = 40  # the first pages: where a cover names the plan and its organisation
PERIOD_BLOCKS = 80  # the period is often said in the introduction ("vuosille 2024-2026")
PLAN_WORD = re.compile(r"suunnitelm|välfärdsplan|\bplan\b|\bplan för\b", re.IGNORECASE)
PERIOD = re.compile(r"(?<!\d)(20\d\d)\s*[-–—]\s*(20\d\d)(?!\d)")
TOC_LINE = re.compile(r"(?:\.{3,}|…{2,}|\t)\s*\d+\s*$")
FINNISH_WORDS = {"ja", "on", "lasten", "nuorten", "että", "perheiden", "tavoite", "sekä"}
SWEDISH_WORDS = {"och", "för", "att", "barn", "unga", "är", "som", "med", "av", "mål"}


def guess(document: Document, found: list[TableFound] | None = None) -> Guesses:
    """The guesses from the first pages; `found` are the tables' columns as found, whose
    rows above the header (a sheet's title row) are read as the cover too."""
    header_rows = {table.number: table.header_row for table in found or []}
    paragraphs = cover_paragraphs(document.blocks[:PERIOD_BLOCKS], header_rows)
    cover = cover_paragraphs(document.blocks[:COVER_BLOCKS], header_rows)
    name = plan_name(cover) or file_title(document.source)
    start, end = period([name, *(p.text for p in paragraphs), document.source])
    return Guesses(
        name=name,
        period_start=start,
        period_end=end,
        organisations=organisations(cover, name),
        language=language([p.text for p in paragraphs] + header_texts(document)),
    )


def header_texts(document: Document) -> list[str]:
    """The first rows of the first tables: a document that is only tables has words there."""
    return [c.text for t in document.tables()[:3] for row in t.rows[:3] for c in row]


def cover_paragraphs(
    blocks: list[Block], header_rows: dict[int, int] | None = None
) -> list[Paragraph]:
    """The paragraphs before the first table and the first table's rows above its header
    (a sheet's title), but a table of contents' lines."""
    found = []
    for block in blocks:
        if block.table is not None:
            above = (header_rows or {}).get(block.table.number, 0)
            found += [p for row in block.table.rows[:above] for c in row for p in c.paragraphs]
            break
        if block.paragraph is not None and not TOC_LINE.search(block.paragraph.text):
            found.append(block.paragraph)
    return found


def title_like(paragraph: Paragraph) -> bool:
    text = paragraph.text.strip()
    return bool(text) and (paragraph.level > 0 or (len(text.split()) <= 15 and text[-1] != "."))


def plan_name(cover: list[Paragraph]) -> str:
    """The first title naming a plan with its period, else the first naming a plan, as
    written. A heading just before it in the genitive ("Länsi-Uudenmaan
    hyvinvointialueen") is the start of the same name, as is a short line before a title
    that starts in lower case ("Kymenlaakson maakunnallinen" / "lasten ja nuorten …")."""
    names = [
        title_with_start(cover[index - 1] if index else None, paragraph)
        for index, paragraph in enumerate(cover)
        if title_like(paragraph) and PLAN_WORD.search(paragraph.text)
    ]
    return next((name for name in names if PERIOD.search(name)), names[0] if names else "")


def title_with_start(before: Paragraph | None, title: Paragraph) -> str:
    text = title.text.strip()
    if before is not None and text[:1].islower() and title_like(before):
        start = before.text.strip()
        if len(start.split()) <= 6 and not PLAN_WORD.search(start):
            return f"{start} {text}"
    return with_genitive(before, title)


def file_title(source: str) -> str:
    """The file's name when it names a plan ("Haminan kaupungin hyvinvointisuunnitelma
    2024-2027.xlsx"): a sheet often has no title of its own."""
    stem = " ".join(PurePath(source).stem.replace("_", " ").split())
    return stem if PLAN_WORD.search(stem) and len(stem.split()) > 1 else ""


def with_genitive(before: Paragraph | None, title: Paragraph) -> str:
    text = title.text.strip()
    if before is None or not (before.level and title.level):
        return text
    words = before.text.split()
    if not 0 < len(words) <= 5 or not words[-1].endswith("n") or PLAN_WORD.search(before.text):
        return text
    first = text.split(" ", 1)[0]
    if first.isupper() or first[1:2].isupper():
        return f"{before.text.strip()} {text}"
    return f"{before.text.strip()} {text[:1].lower()}{text[1:]}"


def period(texts: list[str]) -> tuple[int | None, int | None]:
    """The first span of years in the texts (the title first, the file's name last)."""
    for text in texts:
        for match in PERIOD.finditer(text):
            start, end = int(match[1]), int(match[2])
            if 0 < end - start <= 10:
                return start, end
    return None, None


def organisations(cover: list[Paragraph], name: str) -> list[str]:
    """The organisation the cover names ("Länsi-Uudenmaan hyvinvointialue"), else the one
    the plan's name names in the genitive ("Kotkan kaupungin …")."""
    found = organisation_named([p.text for p in cover]) or organisation_in_title(name)
    return [found] if found else []


def aliases(cover: list[Paragraph], name: str) -> list[str]:
    """The organisation's other names on the cover: the same kind in another language."""
    kind = organisation_data(name).kind
    lines = organisation_lines([paragraph.text for paragraph in cover])
    return [text for text, its in lines if text != name and its == kind]


def organisation_data(name: str, aliases: list[str] | None = None) -> OrganisationData:
    """An organisation with its kind guessed from its name, in Finnish or Swedish (and the
    org-tables seed's own names, such as Kymsote)."""
    found = named_organisation(name)
    found.aliases = list(dict.fromkeys([*found.aliases, *(aliases or [])]))
    return found


def language(texts: list[str]) -> str:
    """ "sv" when Swedish words outnumber Finnish ones, else "fi"."""
    words = [w.lower().strip(".,:;") for text in texts for w in text.split()]
    finnish = sum(word in FINNISH_WORDS for word in words)
    swedish = sum(word in SWEDISH_WORDS for word in words)
    return "sv" if swedish > finnish else "fi"


def guessed_name(guesses: Guesses) -> str:
    """The cover's name, with the period when the name does not say it."""
    name = guesses.name
    if name and guesses.period_start and str(guesses.period_start) not in name:
        return f"{name} {guesses.period_start}–{guesses.period_end}"
    return name

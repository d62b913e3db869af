"""A PDF's words as lines, and lines as paragraphs: the rules for text, wherever it is.

pdf_layout.py reads a page's text outside tables with these, pdf_tables.py a table
cell's. Why each rule is as it is, is said in pdf.py's docstring.
"""

import re
from collections import Counter
from dataclasses import dataclass

from .document import BULLET_MARKS, list_item

BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.I)
SYMBOL_FONT = re.compile(r"symbol|wingdings|webdings|dingbat|courier", re.I)
# A numbered item or heading: "1.", "1.2", "1.2.", "2)", "IV.", "b)" and a space.
ITEM_START = re.compile(r"(?:\d{1,2}(?:\.\d{1,2})+\.?|\d{1,2}[.)]|[IVX]{1,4}\.|[a-zA-Z]\))\s")
LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl"})
# "lasten- ja nuorten": a word ending in a dash before these is not a word broken in two.
CONJUNCTIONS = {"ja", "tai", "sekä", "eli", "och", "eller", "samt", "and", "or"}
DASHES = "-–"
SPACED_DASH = re.compile(r"\s–\s")
JOINED_DASH = re.compile(r"\s–\w")
SHORT_WORDS = {  # Finnish, Swedish and English words of up to three letters
    *CONJUNCTIONS,
    *"on ei se ne me te he en et kun jos kuin nyt jo vai sen mm. ym. vs.".split(),
    *"i på av en ett att som är med för till om de den det vi ni du han hon man".split(),
    *"an the of to in on at by for and or is be as it we".split(),
}


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the font size of most of its letters
    bold: bool  # every word of it in a bold font
    first_width: float  # its first word's width: would the word have fitted on the line above?
    indent: float  # where its text begins, after a list mark

    @property
    def style(self) -> tuple[float, bool]:
        return round(self.size * 2) / 2, self.bold


def middle(word: dict) -> tuple[float, float]:
    return (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2


def within(box, x: float, y: float) -> bool:
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def lines_of(words: list[dict]) -> list[Line]:
    """Words grouped into lines: a word whose middle is within a line's height is on it."""
    groups: list[list[dict]] = []
    for word in sorted(words, key=lambda word: word["top"]):
        if groups and middle(word)[1] < max(w["bottom"] for w in groups[-1]):
            groups[-1].append(word)
        else:
            groups.append([word])
    return [make_line(sorted(group, key=lambda word: word["x0"])) for group in groups]


def make_line(words: list[dict]) -> Line:
    """The words as one line: a space where they are apart (a font change inside a
    word makes two pdfplumber words with no gap between them), a list mark as "•"."""
    text: str = words[0]["text"]
    sizes: Counter[float] = Counter()
    for before, word in zip(words, words[1:], strict=False):
        apart = word["x0"] - before["x1"] > 0.15 * word["size"]
        text += (" " if apart else "") + word["text"]
    for word in words:
        sizes[round(word["size"], 1)] += len(word["text"])
    first = words[0]
    bold = all(BOLD.search(word["fontname"]) for word in words)
    mark = list_mark(words)
    if mark or (private(first["text"][0]) or first["text"][0] in "•▪●◦"):
        text = "• " + text[1:].lstrip()  # Word's bullets are often a symbol font's letter
    return Line(
        text.translate(LIGATURES),
        first["x0"],
        words[-1]["x1"],
        min(word["top"] for word in words),
        max(word["bottom"] for word in words),
        sizes.most_common(1)[0][0],
        bold,
        first["x1"] - first["x0"],
        words[1]["x0"] if mark else first["x0"],
    )


def list_mark(words: list[dict]) -> bool:
    """Whether the line starts with a list mark apart from its text: Word's bullets are
    often a symbol font's private character (Symbol's U+F0B7) or Courier's "o"."""
    first = words[0]["text"]
    if len(words) == 1 or len(first) != 1:
        return False
    return first in BULLET_MARKS or private(first) or bool(SYMBOL_FONT.search(words[0]["fontname"]))


def private(character: str) -> bool:
    return 0xE000 <= ord(character) <= 0xF8FF


@dataclass
class Spacing:
    """How a document's text shows where its paragraphs begin, measured on it."""

    gap: float = 2.0  # the usual gap between two lines of a paragraph
    spaced: bool = False  # paragraphs have space between them, a larger gap
    # A line starting with a capital after a full line starts a paragraph more often
    # than not: what a page break, which hides the gap, leaves to go by.
    capital_starts: bool = False
    # Lines typed one under another with no gap (a line ending short before a word that
    # would have fitted, the next starting with a capital): a list typed as lines.
    typed_lines: bool = False
    # An en dash after a space is mostly spaced ("Turvakamu – sovellus"), not joined to
    # the next word ("Lapset puheeksi –menetelmä"): so is one ending a line.
    spaced_dashes: bool = False


def measured_spacing(runs: list[tuple[list[Line], float]]) -> Spacing:
    """The spacing of runs of lines, each with the right edge its lines wrap at."""
    gaps: Counter[float] = Counter()
    pairs: list[tuple[Line, Line, float, float]] = []
    for lines, right in runs:
        for above, line in zip(lines, lines[1:], strict=False):
            gap = line.top - above.bottom
            if above.style != line.style or not 0 <= gap < 3 * line.size:
                continue
            pairs.append((above, line, right, gap))
            if gap < 2 * line.size:
                gaps[round(gap * 2) / 2] += 1
    usual = gaps.most_common(1)[0][0] if gaps else 2.0
    larger = wraps = starts = typed = 0
    for above, line, right, gap in pairs:
        apart = gap > usual + 0.3 * line.size
        larger += apart
        if not line.text[:1].isupper() or list_item(line.text)[0]:
            continue
        if wrapped(above, line, right):
            wraps, starts = wraps + 1, starts + apart
        else:
            typed += not apart
    spaced = larger >= max(3, 0.02 * len(pairs))
    dashes = spaced_dashes([line for lines, _right in runs for line in lines])
    return Spacing(usual, spaced, spaced and starts > wraps - starts, typed >= 3, dashes)


def spaced_dashes(lines: list[Line]) -> bool:
    """Whether the lines' en dashes after a space are more often spaced than joined."""
    spaced = sum(len(SPACED_DASH.findall(line.text)) for line in lines)
    joined = sum(len(JOINED_DASH.findall(line.text)) for line in lines)
    return spaced > joined


def starts_paragraph(lines: list[Line], line: Line, column: tuple, spacing: Spacing, heading=False):
    """Whether `line` starts a paragraph rather than going on the paragraph of `lines`,
    in a column of text from `column` = (left, right).

    A line starts a paragraph after a larger gap than the lines of a paragraph have.
    A heading's lines go on while the font stays; a body line goes on only when the
    line above was wrapped: its first word would not have fitted there (the space is
    reckoned wide, so that a wrapped line is never taken for a paragraph's end). Nor
    does it go on when it starts with a capital after a line ending well short of the
    edge, not with a comma, a dash or "ja": a list typed as lines ("Nykytilan
    arviointi" "Liikuntaneuvontaan osallistuneet") -- if the document has lists typed
    as lines elsewhere, and not at a list item's indent. Else the line ended short
    only because its first word is long ("Välineenä Turva10 työkalu."
    "Perehdytyskoulutuksia…"). Over a page break, where no gap is seen, such a line
    starts a paragraph as it mostly does in the document."""
    above = lines[-1]
    jumped = line.top < above.bottom - 1  # over a page break: its gap is not seen
    if not jumped and line.top - above.bottom > spacing.gap + 0.3 * line.size:
        return True
    left, right = column
    if item_start(above, line, right) or list_item(line.text)[0] or above.style != line.style:
        return True
    if heading:
        return False
    if not wrapped(above, line, right):
        return True
    in_item = lines[0].indent > lines[0].x0 + 2 and abs(line.x0 - lines[0].indent) < 2
    if in_item or not line.text[:1].isupper() or goes_on(above):
        return False
    if jumped:
        return spacing.capital_starts
    return spacing.typed_lines and right - above.x1 > 0.25 * (right - left)


def wrapped(above: Line, line: Line, right: float) -> bool:
    """Whether the line's first word would not have fitted on the line above."""
    return above.x1 + 0.35 * line.size + line.first_width >= right - 1


def item_start(above: Line, line: Line, right: float) -> bool:
    """A numbered item ("1.2 ", "3) ") -- but not an ordinal going on a wrapped line
    ("masentuneita" "8. luokkalaisia"): a number followed by a word in lower case."""
    found = ITEM_START.match(line.text)
    if not found:
        return False
    return not (line.text[found.end() :][:1].islower() and wrapped(above, line, right))


def goes_on(above: Line) -> bool:
    """The line ends where a sentence cannot: after a comma, a dash or "ja"."""
    last = above.text.rsplit(" ", 1)[-1].lower()
    return above.text[-1:] in ",(/&" + DASHES or last in CONJUNCTIONS


def joined_text(lines: list[Line], right: float, spacing: Spacing | None = None) -> str:
    """The lines of a paragraph as one text, with a space between them, but none where
    a word was broken: after a dash ("hyvinvointi-" "alue", "Moniku -" "mallia"), but
    for an en dash after a space in a document that spaces its dashes ("Ankkuritoiminta
    –" "sopimukset"); or a word too long for its narrow column broken where the column
    ended ("ennaltaehkäisemisek" "si")."""
    dashes = spacing is not None and spacing.spaced_dashes
    text = lines[0].text
    for above, line in zip(lines, lines[1:], strict=False):
        text += ("" if broken(above, line, right, dashes) else " ") + line.text
    return text


def broken(above: Line, line: Line, right: float, spaced_dashes: bool = False) -> bool:
    """Whether the line goes on a word the line above broke. A word broken because it
    is wider than its column fills the line above alone, to within a letter's width;
    but so may a whole word, so only a short piece that is not a word ("si", "a") is
    taken as the word's end."""
    word = line.text.split(" ", 1)[0]
    if above.text.endswith(" –") and spaced_dashes:
        return False
    if above.text[-1:] in DASHES:
        return word.lower() not in CONJUNCTIONS
    alone = " " not in above.text and above.x1 >= right - 0.8 * above.size
    piece = len(word) <= 3 and word.islower() and word not in SHORT_WORDS
    return alone and piece

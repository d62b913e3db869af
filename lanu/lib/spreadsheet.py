"""Spreadsheet cells that no spreadsheet program runs as a formula, and streamed workbooks."""

import zipfile
from collections.abc import Iterable, Iterator
from xml.sax.saxutils import escape

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text starting like a formula gets a leading apostrophe; other values pass as they are.

    So does text that already starts with apostrophes before a formula character, so that
    a reader taking one apostrophe away gets the text back as it was. Control characters
    that a workbook cannot hold (a pasted bell or escape in a child's answer) are left
    out: openpyxl would refuse the whole workbook for one of them."""
    if not isinstance(value, str):
        return value
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    if value.lstrip("'").startswith(FORMULA_STARTS):
        return "'" + value
    return value


# Streamed workbooks -------------------------------------------------------------------
# openpyxl writes a whole workbook at once when it is saved. An export of thousands of
# rows instead streams: the workbook is saved without them, and its parts are copied into
# a zip written as it goes (StreamedZip), the big sheet's rows written in (sheet_row()).

STREAM_CHUNK = 64 * 1024  # bytes handed on at once


def sheet_row(number: int, values: list) -> str:
    """A row of a worksheet's XML as openpyxl writes it: text as inline strings, numbers as
    numbers, empty cells left out. The values are written as they are: escape formulas
    first (safe_cell())."""
    cells = []
    for column, value in enumerate(values, 1):
        if value is None or value == "":
            continue
        reference = f"{get_column_letter(column)}{number}"
        if isinstance(value, int | float) and not isinstance(value, bool):
            cells.append(f'<c r="{reference}" t="n"><v>{value}</v></c>')
        else:
            text = escape(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
            cells.append(f'<c r="{reference}" t="inlineStr"><is>{text_element(text)}</is></c>')
    return f'<row r="{number}">{"".join(cells)}</row>'


def text_element(text: str) -> str:
    if text != text.strip():
        return f'<t xml:space="preserve">{text}</t>'
    return f"<t>{text}</t>"


class StreamedZip:
    """A zip file written to no file: each method yields the bytes it wrote (a zip
    written so carries each part's sizes after its data, as zip files may)."""

    def __init__(self):
        self.written = Written()
        self.archive = zipfile.ZipFile(self.written, "w", zipfile.ZIP_DEFLATED)

    def part(self, name: str, data: bytes) -> Iterator[bytes]:
        self.archive.writestr(name, data)
        yield self.written.taken()

    def streamed_part(self, name: str, pieces: Iterable[str]) -> Iterator[bytes]:
        with self.archive.open(name, "w") as part:
            for piece in pieces:
                part.write(piece.encode("utf-8"))
                if self.written.size >= STREAM_CHUNK:
                    yield self.written.taken()
        yield self.written.taken()

    def end(self) -> Iterator[bytes]:
        self.archive.close()
        yield self.written.taken()


class Written:
    """What a zip file wrote and nobody took yet (it cannot seek back: zipfile sees that)."""

    def __init__(self):
        self.chunks: list[bytes] = []
        self.size = 0

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        pass

    def taken(self) -> bytes:
        data = b"".join(self.chunks)
        self.chunks, self.size = [], 0
        return data

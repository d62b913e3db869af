"""Reading indicator files a piece at a time: a JSON array element by element, a CSV file
row by row, each with its line number for the messages. Memory stays bounded by the
largest element or row, never the file."""

import csv
import json
from collections.abc import Iterator
from typing import Any, TextIO

from django.utils.translation import gettext as _

from lanu.importers.data import ImportRefused, Problem
from lanu.importers.spreadsheet import header_delimiter
from lanu.lib.text import plain

CHUNK = 64 * 1024
# A JSON element may not be longer than this: a bad file is refused, not read whole.
LONGEST_ELEMENT = 1024 * 1024


def refused(source: str, line: int | None, problem: str, column: int | None = None):
    """A file that cannot be imported: the importers' one refusal, with where and why."""
    return ImportRefused([Problem(problem, line, column, source)])


class JsonArray:
    """The elements of a JSON array (`[{...}, {...}]`) from a text stream, with the line
    each begins on. The buffer always starts at the start of a line, so that a position
    in it gives the line and column in the file."""

    def __init__(self, stream: TextIO, source: str):
        self.stream, self.source = stream, source
        self.buffer, self.position, self.first_line = "", 0, 1
        self.ended = False
        self.decoder = json.JSONDecoder()

    def __iter__(self) -> Iterator[tuple[Any, int]]:
        if self.next_character() == "{":  # one object alone: a list of one
            yield self.element()
            return
        self.expect("[", _("the file is not a JSON list (it should begin with “[”)"))
        if self.next_character() == "]":
            return
        while True:
            yield self.element()
            following = self.next_character()
            if following == "]":
                return
            self.expect(",", _("a “,” or “]” is missing between the list's elements"))

    def element(self) -> tuple[Any, int]:
        self.next_character()
        while True:
            try:
                value, end = self.decoder.raw_decode(self.buffer, self.position)
            except json.JSONDecodeError as error:
                if self.ended or len(self.buffer) - self.position > LONGEST_ELEMENT:
                    raise self.problem_at(error.pos, self.bad_json_message()) from None
                self.read_more()
                continue
            line = self.line_at(self.position)
            self.position = end
            return value, line

    def bad_json_message(self) -> str:
        if self.ended:
            return _("the JSON ends too early: the file is cut short or not valid JSON")
        return _("this is not valid JSON")

    def expect(self, character: str, problem: str) -> None:
        if self.next_character() != character:
            raise self.problem_at(self.position, problem)
        self.position += 1

    def next_character(self) -> str:
        """The next character that is not white space; "" at the end of the file."""
        while True:
            while self.position < len(self.buffer) and self.buffer[self.position].isspace():
                self.position += 1
            if self.position < len(self.buffer):
                return self.buffer[self.position]
            if self.ended:
                raise self.problem_at(self.position, self.bad_json_message())
            self.read_more()

    def read_more(self) -> None:
        start_of_line = self.buffer.rfind("\n", 0, self.position) + 1
        self.first_line += self.buffer.count("\n", 0, start_of_line)
        self.buffer = self.buffer[start_of_line:]
        self.position -= start_of_line
        chunk = self.stream.read(CHUNK)
        self.ended = not chunk
        self.buffer += chunk

    def line_at(self, position: int) -> int:
        return self.first_line + self.buffer.count("\n", 0, position)

    def problem_at(self, position: int, problem: str) -> ImportRefused:
        column = position - self.buffer.rfind("\n", 0, position)
        return refused(self.source, self.line_at(position), problem, column)


def json_objects(stream: TextIO, source: str) -> Iterator[tuple[dict, int]]:
    """The objects of a JSON list with their line; one object alone is a list of one."""
    for value, line in JsonArray(stream, source):
        if not isinstance(value, dict):
            raise refused(source, line, _("each element of the list must be an object"))
        yield value, line


def csv_rows(
    stream: TextIO, source: str, delimiter: str, required: list[str], optional: list[str]
) -> Iterator[tuple[dict[str, str], int]]:
    """The rows of a CSV file as {column: text}, with their line. The header must have
    every required column and no column that is neither required nor optional."""
    header, rows = csv_table(stream, source, delimiter, required, optional)
    for fields, line in rows:
        yield dict(zip(header, fields, strict=True)), line


def csv_table(
    stream: TextIO, source: str, delimiter: str, required: list[str], optional: list[str]
) -> tuple[list[str], Iterator[tuple[list[str], int]]]:
    """The header of a CSV file (checked as csv_rows does) and its rows as lists of
    fields in the header's order, with their line: the fast way for large files."""
    reader = csv.reader(stream, delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, [])]
    check_header(header, source, delimiter, required, optional)
    return header, csv_fields(reader, source, len(header))


def csv_fields(reader, source: str, width: int) -> Iterator[tuple[list[str], int]]:
    """The rows that are not blank, each of the header's width."""
    for row in reader:
        fields = [field.strip() for field in row]
        if not any(fields):
            continue
        if len(fields) != width:
            values = {"found": len(fields), "expected": width}
            problem = _("this line has %(found)s fields, the header has %(expected)s") % values
            raise refused(source, reader.line_num, problem)
        yield fields, reader.line_num


def check_header(
    header: list[str], source: str, delimiter: str, required: list[str], optional: list[str]
) -> None:
    if not header:
        raise refused(source, None, _("the file is empty"))
    if len(header) == 1:
        other = header_delimiter(header[0], {plain(name) for name in required + optional})
        if other != delimiter and other in header[0]:
            values = {"found": shown(other), "expected": shown(delimiter)}
            problem = _("the columns are separated by %(found)s, not by %(expected)s")
            raise refused(source, 1, problem % values)
    missing = [name for name in required if name not in header]
    if missing:
        values = {"column": missing[0], "header": delimiter.join(header)}
        problem = _("the column “%(column)s” is missing from the header “%(header)s”")
        raise refused(source, 1, problem % values)
    for position, name in enumerate(header, start=1):
        if name not in required and name not in optional:
            values = {"column": name, "known": ", ".join(required + optional)}
            problem = _("unknown column “%(column)s”: the columns are %(known)s")
            raise refused(source, 1, problem % values, position)


def shown(delimiter: str) -> str:
    return _("tabs") if delimiter == "\t" else f"“{delimiter}”"

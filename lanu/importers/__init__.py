"""Importers of plans: one module per input format, in an explicit registry.

A new plan's file is one of two kinds:
- a document people write (Word, ODT, PDF, an Excel workbook or a CSV table in its own
  columns): its file type's reader (`DOCUMENT_READERS`, recognised by the file's bytes
  in files.py) makes a general `Document`, and the general reader (general/reading.py)
  reads it with the person's choices into a `Reading`;
- Lanu's own formats and the seeds' text layouts (`FORMATS`: each module has
  `detect(text) -> bool` and `read(text, source) -> PlanData`), and Lanu's Excel
  template (spreadsheet.py), read as they always were.
Nothing here touches the database; `save.save_plan()` writes a plan in one
transaction. An action spreadsheet can also be read against an existing plan
(`read_plan_changes()`), and `changes.apply_changes()` writes it.

Entry points: `read_plan_bytes(raw, source) -> PlanData` reads by itself (the guesses
decide); `read_new_plan(raw, source) -> Document | PlanData` reads a file once for a
preview (a plan that lacks only what the person gives is kept: see `readable`);
`read_document_of(raw, source) -> Document | None` is the Document of a file for the
general reader (None for Lanu's own formats); `read_general(document, choices,
known_layouts) -> Reading` reads a Document with the person's choices.
"""

import codecs
import importlib
import re
from pathlib import Path

from django.utils.translation import gettext as _

from . import files, lanu_json, org_tables, principle_table, priority_tables, spreadsheet
from .data import ImportRefused, PlanData, Problem, check_plan
from .details import MissingDetail, apply_details
from .general import sheets
from .general.document import Document
from .general.reading import read_document
from .general.result import Choices, PlanDetails, Reading

FORMATS = {
    "lanu-json": lanu_json,
    "org-tables": org_tables,
    "principle-table": principle_table,
    "priority-tables": priority_tables,
    "action-csv": spreadsheet,  # Lanu's action template as CSV: into an existing plan only
}

DOCUMENT_READERS = {  # file type (files.file_type) -> its module in general/, with read()
    "docx": "word",
    "odt": "odt",
    "pdf": "pdf",
}


BOMS = (  # checked in this order: the UTF-32 LE mark starts with UTF-16 LE's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
FINNISH_LETTERS = re.compile("[äöåÄÖÅ]")


def decode(raw: bytes, source: str) -> str:
    """The file's text, or a refusal saying why it is not a text document.

    UTF-8 (with or without a byte-order mark) and UTF-16 or UTF-32 with one (Excel's
    "Unicode text") are read; a file that is not UTF-8 but reads as Windows-1252 with
    Finnish or Swedish letters in it (what Excel writes as "CSV") is read as that."""
    if not raw.strip():
        raise ImportRefused([Problem(_("The file is empty."), file=source)])
    encoding = next((name for mark, name in BOMS if raw.startswith(mark)), None)
    if encoding:
        return decode_marked(raw, encoding, source)
    if b"\x00" in raw[:8192]:
        raise ImportRefused([Problem(_("The file is not a text document."), file=source)])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        return windows_1252(raw, source, error)


def decode_marked(raw: bytes, encoding: str, source: str) -> str:
    try:
        return raw.decode(encoding).removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        message = _("The file is not valid %(encoding)s text (byte %(byte)d).")
        values = {"encoding": encoding.upper().removesuffix("-SIG"), "byte": error.start}
        raise ImportRefused([Problem(message % values, file=source)]) from None


def windows_1252(raw: bytes, source: str, error: UnicodeDecodeError) -> str:
    """The text of a Windows-1252 file, or the refusal of a file that is not UTF-8."""
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if FINNISH_LETTERS.search(text):
        return text
    line = raw[: error.start].count(b"\n") + 1
    message = _("The file is not UTF-8 text (byte %(byte)d).") % {"byte": error.start}
    raise ImportRefused([Problem(message, line=line, file=source)]) from None


def text_format(text: str) -> str:
    """The name of the text format that recognises the text, or ""."""
    return next((name for name, module in FORMATS.items() if module.detect(text)), "")


def not_recognised(source: str) -> ImportRefused:
    message = _(
        "No plan was recognised: expected Lanu's JSON export or a plan document "
        "with goals and a table of actions."
    )
    return ImportRefused([Problem(message, line=1, file=source)])


def read_file(path: Path | str) -> tuple[bytes, str]:
    """The file's bytes and name; a file over the size limit is refused unread."""
    path = Path(path)
    files.check_size(path.stat().st_size, path.name)
    return path.read_bytes(), path.name


def read_plan(path: Path | str) -> PlanData:
    """Read and check a plan file; raise ImportRefused with every problem found."""
    return read_plan_bytes(*read_file(path))


def read_plan_bytes(raw: bytes, source: str, details: PlanDetails | None = None) -> PlanData:
    """Read and check a plan from a file's bytes, with what the file says (a document's
    guessed name, period and organisation) unless the person's `details` say otherwise;
    ImportRefused with every problem."""
    found = read_new_plan(raw, source, details)
    if isinstance(found, Document):
        return plan_of(read_general(found, Choices(details=details or PlanDetails())))
    return checked(found, source)


def read_new_plan(
    raw: bytes, source: str, details: PlanDetails | None = None
) -> Document | PlanData:
    """A new plan's file read once: a document people write as its `Document`, for the
    general reader; Lanu's own formats and the seeds' text layouts as their plan, refused
    for any problem but what the person still has to give (`readable`: the preview asks
    for it; `checked` refuses it)."""
    kind = files.file_type(raw, source)
    if kind == "xlsx" and spreadsheet.is_template(raw, source):
        return readable(spreadsheet.read_bytes(raw, source), source, details)
    if kind == "xlsx":
        return sheets.read_xlsx(raw, source)
    if kind:
        return document_reader(kind)(raw, source)
    text = decode(raw, source)
    name = text_format(text)
    if name:
        return readable(FORMATS[name].read(text, source), source, details)
    if is_table(text):
        return sheets.read_csv(text, source)
    raise not_recognised(source)


def read_document_of(raw: bytes, source: str) -> Document | None:
    """The file as a `Document` for the general reader; None when it is one of Lanu's own
    formats or the seeds' text layouts (read those with `read_plan_bytes`)."""
    found = read_new_plan(raw, source)
    return found if isinstance(found, Document) else None


def read_general(
    document: Document,
    choices: Choices | None = None,
    known_layouts: dict[str, list[str]] | None = None,
) -> Reading:
    """The general reader: the document read with the person's choices (general/reading.py).
    `known_layouts` are the roles chosen at earlier imports, by the tables' signatures."""
    return read_document(document, choices, known_layouts)


def plan_of(reading: Reading) -> PlanData:
    """The reading's plan, or its problems refused."""
    if reading.data is None:
        raise ImportRefused(reading.problems)
    return reading.data


def document_reader(kind: str):
    """The `read(raw, source) -> Document` of a file type (an explicit registry)."""
    module = importlib.import_module(f".general.{DOCUMENT_READERS[kind]}", __package__)
    return module.read


def is_table(text: str) -> bool:
    """Is the text a table (CSV): do its first rows split alike into several cells?"""
    return spreadsheet.steady_rows(text, spreadsheet.header_delimiter(text)) >= 2


def checked(data: PlanData, source: str, details: PlanDetails | None = None) -> PlanData:
    """The plan with the person's details (details.py), if its checks pass."""
    problems = plan_problems(data, source, details)
    if problems:
        raise ImportRefused(problems)
    return data


def readable(data: PlanData, source: str, details: PlanDetails | None = None) -> PlanData:
    """The plan with the person's details, if its only problems are what the document does
    not say (its name, period or organisation: a MissingDetail), which the person gives
    in the preview; any other problem refuses it, with every problem found."""
    problems = plan_problems(data, source, details)
    if not all(isinstance(problem, MissingDetail) for problem in problems):
        raise ImportRefused(problems)
    return data


def plan_problems(data: PlanData, source: str, details: PlanDetails | None) -> list[Problem]:
    problems = check_plan(apply_details(data, details))
    for problem in problems:
        problem.file = problem.file or source
    return problems


def read_plan_changes(path: Path | str, plan):
    """Read an action spreadsheet (.xlsx or .csv) as changes to an existing plan."""
    return read_changes_bytes(*read_file(path), plan)


def read_changes_bytes(raw: bytes, source: str, plan):
    """The changes an action spreadsheet makes to the plan (a `changes.PlanChanges`)."""
    from . import changes  # reads the plan: needs the models, which need the app registry

    kind = files.file_type(raw, source)
    if kind == "xlsx":
        return changes.changes_from_xlsx(raw, source, plan)
    if kind:
        message = _("Only an action spreadsheet (.xlsx or .csv) can be imported into a plan.")
        raise ImportRefused([Problem(message, file=source)])
    return changes.changes_from_csv(decode(raw, source), source, plan)

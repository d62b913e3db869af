"""Importers of plans: one module per input format, in an explicit registry.

Each text format module has `detect(text) -> bool` and `read(text, source) -> PlanData`;
each Office file type (`FILE_TYPES`, recognised by the file's bytes in files.py) has
`read_bytes(raw, source) -> PlanData`. read() touches no database; `save.save_plan()`
writes the result in one transaction. An action spreadsheet can also be read against
an existing plan (`read_plan_changes()`), and `update.apply_changes()` writes it.
"""

import codecs
import re
from pathlib import Path

from django.utils.translation import gettext as _

from . import docx, files, lanu_json, org_tables, principle_table, priority_tables, spreadsheet
from .data import ImportRefused, PlanData, Problem, check_plan

FORMATS = {
    "lanu-json": lanu_json,
    "org-tables": org_tables,
    "principle-table": principle_table,
    "priority-tables": priority_tables,
    "action-csv": spreadsheet,  # Lanu's action template as CSV: into an existing plan only
}

FILE_TYPES = {
    "docx": docx,  # Word: tables like the seed plans'
    "xlsx": spreadsheet,  # Excel: Lanu's action template (its goals and actions sheets)
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


def detect_format(text: str, source: str) -> str:
    for name, module in FORMATS.items():
        if module.detect(text):
            return name
    message = _(
        "No plan was recognised: expected Lanu's JSON export or a plan document "
        "with goals and a table of actions."
    )
    raise ImportRefused([Problem(message, line=1, file=source)])


def read_file(path: Path | str) -> tuple[bytes, str]:
    """The file's bytes and name; a file over the size limit is refused unread."""
    path = Path(path)
    files.check_size(path.stat().st_size, path.name)
    return path.read_bytes(), path.name


def read_plan(path: Path | str) -> PlanData:
    """Read and check a plan file; raise ImportRefused with every problem found."""
    return read_plan_bytes(*read_file(path))


def read_plan_bytes(raw: bytes, source: str) -> PlanData:
    """Read and check a plan from a file's bytes: an Office file or a text document."""
    kind = files.file_type(raw, source)
    if kind:
        data = FILE_TYPES[kind].read_bytes(raw, source)
    else:
        text = decode(raw, source)
        data = FORMATS[detect_format(text, source)].read(text, source)
    problems = check_plan(data)
    if problems:
        for problem in problems:
            problem.file = problem.file or source
        raise ImportRefused(problems)
    return data


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

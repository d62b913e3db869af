"""Importers of plans: one module per input format, in an explicit registry.

Each format module has `detect(text) -> bool` and `read(text, source) -> PlanData`.
read() touches no database; `save.save_plan()` writes the result in one transaction.
"""

from pathlib import Path

from django.utils.translation import gettext as _

from . import lanu_json, org_tables, principle_table, priority_tables
from .data import ImportRefused, PlanData, Problem, check_plan

FORMATS = {
    "lanu-json": lanu_json,
    "org-tables": org_tables,
    "principle-table": principle_table,
    "priority-tables": priority_tables,
}


def decode(raw: bytes, source: str) -> str:
    """The file's text, or a refusal saying why it is not a text document."""
    if not raw.strip():
        raise ImportRefused([Problem(_("The file is empty."), file=source)])
    if b"\x00" in raw[:8192]:
        raise ImportRefused([Problem(_("The file is not a text document."), file=source)])
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
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


def read_plan(path: Path | str) -> PlanData:
    """Read and check a plan file; raise ImportRefused with every problem found."""
    path = Path(path)
    text = decode(path.read_bytes(), path.name)
    data = FORMATS[detect_format(text, path.name)].read(text, path.name)
    problems = check_plan(data)
    if problems:
        for problem in problems:
            problem.file = problem.file or path.name
        raise ImportRefused(problems)
    return data

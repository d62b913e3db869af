"""The plan's exporters (lanu/lib/exporters.py): its JSON document, its actions as CSV
and XLSX. Each streams: the actions are read in chunks as the rows are written
(listing.py `streamed_actions()`), in a fixed number of queries however many.

What a person may have is decided before: the views and the export-plan command
choose `public` (public_export(): without the import's notes) or not.
"""

from collections.abc import Iterator

from lanu.lib.exporters import Exporter, Registry, encoded, json_pieces

from . import spreadsheets
from .export import streamed_export
from .listing import streamed_actions
from .models import Plan


class PlanJson(Exporter):
    """The plan document "lanu-plan/1" (export.py), the actions streamed."""

    name = "json"
    extension = "json"
    content_type = "application/json"

    def __init__(self, public: bool = True, indent: int | None = None):
        self.public = public
        self.indent = indent

    def render(self, subject: Plan) -> Iterator[bytes]:
        yield from encoded(json_pieces(self.document(subject), self.indent))

    def document(self, plan: Plan) -> dict:
        return streamed_export(plan, public=self.public)


class ActionsCsv(Exporter):
    """A row per live action (spreadsheets.py), UTF-8 with a byte-order mark."""

    name = "csv"
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def __init__(self, separator: str = ","):
        self.separator = separator if separator in spreadsheets.SEPARATORS else ","

    def render(self, subject: Plan) -> Iterator[bytes]:
        yield from encoded(spreadsheets.csv_lines(streamed_actions(subject), self.separator))


class ActionsXlsx(Exporter):
    """Lanu's action template filled in: instructions, goals, a row per live action."""

    name = "xlsx"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    text = False

    def render(self, subject: Plan) -> Iterator[bytes]:
        yield from spreadsheets.xlsx_chunks(subject, streamed_actions(subject))


PLAN_EXPORTERS = Registry(PlanJson, ActionsCsv, ActionsXlsx)

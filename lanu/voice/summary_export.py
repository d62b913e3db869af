"""A form's summary written out: the cNPS with its formula in words and numbers, and the
counts as CSV and XLSX (lanu/lib/exporters.py), every text cell formula-escaped.

An export may leave the plan's people (it is mailed, printed, put in a council's
papers), so of the free-text answers it carries only the PUBLISHED ones.
"""

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from lanu.lib.exporters import Exporter, Registry, encoded
from lanu.lib.spreadsheet import safe_cell

from .models import FeedbackForm
from .summary import FormSummary, summarise


def headers() -> list[str]:
    return [_("Question"), _("Answer"), _("Count")]


def summary_rows(summarised: FormSummary) -> Iterator[list]:
    """The rows of the export: the responses and age groups, then each question's
    counts, its cNPS, its published texts."""
    yield [_("Responses"), "", summarised.responses]
    for age in summarised.age_groups:
        yield [_("Age group"), age.label or _("Not said"), age.count]
    for question in summarised.questions:
        text = question.question.text
        for count in question.distribution:
            yield [text, count.label, count.count]
        if question.cnps is not None:
            yield [text, question.cnps.written_out, question.cnps.score]
        for answer in question.texts:
            yield [text, answer.text, ""]
        if not (question.distribution or question.texts):
            yield [text, "", question.answered]


def published_summary(form: FeedbackForm) -> FormSummary:
    return summarise(form, published_only=True)


class SummaryCsv(Exporter):
    """The counts, a row each, UTF-8 with a byte-order mark (Excel reads it right)."""

    name = "csv"
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def render(self, subject: FeedbackForm) -> Iterator[bytes]:
        yield from encoded(self.lines(published_summary(subject)))

    def lines(self, summarised: FormSummary) -> Iterator[str]:
        out = io.StringIO()
        writer = csv.writer(out)
        yield "\ufeff"
        for row in [headers(), *summary_rows(summarised)]:
            writer.writerow([safe_cell(value) for value in row])
            yield out.getvalue()
            out.seek(0)
            out.truncate()


class SummaryXlsx(Exporter):
    """The same rows as a workbook of one sheet."""

    name = "xlsx"
    extension = "xlsx"
    content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    text = False

    def render(self, subject: FeedbackForm) -> Iterator[bytes]:
        workbook = Workbook()
        workbook.remove(workbook.worksheets[0])
        sheet = workbook.create_sheet(_("Summary")[:31])
        sheet.append([safe_cell(value) for value in headers()])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in summary_rows(published_summary(subject)):
            sheet.append([safe_cell(value) for value in row])
        sheet.column_dimensions["A"].width = 40
        sheet.column_dimensions["B"].width = 40
        out = io.BytesIO()
        workbook.save(out)
        yield out.getvalue()


SUMMARY_EXPORTERS = Registry(SummaryCsv, SummaryXlsx)

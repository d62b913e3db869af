"""A form's summary written out: the cNPS with its formula in words and numbers, and the
counts as CSV and XLSX (lanu/lib/exporters.py), every text cell formula-escaped.

An export may leave the plan's people (it is mailed, printed, put in a council's
papers), so of the free-text answers it carries only the PUBLISHED ones.
"""

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from openpyxl import Workbook
from openpyxl.styles import Font

from lanu.lib.exporters import Exporter, Registry, encoded
from lanu.lib.spreadsheet import safe_cell

from .models import FeedbackForm
from .summary import Cnps, FormSummary, summarise


def signed(score: int) -> str:
    """+40, −20 (a minus sign, not a hyphen), 0."""
    return f"+{score}" if score > 0 else (f"−{-score}" if score < 0 else "0")


def cnps_formula(cnps: Cnps) -> str:
    """ "cNPS = promoters 60 % − detractors 20 % = +40; 10 answers: 6 promoters (9–10), 2
    passives (7–8), 2 detractors (0–6)": the score with the numbers it comes from."""
    if cnps.score is None:
        return _("cNPS: no scores yet.")
    formula = _("cNPS = promoters %(promoters)s %% − detractors %(detractors)s %% = %(score)s") % {
        "promoters": cnps.promoter_percent,
        "detractors": cnps.detractor_percent,
        "score": signed(cnps.score),
    }
    parts = [
        ngettext("%d promoter (9–10)", "%d promoters (9–10)", cnps.promoters) % cnps.promoters,
        ngettext("%d passive (7–8)", "%d passives (7–8)", cnps.passives) % cnps.passives,
        ngettext("%d detractor (0–6)", "%d detractors (0–6)", cnps.detractors) % cnps.detractors,
    ]
    answers = ngettext("%d answer", "%d answers", cnps.answered) % cnps.answered
    return f"{formula}; {answers}: {', '.join(parts)}"


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
            yield [text, cnps_formula(question.cnps), question.cnps.score]
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

"""python -m lanu report SLUG --kind evaluation|plan|comparison [--year 2023 ...]
--format docx|pdf|html|xlsx --output FILE [--language fi|sv|en] [--template FILE]:
a report to the council, as the reports page gives it (lanu/reports/content.py)."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from lanu.importers.commands import plan_at
from lanu.lib.exporters import write_chunks

from ...content import KINDS, Order, ReportRefused
from ...exporters import REPORT_EXPORTERS

LANGUAGES = ("fi", "sv", "en")


class Command(BaseCommand):
    help = (
        "Write a report to the council: the yearly evaluation of a closed follow-up round "
        "(--kind evaluation --year 2023), the plan document (--kind plan) or the comparison "
        "of closed rounds, a mid-term or final evaluation (--kind comparison --year 2021 "
        "--year 2023), as Word, PDF, a web page or Excel."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument("--kind", choices=tuple(KINDS), default="evaluation")
        parser.add_argument(
            "--year", type=int, action="append", default=[], help="a closed round's year"
        )
        parser.add_argument("--format", choices=REPORT_EXPORTERS.names(), default="docx")
        parser.add_argument("--output", required=True, help="the file to write")
        parser.add_argument(
            "--language", choices=LANGUAGES, default="", help="the plan's language by default"
        )
        parser.add_argument(
            "--template", default="", help="a .docx whose styles a Word report uses"
        )

    def handle(self, *args, slug, kind, year, format, output, language, template, **options):
        plan = plan_at(slug)
        order = Order(plan, kind, tuple(year))
        options = {"template": template} if format == "docx" else {}
        exporter = REPORT_EXPORTERS.get(format, **options)
        with translation.override(language or plan.language or "fi"):
            try:
                chunks = list(exporter.render(order))  # refused before the file is opened
            except ReportRefused as refusal:
                raise CommandError(str(refusal)) from None
        try:
            with open(output, "wb") as out:
                write_chunks(chunks, out)
        except OSError as error:
            values = {"file": output, "error": error.strerror}
            raise CommandError(_("Cannot write %(file)s: %(error)s") % values) from None
        self.stdout.write(_("Wrote %(file)s.") % {"file": output})

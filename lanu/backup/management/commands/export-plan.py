"""python -m lanu export-plan SLUG [--public] [--format json|xlsx|csv] [--output FILE]
[--language fi|sv|en]: the plan as JSON, or its actions as the same XLSX and CSV files
the web pages export, headed in the language asked (Finnish by default). The JSON's keys
are never translated, so it imports back whatever the language."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation
from django.utils.translation import gettext as _

from lanu.importers.commands import plan_at
from lanu.lib.exporters import Exporter, write_chunks
from lanu.plans import spreadsheets
from lanu.plans.exporters import PLAN_EXPORTERS

from ...export import FullJson

FORMATS = PLAN_EXPORTERS.names()
LANGUAGES = ("fi", "sv", "en")


class Command(BaseCommand):
    help = (
        "Print a plan as JSON (format lanu-plan/1): the full export, a backup that "
        "import-plan restores (archived items, status scale, follow-up rounds, people). "
        "--format xlsx or csv writes the plan's actions as the web exports do."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--public", action="store_true", help="only the public data, as anyone reads it"
        )
        parser.add_argument("--format", choices=FORMATS, default="json", help="json by default")
        parser.add_argument(
            "--output", default="", help="the file to write (standard output if not given)"
        )
        parser.add_argument(
            "--language",
            choices=LANGUAGES,
            default="fi",
            help="the language of an XLSX or CSV file's headings and choices: fi by default",
        )
        parser.add_argument(
            "--separator",
            choices=spreadsheets.SEPARATORS,
            default=",",
            help="the CSV's separator: “;” for Finnish and Swedish Excel",
        )

    def handle(self, *args, slug, public, format, output, separator, language, **options):
        exporter = chosen_exporter(format, public, separator)
        if not exporter.text and not output:
            raise CommandError(_("An Excel file needs --output FILE: it is not text."))
        with translation.override(language):  # the rows are written as they are read
            self.write(exporter.render(plan_at(slug)), output)

    def write(self, chunks, output: str) -> None:
        if not output:
            self.stdout.ending = ""  # the text ends in its own line break
            write_chunks(chunks, self.stdout, text=True)
            return
        with opened(output) as out:
            write_chunks(chunks, out)


def chosen_exporter(format: str, public: bool, separator: str) -> Exporter:
    """The web's exporters; JSON indented, and the full export unless --public."""
    if format == "json":
        return PLAN_EXPORTERS.get("json", indent=2) if public else FullJson(indent=2)
    if format == "csv":
        return PLAN_EXPORTERS.get("csv", separator=separator)
    return PLAN_EXPORTERS.get(format)


def opened(path: str):
    """The file opened for writing bytes, or a command error saying why it cannot be."""
    try:
        return open(path, "wb")  # noqa: SIM115 (the caller closes it)
    except OSError as error:
        values = {"file": path, "error": error.strerror}
        raise CommandError(_("Cannot write %(file)s: %(error)s") % values) from None

"""python -m lanu import-indicators FILE --format sotkanet-json|sotkanet-csv|..."""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lanu.importers.commands import refusals_as_errors
from lanu.indicators.imports import FORMATS, import_file


class Command(BaseCommand):
    help = (
        "Import welfare indicators, areas or their values from a file: Sotkanet's data rows "
        "(/json, /csv), region list or indicator list and metadata, or the generic CSV "
        "(docs/data-formats.md). All or nothing; a re-import updates values in place."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--format", required=True, choices=sorted(FORMATS))
        parser.add_argument(
            "--skip-unknown-areas",
            action="store_true",
            help="skip the rows of areas Lanu does not have instead of refusing the file",
        )

    def handle(self, *args, file, format, skip_unknown_areas, **options):
        with refusals_as_errors(file, _("Nothing was imported:")):
            report = import_file(file, format, skip_unknown_areas)
        self.stdout.write("\n".join(report))

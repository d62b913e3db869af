"""python -m lanu export-plan SLUG [--public] [--format json|xlsx|csv] [--output FILE]:
the plan as JSON, or its actions as the same XLSX and CSV files the web pages export."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lanu.backup.export import export_backup
from lanu.importers.commands import plan_at
from lanu.plans import spreadsheets
from lanu.plans.export import public_export
from lanu.plans.listing import plan_actions

FORMATS = ("json", "xlsx", "csv")


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
            "--separator",
            choices=spreadsheets.SEPARATORS,
            default=",",
            help="the CSV's separator: “;” for Finnish and Swedish Excel",
        )

    def handle(self, *args, slug, public, format, output, separator, **options):
        if format == "xlsx" and not output:
            raise CommandError(_("An Excel file needs --output FILE: it is not text."))
        plan = plan_at(slug)
        if format == "json":
            document = public_export(plan) if public else export_backup(plan)
            self.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", output)
        elif format == "csv":
            self.write_csv(plan, output, separator)
        else:
            self.write_xlsx(plan, output)

    def write_text(self, text: str, output: str) -> None:
        if not output:
            self.stdout.write(text, ending="")
            return
        with opened(output, "w", encoding="utf-8", newline="") as out:
            out.write(text)

    def write_csv(self, plan, output: str, separator: str) -> None:
        """The web's CSV: UTF-8 with a byte-order mark, one row per action."""
        if not output:
            self.stdout.ending = ""  # the rows end in their own line breaks
            spreadsheets.write_csv(self.stdout, plan_actions(plan), separator)
            return
        with opened(output, "w", encoding="utf-8", newline="") as out:
            spreadsheets.write_csv(out, plan_actions(plan), separator)

    def write_xlsx(self, plan, output: str) -> None:
        with opened(output, "wb") as out:
            spreadsheets.write_xlsx(out, plan, plan_actions(plan))


def opened(path: str, mode: str, **options):
    """The file opened for writing, or a command error saying why it cannot be."""
    try:
        return open(path, mode, **options)  # noqa: SIM115 (the caller closes it)
    except OSError as error:
        values = {"file": path, "error": error.strerror}
        raise CommandError(_("Cannot write %(file)s: %(error)s") % values) from None

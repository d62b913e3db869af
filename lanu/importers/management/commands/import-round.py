"""python -m lanu import-round FILE --plan SLUG --year YEAR [--dry-run]"""

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from lanu.importers import decode, evaluation, read_file
from lanu.importers.commands import plan_at, refusals_as_errors


class Command(BaseCommand):
    help = (
        "Import a yearly evaluation of a plan (added priorities and joint highlights per "
        "sub-goal) as that year's follow-up round, closed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--plan", required=True, help="the plan's short address")
        parser.add_argument("--year", required=True, type=int, help="the year evaluated")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would be created; write nothing"
        )

    def handle(self, *args, file, plan, year, dry_run, **options):
        found = plan_at(plan)
        with refusals_as_errors(file, _("The round was not imported:")):
            raw, source = read_file(file)
            data = evaluation.read(decode(raw, source), source, found, year)
            self.stdout.write("\n".join(data.report))
            if dry_run:
                self.stdout.write(_("Dry run: nothing was saved."))
                return
            evaluation.save(data)
        self.stdout.write(
            _("Imported the %(year)s round of “%(name)s”.") % {"year": year, "name": found.name}
        )

"""python -m lanu import-round FILE --plan SLUG --year YEAR [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lanu.importers import decode, evaluation, read_file
from lanu.importers.data import ImportRefused
from lanu.plans.models import Plan


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
        found = Plan.objects.filter(slug=plan).first()
        if found is None:
            raise CommandError(_("No plan has the address “%s”.") % plan)
        try:
            raw, source = read_file(file)
            data = evaluation.read(decode(raw, source), source, found, year)
            self.stdout.write("\n".join(data.report))
            if dry_run:
                self.stdout.write(_("Dry run: nothing was saved."))
                return
            evaluation.save(data)
        except ImportRefused as refused:
            lines = [_("The round was not imported:")] + [f"  {p}" for p in refused.problems]
            raise CommandError("\n".join(lines)) from None
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        self.stdout.write(
            _("Imported the %(year)s round of “%(name)s”.") % {"year": year, "name": found.name}
        )

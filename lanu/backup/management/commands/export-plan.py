"""python -m lanu export-plan SLUG [--public]: the plan as JSON on standard output."""

import json

from django.core.management.base import BaseCommand

from lanu.backup.export import export_backup
from lanu.importers.commands import plan_at
from lanu.plans.export import export_plan


class Command(BaseCommand):
    help = (
        "Print a plan as JSON (format lanu-plan/1): the full export, a backup that "
        "import-plan restores (archived items, status scale, follow-up rounds, people)."
    )

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--public", action="store_true", help="only the public data, as anyone reads it"
        )

    def handle(self, *args, slug, public, **options):
        plan = plan_at(slug)
        document = export_plan(plan) if public else export_backup(plan)
        self.stdout.write(json.dumps(document, ensure_ascii=False, indent=2))

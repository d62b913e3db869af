"""python -m lanu export-plan SLUG: the plan as JSON on standard output."""

import json

from django.core.management.base import BaseCommand

from lanu.importers.commands import plan_at
from lanu.plans.export import export_plan


class Command(BaseCommand):
    help = "Print a plan as JSON (format lanu-plan/1)."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, slug, **options):
        plan = plan_at(slug)
        self.stdout.write(json.dumps(export_plan(plan), ensure_ascii=False, indent=2))

"""python -m lanu export-plan SLUG: the plan as JSON on standard output."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lanu.plans.export import export_plan
from lanu.plans.models import Plan


class Command(BaseCommand):
    help = "Print a plan as JSON (format lanu-plan/1)."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, slug, **options):
        plan = Plan.objects.filter(slug=slug).first()
        if plan is None:
            raise CommandError(_("No plan has the address “%s”.") % slug)
        self.stdout.write(json.dumps(export_plan(plan), ensure_ascii=False, indent=2))

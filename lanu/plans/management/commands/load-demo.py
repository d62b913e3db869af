"""python -m lanu load-demo: import the seed plans as published demo plans, once."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from lanu.importers import read_plan
from lanu.importers.save import save_plan
from lanu.plans.models import Plan

SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"
DEMO_PLANS = {
    "kymenlaakso-2020-2024": "003_*.txt",
    "espoo-2017-2021": "002_*.txt",
    "lansi-uusimaa-2024-2026": "004_*.txt",
}


class Command(BaseCommand):
    help = "Import the three seed plans as published demo plans (skips those already there)."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", default=str(SEEDS), help="folder of the seed documents")

    def handle(self, *args, seeds, **options):
        for slug, pattern in DEMO_PLANS.items():
            if Plan.objects.filter(slug=slug).exists():
                self.stdout.write(f"{slug}: already there")
                continue
            path = next(Path(seeds).glob(pattern))
            data = read_plan(path)
            data.published = True
            data.status = "approved"
            save_plan(data, slug)
            self.stdout.write(f"{slug}: imported from {path.name}")

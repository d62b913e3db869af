"""python -m lanu load-demo: the seed plans as published demo plans, their evaluated
follow-up rounds, the Kymenlaakso plan's indicators against the whole country (with
illustrative values, lanu/demo/indicators.py), its hearing and feedback form with
answers (lanu/demo/voice.py), and demo people, once."""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from lanu.accounts.models import Membership
from lanu.demo.indicators import load_demo_indicators
from lanu.demo.voice import load_demo_voice
from lanu.demo.yearclock import load_demo_yearclock, rate_demo_actions
from lanu.followup.models import FollowUpRound
from lanu.importers import evaluation, read_plan
from lanu.importers.save import save_plan
from lanu.indicators.models import PlanAreas
from lanu.indicators.plan_links import link_plan_indicators
from lanu.plans.models import Organisation, Plan

SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"
DEMO_PLANS = {
    "kymenlaakso-2020-2024": "003_*.txt",
    "espoo-2017-2021": "002_*.txt",
    "lansi-uusimaa-2024-2026": "004_*.txt",
}
# plan, year: the evaluation of that year, imported as the plan's closed round
DEMO_ROUNDS = {("kymenlaakso-2020-2024", 2023): "000_*.txt"}
# plans whose indicators the demo sets up: areas, values, directions, sub-goals
DEMO_INDICATORS = ["kymenlaakso-2020-2024"]
# plans whose vuosikello and ease × impact ratings the demo sets up (lanu/demo/yearclock.py)
DEMO_YEARCLOCK = ["kymenlaakso-2020-2024"]
# plans whose hearing and feedback form, answered in 2023, the demo sets up (lanu/demo/voice.py)
DEMO_VOICE = ["kymenlaakso-2020-2024"]
DEMO_PASSWORD = "lanu-demo-2026"  # noqa: S105 - set only in development (DEBUG), see handle()
# username, role, the organisation an editor edits in the Kymenlaakso plan
DEMO_PEOPLE = [
    ("alice", Membership.Role.COORDINATOR, None),
    ("bob", Membership.Role.EDITOR, "Kymsote"),
    ("charlie", Membership.Role.EDITOR, "Kouvolan kaupunki"),
    ("vera", Membership.Role.VIEWER, None),
]


class Command(BaseCommand):
    help = "Import the seed plans as published demo plans, and (with --people) demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--seeds", default=str(SEEDS), help="folder of the seed documents")
        parser.add_argument(
            "--people", action="store_true", help="demo accounts too (development only)"
        )

    def handle(self, *args, seeds, people, **options):
        for slug, pattern in DEMO_PLANS.items():
            self.load_plan(slug, Path(seeds), pattern)
        for (slug, year), pattern in DEMO_ROUNDS.items():
            self.load_round(slug, year, Path(seeds), pattern)
        for slug in DEMO_INDICATORS:
            self.load_indicators(slug)
        for slug in DEMO_YEARCLOCK:
            self.load_yearclock(slug)
        for slug in DEMO_VOICE:
            self.load_voice(slug)
        if people:
            if not settings.DEBUG:
                raise CommandError("Demo accounts have a known password: development only.")
            self.load_people()

    def load_plan(self, slug: str, seeds: Path, pattern: str) -> None:
        if Plan.objects.filter(slug=slug).exists():
            self.stdout.write(f"{slug}: already there")
            return
        path = next(seeds.glob(pattern))
        data = read_plan(path)
        data.published = True
        data.status = "approved"
        plan = save_plan(data, slug)
        self.stdout.write(f"{slug}: imported from {path.name}")
        self.link_indicators(plan)

    def link_indicators(self, plan: Plan) -> None:
        """The plan's indicator texts as indicators with the whole country's values."""
        linked = link_plan_indicators(plan)
        if linked.indicators:
            self.stdout.write(
                f"{plan.slug}: {linked.indicators} indicators, "
                f"{linked.observations} reference values"
            )
        for label in linked.repeated + linked.without_year:
            self.stdout.write(f"  left out (no year, or one of several for a group): {label}")
        for label in linked.unknown_areas:
            self.stdout.write(f"  left out (no area of that name): {label}")

    def load_indicators(self, slug: str) -> None:
        plan = Plan.objects.get(slug=slug)
        if PlanAreas.objects.filter(plan=plan).exists():
            self.stdout.write(f"{slug} indicators: already there")
            return
        if not plan.plan_indicators.exists():  # a demo plan loaded before plans had them
            self.link_indicators(plan)
        loaded = load_demo_indicators(plan)
        self.stdout.write(f"{slug} indicators: illustrative values of the demo area")
        for line in loaded.values:
            self.stdout.write(f"  {line}")
        self.stdout.write(
            f"  {loaded.directions} directions, {loaded.subgoal_links} links to sub-goals"
        )

    def load_yearclock(self, slug: str) -> None:
        plan = Plan.objects.get(slug=slug)
        events, rated = load_demo_yearclock(plan), rate_demo_actions(plan)
        self.stdout.write(f"{slug}: {events} vuosikello events, {rated} actions rated")

    def load_voice(self, slug: str) -> None:
        responses = load_demo_voice(Plan.objects.get(slug=slug))
        if responses:
            self.stdout.write(f"{slug}: a hearing and a feedback form, {responses} responses")
        else:
            self.stdout.write(f"{slug} voice: already there")

    def load_round(self, slug: str, year: int, seeds: Path, pattern: str) -> None:
        plan = Plan.objects.get(slug=slug)
        if FollowUpRound.objects.filter(plan=plan, year=year).exists():
            self.stdout.write(f"{slug} {year}: already there")
            return
        path = next(seeds.glob(pattern))
        evaluation.save(evaluation.read(path.read_text(encoding="utf-8"), path.name, plan, year))
        self.stdout.write(f"{slug} {year}: round imported from {path.name}")

    def load_people(self) -> None:
        plan = Plan.objects.get(slug="kymenlaakso-2020-2024")
        for username, role, organisation in DEMO_PEOPLE:
            user, created = get_user_model().objects.get_or_create(
                username=username,
                defaults={"email": f"{username}@example.fi", "first_name": username.capitalize()},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save()
            Membership.objects.get_or_create(
                user=user,
                plan=plan,
                role=role,
                organisation=Organisation.objects.filter(name=organisation).first(),
            )
        names = ", ".join(username for username, _r, _o in DEMO_PEOPLE)
        self.stdout.write(f"Demo accounts ({names}), password {DEMO_PASSWORD}: see README.md")

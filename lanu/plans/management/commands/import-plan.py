"""python -m lanu import-plan FILE [--slug SLUG] [--dry-run]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lanu.importers import read_plan
from lanu.importers.data import ImportRefused, PlanData
from lanu.importers.save import save_plan


class Command(BaseCommand):
    help = "Import a plan document (text of a real plan, or Lanu's JSON export) as a new plan."

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", default="", help="the plan's short address")
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would be created; write nothing"
        )

    def handle(self, *args, file, slug, dry_run, **options):
        try:
            data = read_plan(file)
            if dry_run:
                self.stdout.write(summary(data))
                self.stdout.write(_("Dry run: nothing was saved."))
                return
            plan = save_plan(data, slug)
        except ImportRefused as refused:
            lines = [_("The plan was not imported:")] + [f"  {p}" for p in refused.problems]
            raise CommandError("\n".join(lines)) from None
        except OSError as error:
            raise CommandError(
                _("Cannot read %(file)s: %(error)s") % {"file": file, "error": error.strerror}
            ) from None
        self.stdout.write(summary(data))
        self.stdout.write(
            _("Imported “%(name)s” as %(slug)s.") % {"name": plan.name, "slug": plan.slug}
        )


def summary(data: PlanData) -> str:
    """Counts per goal and per organisation, and what the import kept as notes."""
    lines = [f"{data.name} ({data.period_start}–{data.period_end})"]
    lines.append(_("Goals: %d") % len(data.goals))
    for goal in data.goals:
        keys = {f"{goal.number}.{sub.number}" for sub in goal.subgoals}
        count = sum(1 for a in data.actions if keys & set(a.subgoals))
        lines.append(
            "  "
            + _("%(number)s %(title)s: %(subgoals)d sub-goals, %(actions)d actions")
            % {
                "number": goal.number,
                "title": goal.title,
                "subgoals": len(goal.subgoals),
                "actions": count,
            }
        )
    lines.append(_("Organisations: %d") % len(data.organisations))
    for organisation in data.organisations:
        count = sum(1 for a in data.actions if a.organisation == organisation.name)
        lines.append(
            "  "
            + _("%(name)s: %(actions)d actions") % {"name": organisation.name, "actions": count}
        )
    lines.append(_("Actions: %d") % len(data.actions))
    lines.extend(data.report)
    return "\n".join(lines)

"""python -m lanu import-plan FILE [--slug SLUG] [--plan SLUG] [--dry-run]
[--organisation "NAME=ORGANISATION" ...] [--apply-aliases]"""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from lanu.backup.restore import read_restore, restore_plan
from lanu.importers import read_plan_changes
from lanu.importers.commands import plan_at, refusals_as_errors
from lanu.importers.data import PlanData
from lanu.importers.organisations import Choices, ambiguity, match_organisations


class Command(BaseCommand):
    help = (
        "Import a plan document (text or Word of a real plan, Lanu's JSON export or XLSX "
        "template) as a new plan, or with --plan an action spreadsheet into that plan. "
        "A full export (export-plan) restores the plan with its follow-up rounds and people."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--slug", default="", help="the plan's short address")
        parser.add_argument(
            "--plan", default="", help="apply an action spreadsheet (.xlsx, .csv) to this plan"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="show what would be created; write nothing"
        )
        parser.add_argument(
            "--organisation",
            action="append",
            default=[],
            metavar="NAME=ORGANISATION",
            help="the existing organisation a name of the file means, when it may be several",
        )
        parser.add_argument(
            "--apply-aliases",
            action="store_true",
            help="add the file's new names of existing organisations to them as aliases",
        )

    def handle(self, *args, file, slug, plan, dry_run, **options):
        if plan:
            return self.into_plan(file, plan, dry_run)
        with refusals_as_errors(file, _("The plan was not imported:")):
            data, backup = read_restore(file)
            choices = organisation_choices(data, options["organisation"], options["apply_aliases"])
            for line in proposals(data, options["apply_aliases"]):
                self.stdout.write(line)
            if dry_run:
                self.stdout.write(summary(data))
                if backup.full:
                    self.stdout.write(backup.summary())
                self.stdout.write(_("Dry run: nothing was saved."))
                return
            restored = restore_plan(data, backup, slug, choices)
        plan = restored.plan
        self.stdout.write(summary(data))
        for line in restored.report:
            self.stdout.write(line)
        self.stdout.write(
            _("Imported “%(name)s” as %(slug)s.") % {"name": plan.name, "slug": plan.slug}
        )

    def into_plan(self, file: str, slug: str, dry_run: bool) -> None:
        from lanu.importers.changes import apply_changes

        plan = plan_at(slug)
        with refusals_as_errors(file, _("The file was not imported:")):
            found = read_plan_changes(file, plan)
            self.stdout.write(changes_summary(found))
            if dry_run:
                self.stdout.write(_("Dry run: nothing was saved."))
                return
            apply_changes(found, user=None)
        self.stdout.write(_("Imported into “%s”.") % plan.name)


def organisation_choices(data: PlanData, answers: list[str], apply_aliases: bool) -> Choices:
    """The existing organisations meant by ambiguous names, and with --apply-aliases the
    file's new names of existing organisations; an ambiguous name unanswered is refused."""
    chosen = dict(answer.partition("=")[::2] for answer in answers)
    choices = Choices()
    for match in match_organisations(data):
        if match.ambiguous:
            choices.chosen[match.item.name] = chosen_one(match, chosen)
        elif apply_aliases and match.new_aliases:
            choices.aliases[match.item.name] = match.new_aliases
    return choices


def proposals(data: PlanData, applied: bool) -> list[str]:
    """The file's new names of existing organisations, and whether they are added."""
    lines = []
    for match in match_organisations(data):
        if match.new_aliases:
            values = {"name": match.existing.name, "aliases": ", ".join(match.new_aliases)}
            line = _("New names of “%(name)s” in the file: %(aliases)s") % values
            added = _("added") if applied else _("not added (--apply-aliases adds them)")
            lines.append(f"{line}: {added}")
    return lines


def chosen_one(match, chosen: dict[str, str]):
    """The candidate named by --organisation "NAME=ORGANISATION", or a clear refusal."""
    wanted = chosen.get(match.item.name, "").strip()
    for candidate in match.candidates:
        if candidate.name == wanted:
            return candidate
    hint = _('Give --organisation "%(name)s=ORGANISATION" with one of them.')
    raise CommandError(" ".join([ambiguity(match), hint % {"name": match.item.name}]))


def changes_summary(found) -> str:
    """Each changed action with its old and new values, the new ones, and the counts."""
    lines = list(found.report)
    for update in found.updates:
        lines.append(f"#{update.action_id} {update.title}")
        for change in update.changes:
            lines.append(f"  {change.label}: {change.old!r} -> {change.new!r}")
    for action in found.new_actions:
        lines.append(_("New: %(organisation)s, %(title)s") % row_names(action))
    for action in found.already_there:
        lines.append(_("Already there: %(organisation)s, %(title)s") % row_names(action))
    return "\n".join(lines)


def row_names(action) -> dict[str, str]:
    return {"organisation": action.organisation, "title": action.description[:80]}


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

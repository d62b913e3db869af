"""python -m lanu import-plan FILE [--slug SLUG] [--plan SLUG] [--dry-run]
[--name NAME] [--period 2024-2026] [--organisation NAME ...] [--columns ROLES ...]
[--split-bullets CELL|all ...]
[--organisation "NAME=ORGANISATION" ...] [--apply-aliases]

A plan document people write (Word, Excel, ODT, PDF, CSV) is read by the general reader,
which guesses the columns' roles and the plan's name, period and organisation; the
options give what it cannot guess. Lanu's own formats and the seeds' text layouts are
read as before.
"""

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import gettext as _

from lanu import importers
from lanu.backup.indicators import IndicatorsData, check_references
from lanu.backup.restore import backup_of, restore_plan
from lanu.importers import read_plan_changes
from lanu.importers.commands import (
    ColumnsOption,
    columns_option,
    missing_detail,
    organisation_option,
    period_option,
    plan_at,
    problem_line,
    refusals_as_errors,
)
from lanu.importers.data import PlanData
from lanu.importers.details import apply_details
from lanu.importers.general.result import Choices as ReadingChoices
from lanu.importers.general.result import PlanDetails, Reading
from lanu.importers.layouts import keep_layouts, known_layouts
from lanu.importers.organisations import Choices, ambiguity, match_organisations
from lanu.importers.preview import layouts_chosen


class Command(BaseCommand):
    help = (
        "Import a plan document (Word, Excel, ODT, PDF or CSV as municipalities write "
        "them, the seeds' text, Lanu's JSON export or XLSX template) as a new plan, or "
        "with --plan an action spreadsheet into that plan. A full export (export-plan) "
        "restores the plan with its follow-up rounds and people."
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
        parser.add_argument("--name", default="", help="the plan's name, if not the document's")
        parser.add_argument(
            "--period", default="", metavar="2024-2026", help="the plan's first and last year"
        )
        parser.add_argument(
            "--organisation",
            action="append",
            default=[],
            metavar="NAME or NAME=ORGANISATION",
            help="NAME: the plan's organisation when the document has no organisation "
            "column (repeatable: the first does the actions); NAME=ORGANISATION: the "
            "existing organisation a name of the file means, when it may be several",
        )
        parser.add_argument(
            "--columns",
            action="append",
            default=[],
            metavar="[TABLE:]ROLE,ROLE,...",
            help="the roles of an action table's columns in order (goal, subgoal, action, "
            "responsible, metrics …): for every action table of as many columns, or with "
            "TABLE: for that table; an empty place keeps the guessed role",
        )
        parser.add_argument(
            "--split-bullets",
            action="append",
            default=[],
            metavar="CELL or all",
            help="read the bullets of an action cell flagged as several actions (its key, "
            "as the flag prints it; or all of them) as one action each",
        )
        parser.add_argument(
            "--apply-aliases",
            action="store_true",
            help="add the file's new names of existing organisations to them as aliases",
        )

    def handle(self, *args, file, slug, plan, dry_run, **options):
        if plan:
            return self.into_plan(file, plan, dry_run)
        names, answers = organisation_option(options["organisation"])
        start, end = period_option(options["period"])
        details = PlanDetails(options["name"].strip(), start, end, names)
        columns = columns_option(options["columns"])
        with refusals_as_errors(file, _("The plan was not imported:")):
            raw, source = importers.read_file(file)
            data, layouts = self.read_new(raw, source, details, columns, options["split_bullets"])
            backup = backup_of(raw, source, data)
            choices = organisation_choices(data, answers, options["apply_aliases"])
            for line in proposals(data, options["apply_aliases"]):
                self.stdout.write(line)
            if dry_run:
                self.stdout.write(summary(data))
                if backup.full:
                    self.stdout.write(backup.summary())
                    self.dry_indicators(backup.indicators)
                self.stdout.write(_("Dry run: nothing was saved."))
                return
            with transaction.atomic():
                restored = restore_plan(data, backup, slug, choices)
                keep_layouts(restored.plan, layouts)
        plan = restored.plan
        self.stdout.write(summary(data))
        for line in restored.report:
            self.stdout.write(line)
        self.stdout.write(
            _("Imported “%(name)s” as %(slug)s.") % {"name": plan.name, "slug": plan.slug}
        )

    def dry_indicators(self, indicators: IndicatorsData) -> None:
        """What a restore would bring of the plan's indicators; missing codes refuse."""
        if indicators.links:
            check_references(indicators)
            self.stdout.write(indicators.summary())

    def read_new(
        self, raw: bytes, source: str, details: PlanDetails, columns: ColumnsOption, split: list
    ):
        """The plan the file holds with the options' answers, and the column roles given
        for its tables (kept with the plan, as the web import keeps them)."""
        document = importers.read_new_plan(raw, source, details)
        if isinstance(document, PlanData):  # Lanu's own formats, the seeds' text layouts
            return importers.checked(document, source), {}  # what is missing is refused
        known = known_layouts()  # every plan's: the command line has no user
        choices = ReadingChoices(details=details)
        reading = importers.read_general(document, choices, known)
        if columns.tables or columns.any_table:
            check_tables(columns, reading)
            choices.roles = columns.roles(reading.tables)
            reading = importers.read_general(document, choices, known)
        if split:
            flagged = {flag.key for flag in reading.flags}
            choices.split_bullets = flagged if "all" in split else set(split)
            reading = importers.read_general(document, choices, known)
        if reading.data is None or reading.problems:
            raise CommandError(refusal(source, reading))
        for flag in reading.flags:
            self.stdout.write(f"{flag.where}: {flag.message} (--split-bullets {flag.key})")
        # The reader gives the actions to the first organisation; the others take part.
        data = apply_details(reading.data, PlanDetails(organisations=details.organisations))
        return data, layouts_chosen(reading, choices, known)

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


def check_tables(columns: ColumnsOption, reading: Reading) -> None:
    """A table named by --columns N:… that the document does not have is refused."""
    numbers = {table.number for table in reading.tables}
    for number in sorted(set(columns.tables) - numbers):
        values = {"number": number, "count": len(numbers)}
        message = _(
            "--columns %(number)d:…: the document has no table %(number)d (it has %(count)d)."
        )
        raise CommandError(message % values)


def refusal(source: str, reading: Reading) -> str:
    """The reading's problems, one per line, what the document does not say with the
    option that gives it; for any other problem, the tables found and their columns'
    roles, as --columns would give them."""
    lines = [_("The plan was not imported:")]
    for problem in reading.problems:
        problem.file = problem.file or source
        lines.append(problem_line(problem))
    if not all(missing_detail(problem) for problem in reading.problems):
        lines.append(
            _(
                "Give the columns their roles in order with --columns "
                '"goal,subgoal,action,responsible,metrics" ("3:…" for table 3 only); '
                "the tables found, with their number of columns and the roles guessed:"
            )
        )
        for table in reading.tables:
            roles = ", ".join(f"{c.header or '–'}: {c.role or '–'}" for c in table.columns)
            lines.append(f"  {table.where} ({len(table.columns)}): {roles}")
    return "\n".join(lines)


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
        if match.new_aliases and match.existing is not None:  # only an existing one has them
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

"""What the plan commands share: finding the plan, and a refused import as a command error."""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from lanu.plans.models import Plan

from .data import ImportRefused, Problem
from .details import MissingDetail
from .general.result import ROLES, TableFound


@contextmanager
def refusals_as_errors(file: str, heading: str):
    """Turn ImportRefused (every problem, one per line) and OSError into a CommandError."""
    try:
        yield
    except ImportRefused as refused:
        lines = [heading] + [problem_line(problem) for problem in refused.problems]
        raise CommandError("\n".join(lines)) from None
    except OSError as error:
        values = {"file": file, "error": error.strerror}
        raise CommandError(_("Cannot read %(file)s: %(error)s") % values) from None


def plan_at(slug: str) -> Plan:
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        raise CommandError(_("No plan has the address “%s”.") % slug)
    return plan


# The options of import-plan that answer what a document does not say ------------------

PERIOD_OPTION = re.compile(r"^\s*(\d{4})\s*[-–—]\s*(\d{4})\s*$")
TABLE_PREFIX = re.compile(r"^\s*(\d+)\s*:(.*)$")


def period_option(text: str) -> tuple[int | None, int | None]:
    """--period 2024-2026 (or 2024–2026) as years; a bad value is a command error."""
    if not text:
        return None, None
    found = PERIOD_OPTION.match(text)
    if not found or not 0 <= int(found[2]) - int(found[1]) <= 20:
        message = _("--period “%s” is not a period: write the first and last year, e.g. 2024-2026.")
        raise CommandError(message % text)
    return int(found[1]), int(found[2])


@dataclass
class ColumnsOption:
    """--columns: roles for every action table of as many columns, or for one table."""

    tables: dict[int, list[str]] = field(default_factory=dict)  # table number -> roles
    any_table: list[list[str]] = field(default_factory=list)  # by their number of columns

    def roles(self, tables: list[TableFound]) -> dict[int, list[str]]:
        """Each table's roles: its own (--columns 3:…), else the ones given for every
        action table with that many columns; when no action table has that many (its
        headers were not recognised), every table with that many."""
        chosen: dict[int, list[str]] = {}
        for roles in self.any_table:
            wide = [table for table in tables if len(table.columns) == len(roles)]
            actions = [table for table in wide if table.is_action_table]
            chosen |= {table.number: roles for table in actions or wide}
        return chosen | self.tables


def columns_option(values: list[str]) -> ColumnsOption:
    """Each --columns value: "goal,subgoal,action,…" or "3:goal,action,…" (table 3).
    An empty place keeps the guessed role; an unknown role is a command error."""
    found = ColumnsOption()
    for value in values:
        numbered = TABLE_PREFIX.match(value)
        roles = [role.strip().lower() for role in (numbered[2] if numbered else value).split(",")]
        for role in roles:
            if role and role not in ROLES:
                message = _("“%(role)s” is not a column role; the roles are: %(roles)s.")
                raise CommandError(message % {"role": role, "roles": ", ".join(ROLES)})
        if numbered:
            found.tables[int(numbered[1])] = roles
        else:
            found.any_table.append(roles)
    return found


def organisation_option(values: list[str]) -> tuple[list[str], list[str]]:
    """--organisation values: the plan's organisations ("NAME"), and the answers to
    ambiguous names ("NAME=ORGANISATION"), told apart by the "="."""
    answers = [value for value in values if "=" in value]
    names = [value.strip() for value in values if "=" not in value and value.strip()]
    return names, answers


OPTION_HINTS = {  # the option that gives what the document does not say
    "name": lambda: _('Give it with --name "NAME".'),
    "period": lambda: _("Give it with --period 2024-2026."),
    "organisation": lambda: _(
        'Give it with --organisation "NAME" (repeat the option for several organisations).'
    ),
}


def problem_line(problem: Problem) -> str:
    """A problem as the command prints it; what the document does not say, with the
    option that gives it."""
    hint = OPTION_HINTS.get(missing_detail(problem))
    return f"  {problem} {hint()}" if hint else f"  {problem}"


def missing_detail(problem: Problem) -> str:
    """ "name", "period" or "organisation" when the problem is that the document does not
    say it (a MissingDetail, from details.py or the general reader); else "". Told by the
    problem's type, never its words: a message may be reworded or translated."""
    return problem.detail if isinstance(problem, MissingDetail) else ""

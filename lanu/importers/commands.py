"""What the plan commands share: finding the plan, and a refused import as a command error."""

from contextlib import contextmanager

from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from lanu.plans.models import Plan

from .data import ImportRefused


@contextmanager
def refusals_as_errors(file: str, heading: str):
    """Turn ImportRefused (every problem, one per line) and OSError into a CommandError."""
    try:
        yield
    except ImportRefused as refused:
        lines = [heading] + [f"  {problem}" for problem in refused.problems]
        raise CommandError("\n".join(lines)) from None
    except OSError as error:
        values = {"file": file, "error": error.strerror}
        raise CommandError(_("Cannot read %(file)s: %(error)s") % values) from None


def plan_at(slug: str) -> Plan:
    plan = Plan.objects.filter(slug=slug).first()
    if plan is None:
        raise CommandError(_("No plan has the address “%s”.") % slug)
    return plan

"""python -m lanu delete-old-answers [--dry-run]: the retention of the voice answers
(lanu/voice/retention.py, docs/voice.md)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from lanu.voice.retention import Deleted, delete_old_answers


class Command(BaseCommand):
    help = (
        "Delete the answers to feedback forms and hearings that are older than their "
        "plan's period: once a plan's last year is over, every response submitted before "
        "the first day of the following year goes, with its answers (scores, choices, "
        "free texts). The forms, their questions and written summaries stay. All plans "
        "in one transaction; prints how many went per plan. Meant to run daily from cron. "
        "See docs/voice.md."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="only count what would be deleted; nothing is changed",
        )

    def handle(self, *args, dry_run: bool, **options):
        found = delete_old_answers(timezone.localdate(), dry_run=dry_run)
        for deleted in found:
            self.stdout.write(line(deleted, dry_run))
        if not found:
            self.stdout.write(_("No answers older than their plan's period."))
        elif dry_run:
            self.stdout.write(_("Dry run: nothing was deleted."))


def line(deleted: Deleted, dry_run: bool) -> str:
    values = {
        "plan": deleted.plan.name,
        "slug": deleted.plan.slug,
        "period": deleted.plan.period,
        "responses": deleted.responses,
        "answers": deleted.answers,
        "before": format_date(deleted.before, "j.n.Y"),
    }
    if dry_run:
        text = _(
            "%(slug)s (“%(plan)s”, %(period)s): %(responses)s responses (%(answers)s "
            "answers) submitted before %(before)s would be deleted."
        )
    else:
        text = _(
            "%(slug)s (“%(plan)s”, %(period)s): deleted %(responses)s responses "
            "(%(answers)s answers) submitted before %(before)s."
        )
    return text % values

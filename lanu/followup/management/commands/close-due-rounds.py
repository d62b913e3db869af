"""python -m lanu close-due-rounds: close the follow-up rounds whose closing date has passed."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from lanu.followup.rounds import close_due_rounds


class Command(BaseCommand):
    help = (
        "Close every open follow-up round whose closing date has passed, taking its "
        "snapshot as the coordinator's closing does. Meant to run daily from cron."
    )

    def handle(self, *args, **options):
        closed = close_due_rounds(timezone.localdate())
        for round_ in closed:
            self.stdout.write(
                _("Closed the follow-up round %(year)s of “%(plan)s” (closing date %(date)s).")
                % {
                    "year": round_.year,
                    "plan": round_.plan.name,
                    "date": format_date(round_.closes_on, "j.n.Y"),
                }
            )
        if not closed:
            self.stdout.write(_("No follow-up round was due to close."))

"""python -m lanu send-reminders: e-mail reminders of the vuosikello's deadlines and of
follow-up rounds about to close. Meant to run daily (docs/reminders.md)."""

from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from lanu.yearclock.reminders import due_mails, send


class Command(BaseCommand):
    help = (
        "E-mail the contact people of organisations before the deadlines they own, and "
        "before a follow-up round closes to those who have not submitted. Each reminder "
        "is sent once. Run daily from cron or a systemd timer."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=7,
            help="How many days ahead to remind (default 7).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be sent; send nothing."
        )

    def handle(self, *args, days, dry_run, **options):
        today = timezone.localdate()
        mails = due_mails(today, days)
        if not dry_run:
            mails = send(mails, today)
        line = (
            _("Would e-mail %(address)s: %(subject)s")
            if dry_run
            else _("E-mailed %(address)s: %(subject)s")
        )
        for mail in mails:
            self.stdout.write(line % {"address": mail.address, "subject": mail.subject})
        if not mails:
            self.stdout.write(_("No reminder is due."))

"""Reminders by e-mail before the vuosikello's deadlines, sent daily by `send-reminders`.

Two kinds, each to the contact people of an organisation (the plan's editors of it,
followup.reminders.contact_people), one e-mail per person (docs/reminders.md):

- a deadline event an organisation owns, `days` ahead of each occurrence: recorded as a
  DeadlineReminderSent per event, occurrence and address, so it is sent once however
  often the command runs;
- a follow-up round about to close, `days` ahead of its closing, to the contacts of the
  organisations that have not submitted: recorded as followup's ReminderSent (sent by
  nobody), so the round's overview shows it beside the coordinator's reminders, and a
  person already reminded of the organisation in the round since the window opened is
  not reminded again.

E-mails are written in the plan's language (Plan.language: Lanu stores no language per
person, and a plan's people work in its language).
"""

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, NamedTuple

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _

from lanu.followup.models import FollowUpRound, ReminderSent, Submission
from lanu.followup.reminders import Reminder, contact_people, record

from .models import DeadlineReminderSent, Event
from .occurrences import occurrences


class Mail(NamedTuple):
    """One e-mail to be sent, and how to write it down (False: already sent)."""

    person: Any
    subject: str
    body: str
    record: Callable[[date], bool]  # writes it down on the day: False if sent before

    @property
    def address(self) -> str:
        return self.person.email


def day_text(day: date) -> str:
    return format_date(day, "j.n.Y")


def in_plan_language(plan, write) -> tuple[str, str]:
    with translation.override(plan.language or settings.LANGUAGE_CODE):
        return write()


# Deadlines an organisation owns


def deadline_mails(today: date, days: int) -> list[Mail]:
    """An e-mail to each contact of the owner, for each deadline from today to `days` ahead."""
    last = today + timedelta(days=days)
    events = Event.objects.filter(kind=Event.Kind.DEADLINE, owner__isnull=False)
    sent = set(
        DeadlineReminderSent.objects.filter(occurs_on__gte=today).values_list(
            "event_id", "occurs_on", "email"
        )
    )
    mails = []
    contacts: dict[int, dict] = {}  # by plan: its contact people by organisation
    for event in events.select_related("owner").prefetch_related("plans__rounds"):
        for plan in event.plans.all():
            if plan.pk not in contacts:
                contacts[plan.pk] = contact_people(plan)
            for occurrence in occurrences(event, today, last, plan.rounds.all()):
                for person in contacts[plan.pk].get(event.owner_id, []):
                    if person.email and (event.pk, occurrence.starts_on, person.email) not in sent:
                        mails.append(
                            deadline_mail(plan, event, occurrence.starts_on, person, event.owner)
                        )
                        sent.add((event.pk, occurrence.starts_on, person.email))
    return mails


def deadline_mail(plan, event: Event, day: date, person, owner) -> Mail:
    def write():
        values = {"title": event.local_title, "plan": plan.name, "date": day_text(day)}
        subject = _("Reminder: “%(title)s” of %(plan)s on %(date)s") % values
        body = _(
            "Hello,\n\nThe annual calendar of the plan “%(plan)s” has a deadline of "
            "%(organisation)s on %(date)s: %(title)s."
        ) % (values | {"organisation": owner.name})
        if event.local_description:
            body += "\n\n" + event.local_description
        return subject, body + "\n\n" + _("This reminder was sent by Lanu.")

    subject, body = in_plan_language(plan, write)

    def write_down(today: date) -> bool:
        try:
            with transaction.atomic():
                DeadlineReminderSent.objects.create(
                    event=event,
                    occurs_on=day,
                    organisation=owner,
                    recipient=person,
                    email=person.email,
                    sent_on=today,
                )
        except IntegrityError:
            return False
        return True

    return Mail(person, subject, body, write_down)


# Rounds about to close


def round_mails(today: date, days: int) -> list[Mail]:
    """An e-mail to each contact of the organisations that have not submitted, for each
    open round closing from today to `days` ahead; one per person, naming their reports."""
    window = today + timedelta(days=days)
    rounds = FollowUpRound.objects.filter(
        state=FollowUpRound.State.OPEN, closes_on__gte=today, closes_on__lte=window
    ).select_related("plan")
    return [mail for round_ in rounds for mail in mails_of_round(round_, days)]


def mails_of_round(round_: FollowUpRound, days: int) -> list[Mail]:
    plan = round_.plan
    submitted = set(
        Submission.objects.filter(round=round_).values_list("organisation_id", flat=True)
    )
    reminded = set(
        ReminderSent.objects.filter(
            round=round_, sent_on__gte=round_.closes_on - timedelta(days=days)
        ).values_list("organisation_id", "recipient_id")
    )
    waiting: dict[int, tuple] = {}
    contacts = contact_people(plan)
    for participation in plan.participations.select_related("organisation"):
        organisation = participation.organisation
        if organisation.pk in submitted:
            continue
        for person in contacts.get(organisation.pk, []):
            if person.email and (organisation.pk, person.pk) not in reminded:
                waiting.setdefault(person.pk, (person, []))[1].append(organisation)
    return [round_mail(round_, person, theirs) for person, theirs in waiting.values()]


def round_mail(round_: FollowUpRound, person, organisations: list) -> Mail:
    plan = round_.plan

    def write():
        values = {"plan": plan.name, "year": round_.year, "date": day_text(round_.closes_on)}
        subject = (
            _("Reminder: the follow-up round %(year)s of %(plan)s closes on %(date)s") % values
        )
        body = (
            _(
                "Hello,\n\nThe follow-up round %(year)s of the plan “%(plan)s” closes on %(date)s. "
                "These reports you are a contact person of have not been submitted yet:"
            )
            % values
        )
        body += "\n\n" + "\n".join(f"- {o.name}" for o in organisations)
        return subject, body + "\n\n" + _("This reminder was sent by Lanu.")

    subject, body = in_plan_language(plan, write)
    reminder = Reminder(person, organisations, False)
    return Mail(person, subject, body, lambda today: record(round_, reminder, None, today))


def due_mails(today: date, days: int) -> list[Mail]:
    return deadline_mails(today, days) + round_mails(today, days)


def send(mails: list[Mail], today: date) -> list[Mail]:
    """Write each e-mail down and send it, one at a time: one the mail server refuses is
    not written down, and is tried again on the next run."""
    sent = []
    connection = get_connection(fail_silently=False)
    for mail in mails:
        with transaction.atomic():
            if not mail.record(today):
                continue
            message = EmailMessage(
                mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.address]
            )
            connection.send_messages([message])
        sent.append(mail)
    return sent

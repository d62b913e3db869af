"""Reminding the organisations that have not submitted their report of a round.

An organisation's contact people are the plan's editors of that organisation
(accounts.Membership, role editor). Each gets an e-mail of their own, so nobody
sees the others' addresses; it names the plan, the round and its deadline.
The coordinator first sees who would get what (plan_reminders), then sends.
A person is never reminded twice on one day in a round: a contact person of two
organisations that have not submitted gets one e-mail naming both reports (what
one would expect from one coordinator on one day, rather than two near-identical
e-mails), recorded as one ReminderSent row per organisation so the overview shows
each organisation's reminders; anyone reminded in the round today is skipped, and
the confirmation page says so. A person invited who has not chosen a
password yet gets the link to choose one, since a login link would not help.
E-mails are in Finnish: Lanu stores no language per person.
"""

from collections import defaultdict
from typing import TYPE_CHECKING, NamedTuple

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.tokens import default_token_generator
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation
from django.utils.dateformat import format as format_date
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanu.accounts.models import Membership

from .models import ReminderSent

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class Reminder(NamedTuple):
    """One e-mail to be sent: to whom, for which organisations' reports, with which link."""

    person: "User"
    organisations: list
    password_link: bool  # invited, no password yet: the link to choose one

    @property
    def organisation_names(self) -> str:
        return ", ".join(organisation.name for organisation in self.organisations)


class Planned(NamedTuple):
    """What sending now would do: the e-mails, and who was already reminded today."""

    reminders: list[Reminder]
    skipped: list[Reminder]


def plan_reminders(round_, organisations, today) -> Planned:
    """One reminder per contact person (with an address) of the organisations: 1 query."""
    done = set(
        ReminderSent.objects.filter(round=round_, sent_on=today).values_list(
            "recipient_id", flat=True
        )
    )
    reminders: list[Reminder] = []
    skipped: list[Reminder] = []
    for person, theirs in people_and_organisations(organisations).values():
        reminder = Reminder(person, theirs, not person.has_usable_password())
        (skipped if person.pk in done else reminders).append(reminder)
    return Planned(reminders, skipped)


def people_and_organisations(organisations) -> dict[int, tuple]:
    """Each contact person with an address, with the organisations they are a contact of."""
    found: dict[int, tuple] = {}
    for organisation in organisations:
        for person in organisation.contacts:
            if person.email:
                found.setdefault(person.pk, (person, []))[1].append(organisation)
    return found


def contact_people(plan) -> dict[int | None, list]:
    """The plan's editors per organisation id (active accounts only): 1 query."""
    editors = Membership.objects.filter(
        plan=plan, role=Membership.Role.EDITOR, user__is_active=True
    ).select_related("user")
    people: dict[int | None, list] = defaultdict(list)
    for membership in editors.order_by("user__first_name", "user__username"):
        people[membership.organisation_id].append(membership.user)
    return people


def deadline(round_) -> str:
    return format_date(round_.closes_on, "j.n.Y")


def send_reminders(request, plan, round_, reminders: list[Reminder], today) -> list[Reminder]:
    """E-mail and record each reminder not yet sent today; the ones sent.

    Recording first keeps a double post from sending twice; the recording and the
    sending are one transaction, so that if the mail server refuses (SMTPException,
    OSError), nothing is recorded and the coordinator can try again the same day.
    """
    with transaction.atomic():
        sent = [r for r in reminders if record(round_, r, request.user, today)]
        e_mail(request, plan, round_, sent)
    return sent


def e_mail(request, plan, round_, sent: list[Reminder]) -> None:
    url = request.build_absolute_uri(reverse("followup:round", args=[plan.slug, round_.year]))
    reply_to = [request.user.email] if request.user.email else []
    with translation.override(settings.LANGUAGE_CODE):
        e_mails = [
            EmailMessage(
                subject(plan, round_),
                body(plan, round_, r.organisations, url, request.user, link_for(request, r)),
                settings.DEFAULT_FROM_EMAIL,
                [r.person.email],
                reply_to=reply_to,
            )
            for r in sent
        ]
    get_connection(fail_silently=False).send_messages(e_mails)


def record(round_, reminder: Reminder, sender, today) -> bool:
    """Write the sending down, a row per organisation; False if the person was reminded
    of one of them today already (a double post)."""
    try:
        with transaction.atomic():
            for organisation in reminder.organisations:
                ReminderSent.objects.create(
                    round=round_,
                    organisation=organisation,
                    recipient=reminder.person,
                    email=reminder.person.email,
                    sent_on=today,
                    sent_by=sender,
                    with_password_link=reminder.password_link,
                )
    except IntegrityError:
        return False
    return True


def link_for(request, reminder: Reminder) -> str:
    """The link to choose a password, for a person who has none yet; else ""."""
    if not reminder.password_link:
        return ""
    user = reminder.person
    path = reverse(
        "password_reset_confirm",
        kwargs={
            "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
            "token": default_token_generator.make_token(user),
        },
    )
    return request.build_absolute_uri(path)


def subject(plan, round_) -> str:
    return _("Reminder: the follow-up report of %(plan)s for %(year)s is due on %(deadline)s") % {
        "plan": plan.name,
        "year": round_.year,
        "deadline": deadline(round_),
    }


def body(plan, round_, organisations, url: str, sender, password_link: str = "") -> str:
    """The e-mail to one contact person, naming each of their organisations' reports."""
    text = _(
        "Hello,\n\n"
        "The follow-up round %(year)s of the plan “%(plan)s” is open until %(deadline)s. "
        "These reports you are a contact person of have not been submitted yet:"
    ) % {"year": round_.year, "plan": plan.name, "deadline": deadline(round_)}
    text += "\n\n" + "\n".join(f"- {progress_line(o)}" for o in organisations) + "\n\n"
    text += _(
        "Report at: %(url)s\n\nThis reminder was sent by %(sender)s, the plan's coordinator."
    ) % {"url": url, "sender": sender.get_full_name() or sender.get_username()}
    if password_link:
        text += "\n\n" + _(
            "You have not chosen a password yet, so you cannot log in. Choose one first at: "
            "%(link)s"
        ) % {"link": password_link}
    return text


def progress_line(organisation) -> str:
    return _("%(organisation)s: %(reported)s of %(total)s actions reported so far") % {
        "organisation": organisation.name,
        "reported": organisation.reported,
        "total": len(organisation.action_ids),
    }


def confirmation(organisations, sent, skipped) -> list[tuple[int, str]]:
    """The messages for the coordinator: who was e-mailed, who was skipped, who could not be."""
    if not organisations:
        return [(messages.INFO, _("Every organisation has submitted: no reminder was sent."))]
    found = []
    if sent:
        found.append((messages.SUCCESS, e_mailed(sent)))
    else:
        found.append((messages.WARNING, _("No reminder was sent.")))
    if skipped:
        found.append((messages.INFO, skipped_today(skipped)))
    found += [(messages.WARNING, t) for o in organisations if (t := not_reached(o))]
    return found


def names(reminders) -> str:
    return "; ".join(
        f"{r.person.get_full_name() or r.person.get_username()} <{r.person.email}> "
        f"({r.organisation_names})"
        for r in reminders
    )


def skipped_today(skipped) -> str:
    return _("Already reminded in this round today, so not again: %(names)s.") % {
        "names": names(skipped)
    }


def e_mailed(sent) -> str:
    text = ngettext(
        "A reminder was e-mailed to %(count)d person: %(names)s.",
        "A reminder was e-mailed to %(count)d people: %(names)s.",
        len(sent),
    )
    return text % {"count": len(sent), "names": names(sent)}


def not_reached(organisation) -> str:
    """Why some contact of the organisation was not reminded, or ""."""
    if not organisation.contacts:
        return _(
            "%(organisation)s has no contact person (an editor of the plan): not reminded."
        ) % {"organisation": organisation.name}
    missing = [p.get_full_name() or p.get_username() for p in organisation.contacts if not p.email]
    if not missing:
        return ""
    return _("%(names)s (%(organisation)s) has no e-mail address: not reminded.") % {
        "names": ", ".join(missing),
        "organisation": organisation.name,
    }

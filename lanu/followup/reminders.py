"""Reminding the organisations that have not submitted their report of a round.

An organisation's contact people are the plan's editors of that organisation
(accounts.Membership, role editor). Each gets an e-mail of their own, so nobody
sees the others' addresses; it names the plan, the round and its deadline.
"""

from collections import defaultdict

from django.conf import settings
from django.contrib import messages
from django.core.mail import EmailMessage, get_connection
from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanu.accounts.models import Membership


def contact_people(plan) -> dict[int, list]:
    """The plan's editors per organisation id (active accounts only): 1 query."""
    editors = Membership.objects.filter(
        plan=plan, role=Membership.Role.EDITOR, user__is_active=True
    ).select_related("user")
    people: dict[int, list] = defaultdict(list)
    for membership in editors.order_by("user__first_name", "user__username"):
        people[membership.organisation_id].append(membership.user)
    return people


def deadline(round_) -> str:
    return format_date(round_.closes_on, "j.n.Y")


def send_reminders(request, plan, round_, organisations) -> list[tuple]:
    """E-mail each contact person (with an address) of the organisations: (person, organisation)."""
    sent = [(person, o) for o in organisations for person in o.contacts if person.email]
    url = request.build_absolute_uri(reverse("followup:round", args=[plan.slug, round_.year]))
    reply_to = [request.user.email] if request.user.email else []
    e_mails = [
        EmailMessage(
            subject(plan, round_),
            body(plan, round_, organisation, url, request.user),
            settings.DEFAULT_FROM_EMAIL,
            [person.email],
            reply_to=reply_to,
        )
        for person, organisation in sent
    ]
    get_connection().send_messages(e_mails)
    return sent


def subject(plan, round_) -> str:
    return _("Reminder: the follow-up report of %(plan)s for %(year)s is due on %(deadline)s") % {
        "plan": plan.name,
        "year": round_.year,
        "deadline": deadline(round_),
    }


def body(plan, round_, organisation, url: str, sender) -> str:
    return _(
        "Hello,\n\n"
        "%(organisation)s has not yet submitted its report in the follow-up round %(year)s "
        "of the plan “%(plan)s”. The deadline is %(deadline)s.\n\n"
        "So far %(reported)s of its %(total)s actions have been reported.\n\n"
        "Report at: %(url)s\n\n"
        "This reminder was sent by %(sender)s, the plan's coordinator."
    ) % {
        "organisation": organisation.name,
        "year": round_.year,
        "plan": plan.name,
        "deadline": deadline(round_),
        "reported": organisation.reported,
        "total": len(organisation.action_ids),
        "url": url,
        "sender": sender.get_full_name() or sender.get_username(),
    }


def confirmation(organisations, sent) -> list[tuple[int, str]]:
    """The messages for the coordinator: who was e-mailed, and who could not be."""
    if not organisations:
        return [(messages.INFO, _("Every organisation has submitted: no reminder was sent."))]
    found = []
    if sent:
        found.append((messages.SUCCESS, e_mailed(sent)))
    else:
        found.append((messages.WARNING, _("No reminder was sent.")))
    found += [(messages.WARNING, t) for o in organisations if (t := not_reached(o))]
    return found


def e_mailed(sent) -> str:
    names = "; ".join(
        f"{person.get_full_name() or person.get_username()} <{person.email}> ({o.name})"
        for person, o in sent
    )
    text = ngettext(
        "A reminder was e-mailed to %(count)d person: %(names)s.",
        "A reminder was e-mailed to %(count)d people: %(names)s.",
        len(sent),
    )
    return text % {"count": len(sent), "names": names}


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

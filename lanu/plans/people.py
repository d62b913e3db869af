"""The people of a plan: coordinators give people a role in it, and take it away.

The URLs are a plan's (/plans/<slug>/people/, in the "plans" namespace): urls.py includes
`urlpatterns` below. Accounts (lanu/accounts) lies below plans: its memberships, invitations
and permissions know nothing of these pages.
"""

from smtplib import SMTPException

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanu.accounts.invitations import create_invited, send_invitation
from lanu.accounts.memberships import add_member, is_last_coordinator, remove_member
from lanu.accounts.models import Membership
from lanu.history.models import Change

from .access import coordinated_plan
from .forms import MembershipForm


@login_required
def people(request, slug):
    plan = coordinated_plan(request, slug)
    form = MembershipForm(plan, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person, invited = data["person"], isinstance(data["person"], str)
        with transaction.atomic():
            if invited:
                person = create_invited(person)
            membership = add_member(plan, person, data["role"], data["organisation"], request.user)
        if invited:
            invite(request, person, membership)
        else:
            messages.success(request, _("Added: %s.") % membership)
        return redirect("plans:people", plan.slug)
    return render(request, "accounts/people.html", people_context(plan, form))


def invite(request, person, membership) -> None:
    """E-mail the invitation; if e-mail fails, the role stays and the coordinator is told."""
    try:
        send_invitation(request, person, membership)
    except (OSError, SMTPException):
        message = _(
            "%(person)s now has the role, but the invitation could not be e-mailed. Ask them to "
            "choose a password with “Forgot your password?” on the login page."
        )
        messages.warning(request, message % {"person": person.email})
    else:
        messages.success(request, _("Invited by e-mail: %s.") % membership)


def people_context(plan, form) -> dict:
    memberships = plan.memberships.select_related("user", "organisation")
    kind = ContentType.objects.get_for_model(Membership)
    changes = Change.objects.filter(plan=plan, content_type=kind).select_related("user")
    return {
        "plan": plan,
        "form": form,
        "memberships": memberships.order_by("role", "user__username"),
        "changes": changes,
        "section": "people",
    }


@login_required
@require_POST
def remove_membership(request, slug, pk):
    plan = coordinated_plan(request, slug)
    membership = get_object_or_404(Membership.objects.select_related("user"), pk=pk, plan=plan)
    if is_last_coordinator(membership):
        messages.error(
            request,
            _("%s is the plan's last coordinator: make someone else coordinator first.")
            % (membership.user.get_full_name() or membership.user.get_username()),
        )
        return redirect("plans:people", plan.slug)
    remove_member(membership, request.user)
    messages.success(request, _("Removed: %s.") % membership)
    if membership.user_id == request.user.pk:
        return redirect(plan)  # their own role is gone: this page may be closed to them now
    return redirect("plans:people", plan.slug)


urlpatterns = [
    path("<slug:slug>/people/", people, name="people"),
    path("<slug:slug>/people/<int:pk>/remove/", remove_membership, name="membership-remove"),
]

"""Editors create and change their organisation's actions; coordinators any action.

Saving goes through editing.py: a change based on an old version of the action
is refused with a Conflict (409), and the form is shown again with the person's own
input and what the other person changed meanwhile. The form is action_forms.ActionForm.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanu.accounts.permissions import can_edit_actions_of, can_edit_any_action

from . import editing
from .access import permitted_plan, readable_plan
from .action_forms import ActionForm, VersionForm
from .metrics import KindRefused
from .models import Action


def editable_action(request, slug, pk, **filters):
    """The plan and its action, if this person may change it: else 404 or 403."""
    plan = readable_plan(request, slug)
    actions = plan.actions.select_related("organisation")
    action = get_object_or_404(actions, pk=pk, **filters)
    if not can_edit_actions_of(request.user, plan, action.organisation_id):
        raise PermissionDenied
    return plan, action


@login_required
def create_action(request, slug):
    plan = permitted_plan(request, slug, can_edit_any_action)
    action = Action(plan=plan)
    initial = {"organisation": request.GET.get("organisation")}
    form = ActionForm(
        request.POST or None, instance=action, plan=plan, user=request.user, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        action.order = editing.next_order(plan.actions)  # at the end of the plan
        editing.create(form, request.user, plan)
        messages.success(request, _("The action was added."))
        return redirect(action)
    return render(request, "plans/edit/action_form.html", {"plan": plan, "form": form})


@login_required
def edit_action(request, slug, pk):
    """Edit an action; an archived one (perhaps archived meanwhile) is shown, not saved."""
    plan, action = editable_action(request, slug, pk)
    form = ActionForm(request.POST or None, instance=action, plan=plan, user=request.user)
    posted = request.method == "POST"
    conflict = None
    if posted and not action.archived and form.is_valid():
        try:
            saved, form, conflict = editing.save_or_merge(form, request.user, plan)
        except KindRefused as refusal:  # nothing saved; the form keeps what was typed
            saved = None
            action.refresh_from_db()
            form.add_error(f"kind_{refusal.metric.pk}", refusal.message)
        if saved:
            messages.success(request, _("Your changes were saved."))
            return redirect(action)
    context = {"plan": plan, "form": form, "action": action, "conflict": conflict}
    archived_meanwhile = posted and action.archived
    return editing.form_page(request, "plans/edit/action_form.html", context, archived_meanwhile)


@login_required
@require_POST
def archive_action(request, slug, pk):
    return change_archived(request, slug, pk, archived=True)


@login_required
@require_POST
def restore_action(request, slug, pk):
    return change_archived(request, slug, pk, archived=False)


def change_archived(request, slug, pk, archived: bool):
    plan, action = editable_action(request, slug, pk, archived=not archived)
    form = VersionForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    loaded = form.cleaned_data["version"]
    try:
        editing.set_archived(action, archived, loaded, request.user, plan)
    except editing.Conflict:
        messages.error(request, changed_meanwhile_message(archived))
        return redirect(action)
    if not archived:
        messages.success(request, _("The action was restored."))
        return redirect(action)
    messages.success(
        request, _("The action was archived. You can restore it from the list of archived actions.")
    )
    return redirect(reverse("plans:organisation", args=[plan.slug, action.organisation_id]))


def changed_meanwhile_message(archived: bool) -> str:
    if archived:
        return _(
            "Someone changed the action after you opened the page, so it was not archived. "
            "Check the changes below, and archive it again if it still should be."
        )
    return _(
        "Someone changed the action after you opened the page, so it was not restored. "
        "Check the changes below, and restore it again if it still should be."
    )


urlpatterns = [
    path("<slug:slug>/actions/new/", create_action, name="action-new"),
    path("<slug:slug>/actions/<int:pk>/edit/", edit_action, name="action-edit"),
    path("<slug:slug>/actions/<int:pk>/archive/", archive_action, name="action-archive"),
    path("<slug:slug>/actions/<int:pk>/restore/", restore_action, name="action-restore"),
]

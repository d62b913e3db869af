"""The ease × impact matrix of a sub-goal's or an organisation's actions: an SVG of the
four fields with the actions listed per field beside it (the accessible form), and for
those who may edit the actions, a form choosing each action's field by keyboard."""

from django.contrib import messages
from django.core.exceptions import BadRequest, PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanu.accounts.permissions import editable_organisation_ids
from lanu.plans.access import readable_plan
from lanu.plans.models import Organisation, SubGoal

from . import matrix as fields_of
from .matrix import RATINGS, Outdated, rate


def live_subgoals(plan):
    live = SubGoal.objects.select_related("goal").filter(archived=False, goal__archived=False)
    return live.filter(goal__plan=plan).order_by("goal__order", "order")


def subgoal_matrix(request, slug, pk):
    plan = readable_plan(request, slug)
    subgoal = get_object_or_404(live_subgoals(plan), pk=pk)
    heading = f"{plan.labels['subgoal']} {subgoal.number}: {subgoal.title}"
    back = reverse("plans:subgoal", args=[plan.slug, subgoal.pk])
    return matrix_page(request, plan, {"subgoals": subgoal}, heading, back)


def organisation_matrix(request, slug, pk):
    plan = readable_plan(request, slug)
    organisation = get_object_or_404(Organisation, pk=pk, participations__plan=plan)
    back = reverse("plans:organisation", args=[plan.slug, organisation.pk])
    return matrix_page(request, plan, {"organisation": organisation}, organisation.name, back)


def editable_of(request, plan, actions) -> list:
    """The listed actions this person may rate: all for a coordinator, their own
    organisation's for an editor, none for others."""
    if not request.user.is_authenticated:
        return []
    allowed = editable_organisation_ids(request.user, plan)
    return [a for a in actions if allowed is None or a.organisation_id in allowed]


def matrix_page(request, plan, filters: dict, heading: str, back: str):
    queryset = plan.actions.filter(archived=False, **filters).select_related("organisation")
    actions = list(queryset.order_by("order", "id"))
    editable = editable_of(request, plan, actions)
    if request.method == "POST":
        return save_ratings(request, plan, editable)
    fields, unrated = fields_of.sorted_into_fields(actions)
    context = {
        "plan": plan,
        "heading": heading,
        "back": back,
        "fields": fields,
        "unrated": unrated,
        "boxes": fields_of.field_boxes(fields),
        "dots": fields_of.dots(fields),
        "size": fields_of.SIZE,
        "margin": fields_of.MARGIN,
        "cell": fields_of.CELL,
        "editable": [(a, fields_of.field_of(a)) for a in editable],
        "choices": [(f.key, f.name) for f in fields] + [("", _("Not rated"))],
        "subgoals": live_subgoals(plan),
        "participations": plan.participations.select_related("organisation"),
    }
    return render(request, "yearclock/matrix.html", context)


def save_ratings(request, plan, editable: list):
    if not editable:
        raise PermissionDenied
    chosen = posted_choices(request.POST, editable)
    try:
        changed = rate({a.pk: a for a in editable}, chosen, request.user, plan)
    except Outdated as refusal:
        messages.error(
            request,
            _(
                "“%s” was changed meanwhile by someone else: nothing was saved. "
                "Look at the matrix again, then retry."
            )
            % refusal.action,
        )
    else:
        messages.success(
            request,
            ngettext("%(count)d action was rated.", "%(count)d actions were rated.", changed)
            % {"count": changed},
        )
    return redirect(request.path)


def posted_choices(data, editable: list) -> dict[int, tuple[str, int]]:
    """Each editable action's chosen field and the version it was shown at; a field or
    version that no form of this page could send is refused (400)."""
    chosen = {}
    for action in editable:
        key = data.get(f"field-{action.pk}")
        if key is None:
            continue
        try:
            version = int(data.get(f"version-{action.pk}", ""))
        except ValueError as error:
            raise BadRequest from error
        if key not in RATINGS:
            raise BadRequest
        chosen[action.pk] = (key, version)
    return chosen

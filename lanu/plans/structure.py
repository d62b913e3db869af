"""Coordinators edit a plan's structure: the plan, goals, sub-goals, organisations.

Every view gets its plan from access.py (a plan the person may not read: 404, to an
anonymous visitor too; a reader without the right: 403). Every save goes through
plans/editing.py, so it is versioned and recorded in the history. The people
of a plan, their views and URLs, are in people.py.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import BadRequest, PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanu.accounts.memberships import add_member
from lanu.accounts.models import Membership
from lanu.accounts.permissions import (
    can_change_organisation,
    can_create_plans,
    organisation_deciders,
)
from lanu.history.models import Change
from lanu.history.records import changes_of

from . import editing, participations
from .access import coordinated_plan
from .forms import GoalForm, OrganisationForm, ParticipationForm, PlanForm, SubGoalForm
from .models import Goal, Organisation, Participation, Plan, SubGoal

# The form pages: one flow for every versioned object.


def create_page(request, form_class, instance, plan, page: dict):
    """A form for a new object; once saved (and page["then"](object) done), page["done"]."""
    form = form_class(posted(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            created = editing.create(form, request.user, plan or form.instance)
            page.get("then", ignore)(created)
        messages.success(request, _("“%s” was created.") % created)
        return redirect(page["done"](created))
    return render(request, page["template"], {**page, "plan": plan, "form": form})


def edit_page(request, form_class, instance, plan, page: dict):
    """A form for an object, with its history; a Conflict shows the other person's changes."""
    form, conflict = form_class(posted(request), instance=instance), None
    if request.method == "POST" and form.is_valid():
        saved, form, conflict = editing.save_or_merge(form, request.user, plan)
        if saved:
            messages.success(request, _("“%s” was saved.") % saved)
            return redirect(page["done"](saved))
        instance = conflict.current
    context = {**page, "plan": plan, "form": form, "object": instance, "conflict": conflict}
    context["changes"] = changes_of(instance)
    return editing.form_page(request, page["template"], context)


def posted(request):
    """The form data of a POST; None (an unbound form) on GET."""
    return request.POST if request.method == "POST" else None


def ignore(created) -> None:
    pass


def archive_or_restore(request, instance, plan, archived: bool) -> None:
    """Archive or restore the object of a POST carrying the version it was shown at."""
    try:
        loaded = int(request.POST.get("version", ""))
    except ValueError as error:
        raise BadRequest from error
    try:
        editing.set_archived(instance, archived, loaded, request.user, plan)
    except editing.Conflict:
        messages.error(
            request,
            _("“%s” was changed meanwhile by someone else: look at it again, then retry.")
            % instance,
        )
        return
    done = _("“%s” was archived.") if archived else _("“%s” was restored.")
    messages.success(request, done % instance)


def step_of(request) -> int:
    step = {"up": -1, "down": 1}.get(request.POST.get("step", ""))
    if step is None:
        raise BadRequest
    return step


# The plan


@login_required
def new_plan(request):
    if not can_create_plans(request.user):
        raise PermissionDenied
    page = {"template": "plans/edit/plan_form.html", "done": edit_plan_url}
    coordinator = Membership.Role.COORDINATOR
    page["then"] = lambda plan: add_member(plan, request.user, coordinator, None, request.user)
    return create_page(request, PlanForm, Plan(), None, page)


@login_required
def edit_plan(request, slug):
    plan = coordinated_plan(request, slug)
    page = {"template": "plans/edit/plan_form.html", "done": edit_plan_url, "section": "plan"}
    editable = Plan.objects.get(pk=plan.pk)  # the form changes it; the page shows `plan`
    return edit_page(request, PlanForm, editable, plan, page)


def edit_plan_url(plan: Plan) -> str:
    return reverse("plans:plan-edit", args=[plan.slug])


# Goals and sub-goals


@login_required
def edit_goals(request, slug):
    plan = coordinated_plan(request, slug)
    goals = plan.goals.prefetch_related("subgoals")
    context = {"plan": plan, "goals": goals, "section": "goals"}
    return render(request, "plans/edit/goals.html", context)


def goals_url(plan: Plan, anchor: str = "") -> str:
    return reverse("plans:goals-edit", args=[plan.slug]) + (f"#{anchor}" if anchor else "")


def goal_in(plan: Plan, pk: int) -> Goal:
    return get_object_or_404(Goal, pk=pk, plan=plan)


def subgoal_in(plan: Plan, pk: int) -> SubGoal:
    return get_object_or_404(SubGoal.objects.select_related("goal"), pk=pk, goal__plan=plan)


def goal_page(plan: Plan) -> dict:
    done = lambda goal: goals_url(plan, f"goal-{goal.pk}")  # noqa: E731
    return {"template": "plans/edit/goal_form.html", "done": done, "section": "goals"}


def subgoal_page(plan: Plan, goal: Goal) -> dict:
    page = goal_page(plan)
    page["done"] = lambda subgoal: goals_url(plan, f"subgoal-{subgoal.pk}")
    return {**page, "template": "plans/edit/subgoal_form.html", "goal": goal}


@login_required
def new_goal(request, slug):
    plan = coordinated_plan(request, slug)
    goal = Goal(plan=plan, order=editing.next_order(plan.goals))
    return create_page(request, GoalForm, goal, plan, goal_page(plan))


@login_required
def edit_goal(request, slug, pk):
    plan = coordinated_plan(request, slug)
    return edit_page(request, GoalForm, goal_in(plan, pk), plan, goal_page(plan))


@login_required
def new_subgoal(request, slug, goal_pk):
    plan = coordinated_plan(request, slug)
    goal = goal_in(plan, goal_pk)
    subgoal = SubGoal(goal=goal, order=editing.next_order(goal.subgoals))
    return create_page(request, SubGoalForm, subgoal, plan, subgoal_page(plan, goal))


@login_required
def edit_subgoal(request, slug, pk):
    plan = coordinated_plan(request, slug)
    subgoal = subgoal_in(plan, pk)
    return edit_page(request, SubGoalForm, subgoal, plan, subgoal_page(plan, subgoal.goal))


# Goals and sub-goals alike: how to find one in the plan, and its siblings in order.
ITEMS = {
    "goal": (goal_in, lambda plan, goal: plan.goals.all()),
    "subgoal": (subgoal_in, lambda plan, subgoal: subgoal.goal.subgoals.all()),
}


@login_required
@require_POST
def move_item(request, slug, pk, kind: str):
    plan = coordinated_plan(request, slug)
    find, siblings = ITEMS[kind]
    item = find(plan, pk)
    editing.move(item, siblings(plan, item), step_of(request), request.user, plan)
    return redirect(goals_url(plan, f"{kind}-{item.pk}"))


@login_required
@require_POST
def archive_item(request, slug, pk, kind: str, archived: bool):
    plan = coordinated_plan(request, slug)
    item = ITEMS[kind][0](plan, pk)
    archive_or_restore(request, item, plan, archived)
    return redirect(goals_url(plan, f"{kind}-{item.pk}"))


# Organisations


@login_required
def edit_organisations(request, slug):
    plan = coordinated_plan(request, slug)
    return organisations_page(request, plan, ParticipationForm(plan))


def organisations_page(request, plan: Plan, form, status: int = 200):
    action_count = Count("organisation__actions", distinct=True, filter=organisation_in(plan))
    taking_part = plan.participations.select_related("organisation").annotate(actions=action_count)
    kinds = ContentType.objects.get_for_models(Participation, Organisation).values()
    changes = Change.objects.filter(plan=plan, content_type__in=kinds).select_related("user")
    context = {"plan": plan, "participations": taking_part, "form": form, "changes": changes}
    context["section"] = "organisations"
    return render(request, "plans/edit/organisations.html", context, status=status)


def organisation_in(plan: Plan) -> Q:
    return Q(organisation__actions__plan=plan)


def organisations_url(plan: Plan, anchor: str = "") -> str:
    url = reverse("plans:organisations-edit", args=[plan.slug])
    return url + (f"#{anchor}" if anchor else "")


@login_required
@require_POST
def add_organisation(request, slug):
    plan = coordinated_plan(request, slug)
    form = ParticipationForm(plan, request.POST)
    if not form.is_valid():
        return organisations_page(request, plan, form)
    organisation = form.cleaned_data["organisation"]
    participations.join(plan, organisation, request.user)
    messages.success(request, _("“%s” now takes part in the plan.") % organisation)
    return redirect(organisations_url(plan, f"organisation-{organisation.pk}"))


@login_required
def new_organisation(request, slug):
    plan = coordinated_plan(request, slug)
    done = lambda organisation: organisations_url(plan, f"organisation-{organisation.pk}")  # noqa: E731
    page = {"template": "plans/edit/organisation_form.html", "done": done}
    page["section"] = "organisations"
    page["then"] = lambda organisation: participations.join(plan, organisation, request.user)
    return create_page(request, OrganisationForm, Organisation(), plan, page)


@login_required
def edit_organisation(request, slug, pk):
    plan = coordinated_plan(request, slug)
    organisation = get_object_or_404(Organisation, pk=pk, participations__plan=plan)
    if not can_change_organisation(request.user, organisation):
        return organisation_read_only(request, plan, organisation)
    done = lambda organisation: organisations_url(plan, f"organisation-{organisation.pk}")  # noqa: E731
    page = {"template": "plans/edit/organisation_form.html", "done": done}
    page["section"] = "organisations"
    return edit_page(request, OrganisationForm, organisation, plan, page)


def organisation_read_only(request, plan: Plan, organisation: Organisation):
    """An organisation shared with plans the person does not coordinate: shown, with who
    may change it; a change posted anyway is refused."""
    if request.method != "GET":
        raise PermissionDenied
    deciders, more = organisation_deciders(request.user, organisation)
    context = {"plan": plan, "object": organisation, "section": "organisations"}
    context |= {"read_only": True, "deciders": deciders, "more_deciders": more}
    context["changes"] = changes_of(organisation)
    return render(request, "plans/edit/organisation_form.html", context)


@login_required
@require_POST
def remove_organisation(request, slug, pk):
    plan = coordinated_plan(request, slug)
    participation = get_object_or_404(
        Participation.objects.select_related("organisation"), plan=plan, organisation=pk
    )
    reasons = participations.reasons_to_stay(participation)
    if reasons:
        refusal = _("“%s” cannot be removed from the plan.") % participation.organisation
        messages.error(request, " ".join([refusal, *reasons]))
        return redirect(organisations_url(plan, f"organisation-{pk}"))
    participations.leave(participation, request.user)
    messages.success(request, _("“%s” was removed from the plan.") % participation.organisation)
    return redirect(organisations_url(plan))


urlpatterns = [
    path("new/", new_plan, name="plan-new"),
    path("<slug:slug>/edit/", edit_plan, name="plan-edit"),
    path("<slug:slug>/edit/goals/", edit_goals, name="goals-edit"),
    path("<slug:slug>/edit/goals/new/", new_goal, name="goal-new"),
    path("<slug:slug>/edit/goals/<int:pk>/", edit_goal, name="goal-edit"),
    path("<slug:slug>/edit/goals/<int:pk>/move/", move_item, {"kind": "goal"}, name="goal-move"),
    path(
        "<slug:slug>/edit/goals/<int:pk>/archive/",
        archive_item,
        {"kind": "goal", "archived": True},
        name="goal-archive",
    ),
    path(
        "<slug:slug>/edit/goals/<int:pk>/restore/",
        archive_item,
        {"kind": "goal", "archived": False},
        name="goal-restore",
    ),
    path("<slug:slug>/edit/goals/<int:goal_pk>/subgoals/new/", new_subgoal, name="subgoal-new"),
    path("<slug:slug>/edit/subgoals/<int:pk>/", edit_subgoal, name="subgoal-edit"),
    path(
        "<slug:slug>/edit/subgoals/<int:pk>/move/",
        move_item,
        {"kind": "subgoal"},
        name="subgoal-move",
    ),
    path(
        "<slug:slug>/edit/subgoals/<int:pk>/archive/",
        archive_item,
        {"kind": "subgoal", "archived": True},
        name="subgoal-archive",
    ),
    path(
        "<slug:slug>/edit/subgoals/<int:pk>/restore/",
        archive_item,
        {"kind": "subgoal", "archived": False},
        name="subgoal-restore",
    ),
    path("<slug:slug>/edit/organisations/", edit_organisations, name="organisations-edit"),
    path("<slug:slug>/edit/organisations/add/", add_organisation, name="organisation-add"),
    path("<slug:slug>/edit/organisations/new/", new_organisation, name="organisation-new"),
    path("<slug:slug>/edit/organisations/<int:pk>/", edit_organisation, name="organisation-edit"),
    path(
        "<slug:slug>/edit/organisations/<int:pk>/remove/",
        remove_organisation,
        name="organisation-remove",
    ),
]

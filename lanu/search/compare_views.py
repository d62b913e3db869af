"""Plans compared side by side (/search/compare/?plans=A&plans=B), and the coordinators'
changes to the themes that align them (/plans/SLUG/themes/...): each change posts back to
the comparison it was made on."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanu.accounts.permissions import can_read, readable_plans
from lanu.plans.access import coordinated_plan
from lanu.plans.models import Plan, SubGoal

from . import themes
from .compare import Comparison, comparison
from .forms import ChoosePlansForm, ThemeMemberForm
from .models import ThemeMember


def compare(request):
    readable = list(Plan.objects.filter(readable_plans(request.user)).order_by("name", "pk"))
    form = ChoosePlansForm(readable, request.GET if "plans" in request.GET else None)
    found = None
    if form.is_valid():
        by_slug = {plan.slug: plan for plan in readable}
        found = comparison([by_slug[slug] for slug in form.cleaned_data["plans"]], request.user)
    return compare_page(request, form, found, status=400 if form.errors else 200)


def compare_page(request, form, found: Comparison | None, bound=None, status=200):
    """The page; `bound` is a refused theme form, shown again as it was typed."""
    theme_forms = theme_forms_of(found, bound) if found else []
    context = {
        "form": form,
        "comparison": found,
        "theme_forms": theme_forms,
        "coordinated": {plan.pk for plan in found.coordinated} if found else set(),
        "chosen": [plan.slug for plan in found.plans] if found else [],
    }
    return render(request, "search/compare.html", context, status=status)


def theme_forms_of(found: Comparison, bound) -> list:
    """A theme form for each compared plan this person coordinates (the refused one as typed)."""
    forms = []
    for plan in found.coordinated:
        units = [unit for unit in found.units.values() if unit.plan.pk == plan.pk]
        refused = bound is not None and bound.plan.pk == plan.pk
        forms.append((plan, bound if refused else ThemeMemberForm(plan, units, found.themes)))
    return forms


def compared(request, plan: Plan) -> list[Plan]:
    """The plans of the comparison a change was posted from (those this person may read),
    with the changed plan among them."""
    slugs = list(dict.fromkeys(request.POST.getlist("plans")))
    plans = Plan.objects.filter(readable_plans(request.user), slug__in=slugs)
    by_slug = {each.slug: each for each in plans}
    chosen = [by_slug[slug] for slug in slugs if slug in by_slug]
    return chosen if plan.pk in {each.pk for each in chosen} else [plan, *chosen]


def back_to(plans: list[Plan]):
    query = urlencode([("plans", plan.slug) for plan in plans])
    return redirect(f"{reverse('search:compare')}?{query}#themes")


@require_POST
def theme_add(request, slug):
    plan = coordinated_plan(request, slug)
    plans = compared(request, plan)
    found = comparison(plans, request.user)
    units = [unit for unit in found.units.values() if unit.plan.pk == plan.pk]
    form = ThemeMemberForm(plan, units, found.themes, request.POST)
    if not form.is_valid():
        readable = list(Plan.objects.filter(readable_plans(request.user)).order_by("name", "pk"))
        choose = ChoosePlansForm(readable, {"plans": [each.slug for each in plans]})
        return compare_page(request, choose, found, bound=form, status=400)
    unit = themes.live_unit(plan, form.cleaned_data["member"])
    if unit is None:
        raise Http404
    member = themes.add_to_theme(
        request.user, plan, unit, form.chosen_theme, form.cleaned_data["name"]
    )
    names = {"unit": unit.title, "theme": member.theme.name}
    messages.success(request, _("“%(unit)s” is in the theme “%(theme)s”.") % names)
    return back_to(plans)


@require_POST
def theme_remove(request, slug):
    plan = coordinated_plan(request, slug)
    members = ThemeMember.objects.select_related("theme")
    member = get_object_or_404(members, plan=plan, pk=posted_pk(request, "member"))
    themes.remove_from_theme(member)
    messages.success(request, _("Taken out of the theme “%s”.") % member.theme.name)
    return back_to(compared(request, plan))


@require_POST
def theme_accept(request, slug):
    plan = coordinated_plan(request, slug)
    first, second = (posted_subgoal(request, name) for name in ("first", "second"))
    if plan.pk not in {first.goal.plan_id, second.goal.plan_id}:
        raise Http404
    try:
        theme = themes.accept_suggestion(request.user, first, second)
    except ValueError:
        messages.error(request, _("Both are in themes already: nothing was changed."))
    else:
        messages.success(request, _("Both are in the theme “%s”.") % theme.name)
    return back_to(compared(request, plan))


def posted_subgoal(request, name: str) -> SubGoal:
    """A live sub-goal of a plan this person may read, named in the form (else 404)."""
    live = SubGoal.objects.filter(archived=False, goal__archived=False).select_related("goal__plan")
    subgoal = get_object_or_404(live, pk=posted_pk(request, name))
    if not can_read(request.user, subgoal.goal.plan):
        raise Http404
    return subgoal


def posted_pk(request, name: str) -> int:
    """The number posted as `name`, or 0 (no row has it) for anything else."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 12 else 0

"""The coordinator's page of a plan's indicators: read them from the plan's text, confirm
or remove each suggested Sotkanet match, and choose the sub-goals each indicator follows.

A fixed number of queries however many indicators the plan has: the links with their
indicators and matches, their sub-goals, the country's values and the plan's sub-goals
come in one query each.
"""

from collections import defaultdict
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from lanu.followup.charts import number_text
from lanu.plans.access import coordinated_plan
from lanu.plans.models import Plan, SubGoal

from . import dashboard
from .forms import PlanAreasForm
from .models import Observation, PlanAreas, PlanIndicator
from .plan_links import country_area, link_plan_indicators

ACTIONS = ("read", "confirm", "unmatch", "subgoals")
LEFT_OUT = gettext_lazy(
    "Left out, as their year is not given or several values share a group and year: %(values)s"
)
UNKNOWN_AREAS = gettext_lazy(
    "Not read, as no area in Lanu has the name written before the value: %(names)s"
)


@login_required
def plan_indicator_links(request, slug):
    plan = coordinated_plan(request, slug)
    if request.method == "POST" and request.POST.get("action") == "areas":
        form = PlanAreasForm(request.POST, instance=plan_areas(plan))
        if form.is_valid():
            form.save()
            messages.success(request, _("The areas of the plan were saved."))
            return redirect("indicators:links", slug=plan.slug)
        return page(request, plan, form, status=400)
    if request.method == "POST":
        return act(request, plan)
    return page(request, plan, PlanAreasForm(instance=plan_areas(plan)))


def plan_areas(plan: Plan) -> PlanAreas:
    """The plan's areas as chosen, or (not yet saved) the defaults."""
    return PlanAreas.objects.filter(plan=plan).first() or PlanAreas(plan=plan)


def page(request, plan: Plan, form: PlanAreasForm, status: int = 200):
    links = list(plan.plan_indicators.select_related("indicator", "description", "sotkanet_match"))
    subgoals = list(
        SubGoal.objects.filter(goal__plan=plan, archived=False, goal__archived=False)
        .select_related("goal")
        .order_by("goal__order", "order")
    )
    chosen = followed_subgoals(plan)
    values = country_values(links)
    rows = [
        {"link": link, "subgoals": chosen[link.pk], "values": values[link.indicator_id]}
        for link in links
    ]
    context = {"plan": plan, "rows": rows, "subgoals": subgoals, "form": form}
    context["texts"] = plan.indicator_descriptions.count()
    return render(request, "indicators/plan_indicator_links.html", context, status=status)


def followed_subgoals(plan: Plan) -> dict[int, set[int]]:
    """Each link's sub-goals' primary keys: one query."""
    through = PlanIndicator.subgoals.through.objects.filter(planindicator__plan=plan)
    chosen: dict[int, set[int]] = defaultdict(set)
    for link, subgoal in through.values_list("planindicator_id", "subgoal_id"):
        chosen[link].add(subgoal)
    return chosen


def country_values(links: list[PlanIndicator]) -> dict[int, list[Observation]]:
    """The whole country's values of the linked indicators, by indicator: one query."""
    found: dict[int, list[Observation]] = defaultdict(list)
    observations = Observation.objects.filter(
        indicator__in=[link.indicator_id for link in links], area=country_area()
    ).order_by("group", "year")
    for observation in observations:
        observation.shown = shown(observation.value)
        found[observation.indicator_id].append(observation)
    return found


def shown(value: Decimal | None) -> str:
    """A value as written in the page's language, with no trailing zeros: "89,5"."""
    if value is None:
        return "–"
    return number_text(value)


def act(request, plan: Plan):
    """One of the page's buttons: read the texts again, confirm or remove a match, or
    save the sub-goals an indicator follows."""
    action = request.POST.get("action")
    if action not in ACTIONS:
        return HttpResponseBadRequest(_("Unknown action."))
    if action == "read":
        linked = link_plan_indicators(plan)
        messages.success(
            request,
            ngettext(
                "%(count)d indicator read from the plan's text.",
                "%(count)d indicators read from the plan's text.",
                linked.indicators,
            )
            % {"count": linked.indicators},
        )
        left_out = linked.repeated + linked.without_year
        if left_out:
            messages.warning(request, LEFT_OUT % {"values": "; ".join(left_out)})
        if linked.unknown_areas:
            names = "; ".join(linked.unknown_areas)
            messages.warning(request, UNKNOWN_AREAS % {"names": names})
        return redirect("indicators:links", slug=plan.slug)
    link = get_object_or_404(PlanIndicator, plan=plan, pk=request.POST.get("link") or 0)
    if action == "subgoals":
        save_subgoals(link, plan, request.POST.getlist("subgoals"))
        messages.success(request, _("The sub-goals of the indicator were saved."))
    else:
        confirm_match(link, action == "confirm")
        messages.success(request, _("The match was saved."))
    return redirect(f"{request.path}#indicator-{link.pk}")


def confirm_match(link: PlanIndicator, confirmed: bool) -> None:
    """Confirm the suggested match, or remove it (and suggest no other in its place)."""
    if not confirmed:
        link.sotkanet_match = None
    link.match_confirmed = True
    link.save(update_fields=["sotkanet_match", "match_confirmed"])


def save_subgoals(link: PlanIndicator, plan: Plan, chosen: list[str]) -> None:
    keys = [int(pk) for pk in chosen if pk.isdigit()]
    link.subgoals.set(SubGoal.objects.filter(goal__plan=plan, pk__in=keys))


app_name = "indicators"
urlpatterns = [path("links/", plan_indicator_links, name="links")]
urlpatterns += [
    path("", dashboard.dashboard, name="dashboard"),
    path("<int:pk>/", dashboard.indicator_page, name="indicator"),
]

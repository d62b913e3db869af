"""The coordinators' overlap review (/plans/SLUG/overlaps/): the plan's candidate pairs of
similar actions, decided "same work", "related" or "different", each decision posted and
redirected back to the list it was made on."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanu.plans.access import coordinated_plan
from lanu.plans.models import Action, Plan

from . import overlaps
from .forms import ThresholdForm
from .similarity import RARE_IN_PLAN

LISTED = 50  # open pairs on the page at once: decided ones make room for the next


def overlaps_page(request, slug):
    plan = coordinated_plan(request, slug)
    return review_page(request, plan, ThresholdForm.chosen(request.GET), request.GET.get("tab"))


def review_page(request, plan: Plan, threshold: float, tab, status: int = 200):
    found = overlaps.review(plan, threshold)
    context = {
        "plan": plan,
        "review": found,
        "count": found.count,
        "listed": found.open[:LISTED],
        "tab": "decided" if tab == "decided" else "open",
        "form": ThresholdForm(initial={"threshold": ThresholdForm.value_of(threshold)}),
        "threshold": threshold,
        "threshold_percent": round(threshold * 100),
        "verdicts": overlaps.Verdict.choices,
        "rare_in_plan": RARE_IN_PLAN,
    }
    return render(request, "search/overlaps.html", context, status=status)


@require_POST
def overlap_decide(request, slug):
    plan = coordinated_plan(request, slug)
    pair = posted_pair(request, plan)
    threshold = ThresholdForm.chosen(request.POST)
    verdict = request.POST.get("verdict", "")
    if verdict not in overlaps.Verdict.values:
        messages.error(
            request, _("Choose “Same work”, “Related” or “Different”: nothing was changed.")
        )
        return review_page(request, plan, threshold, request.POST.get("tab"), status=400)
    decision = overlaps.decide(pair, verdict, request.user)
    names = {"first": pair[0].title, "second": pair[1].title}
    names["verdict"] = decision.get_verdict_display()
    messages.success(request, _("“%(first)s” and “%(second)s”: %(verdict)s.") % names)
    return back_to(plan, threshold, request.POST.get("tab"))


@require_POST
def overlap_undo(request, slug):
    plan = coordinated_plan(request, slug)
    pair = posted_pair(request, plan)
    if overlaps.undo(pair):
        names = {"first": pair[0].title, "second": pair[1].title}
        messages.success(
            request, _("“%(first)s” and “%(second)s” wait for a decision again.") % names
        )
    return back_to(plan, ThresholdForm.chosen(request.POST), "decided")


def posted_pair(request, plan: Plan) -> tuple[Action, Action]:
    """The two live actions of different organisations of the plan named in the form
    (else 404), the one of the smaller id first."""
    pks = {posted_pk(request, "first"), posted_pk(request, "second")} - {0}
    live = plan.actions.filter(archived=False, pk__in=pks).order_by("pk")
    actions = list(live.select_related("organisation"))
    if len(actions) != 2 or actions[0].organisation_id == actions[1].organisation_id:
        raise Http404
    return actions[0], actions[1]


def posted_pk(request, name: str) -> int:
    """The number posted as `name`, or 0 (no row has it) for anything else."""
    value = request.POST.get(name, "")
    return int(value) if value.isdigit() and len(value) < 12 else 0


def back_to(plan: Plan, threshold: float, tab):
    query = {"threshold": ThresholdForm.value_of(threshold)}
    if tab == "decided":
        query["tab"] = "decided"
    return redirect(f"{reverse('search-plan:overlaps', args=[plan.slug])}?{urlencode(query)}")

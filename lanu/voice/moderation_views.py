"""The moderation queue of a plan: /plans/<slug>/voice/moderation/ (moderation.py decides)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanu.plans.access import permitted_plan

from . import moderation
from .models import Answer

SHOWN = 100  # answers on one page: the oldest first; the rest after these are decided
STATES = Answer.Moderation


def shown_state(request) -> str:
    state = request.GET.get("state", STATES.PENDING)
    return state if state in STATES.values else STATES.PENDING


@login_required
def queue(request, slug):
    """The text answers in one moderation state; its POST decides on one or many."""
    plan = permitted_plan(request, slug, moderation.may_moderate)
    answers = moderation.moderated_answers(request.user, plan)
    state = shown_state(request)
    if request.method == "POST":
        return decide(request, plan, answers, state)
    listed = (
        answers.filter(moderation=state)
        .select_related("question", "response__form")
        .order_by("response__submitted_on", "pk")
    )
    counts = moderation.counts(answers)
    context = {
        "plan": plan,
        "state": state,
        "states": [(value, label, counts[value]) for value, label in STATES.choices],
        "rows": moderation.rows(listed[:SHOWN]),
        "more": max(0, counts[state] - SHOWN),
    }
    return render(request, "voice/moderation.html", context)


def decide(request, plan, answers, state):
    """publish=<pk> (one answer's button) or publish=selected (the ticked answers); the
    same for reject and withdraw. Answers not of this person's forms are left alone."""
    decision = next((name for name in moderation.DECISIONS if name in request.POST), None)
    done = 0
    if decision is not None:
        value = request.POST[decision]
        chosen = request.POST.getlist("answers") if value == "selected" else [value]
        pks = [int(pk) for pk in chosen if pk.isdigit()]
        done = moderation.decide(answers, decision, pks) if pks else 0
    if decision is None or not done:
        messages.error(request, _("Choose at least one answer waiting for this decision."))
    else:
        messages.success(request, decided_message(decision, done))
    return redirect(reverse("voice:moderation", args=[plan.slug]) + f"?state={state}")


def decided_message(decision: str, count: int) -> str:
    if decision == "publish":
        message = ngettext("%d answer published.", "%d answers published.", count)
    elif decision == "reject":
        message = ngettext(
            "%d answer will not be published.", "%d answers will not be published.", count
        )
    else:
        message = ngettext(
            "%d answer withdrawn from publication.", "%d answers withdrawn from publication.", count
        )
    return message % count

"""What the feedback forms show on the plan's pages (lanu.plans.panels), registered in
VoiceConfig.ready(): the plan page's "Voice of children and youth", and on a sub-goal's
and an action's page the forms about it, with a link to ask children and youth about it.

The plan's people who make forms (coordinators, editors) see every form; everyone else
only the forms whose results are published (never a draft). One query for the forms,
whatever their number; the person's roles are read once per request.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from lanu.plans.models import Action, Plan, SubGoal

from .models import FeedbackForm
from .permissions import may_make_forms, may_manage

PLAN_PANEL = "voice/forms_plan_panel.html"
SUBJECT_PANEL = "voice/forms_subject_panel.html"


@dataclass(frozen=True)
class Shown:
    form: FeedbackForm
    managed: bool  # this person may open its summary and questions


def shown_forms(user, plan: Plan, forms: QuerySet[FeedbackForm], makes: bool) -> list[Shown]:
    """The forms this person sees here: all for those who make forms, else the published."""
    if not makes:
        forms = forms.filter(summary_published=True).exclude(state=FeedbackForm.State.DRAFT)
    listed = list(forms.select_related("subgoal__goal", "action").order_by("-created_at", "pk"))
    for form in listed:
        form.plan = plan
    return [Shown(form, makes and may_manage(user, form)) for form in listed]


def plan_panel(request, plan: Plan, participations) -> dict:
    makes = may_make_forms(request.user, plan)
    forms = FeedbackForm.objects.filter(plan=plan)
    return {
        "voice_forms": shown_forms(request.user, plan, forms, makes),
        "voice_makes_forms": makes,
    }


def subgoal_panel(request, plan: Plan, subgoal: SubGoal) -> dict:
    makes = may_make_forms(request.user, plan)
    forms = FeedbackForm.objects.filter(plan=plan, subgoal=subgoal)
    return {
        "voice_subject_forms": shown_forms(request.user, plan, forms, makes),
        "voice_makes_forms": makes,
        "voice_ask": f"subgoal={subgoal.pk}",
    }


def action_panel(request, plan: Plan, action: Action) -> dict:
    makes = may_make_forms(request.user, plan)
    forms = FeedbackForm.objects.filter(plan=plan, action=action)
    return {
        "voice_subject_forms": shown_forms(request.user, plan, forms, makes),
        "voice_makes_forms": makes,
        "voice_ask": f"action={action.pk}",
    }

"""The plan's feedback forms and hearings as their people make and read them, under
/plans/<slug>/voice/: the list, a new form, its settings, its questions, its summary.

Coordinators make and read every form of the plan; an editor those of their own
organisation (permissions.py: may_make_forms, may_manage). A viewer, or a person with no
role, gets 403 (or 404 for a plan they may not read): the free-text answers on these
pages are not yet moderated.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lanu.accounts.permissions import editable_organisation_ids
from lanu.history.records import removals
from lanu.lib.exporters import streaming_response
from lanu.lib.text import normal_value
from lanu.plans.access import permitted_plan
from lanu.plans.models import Action, Plan, SubGoal

from . import building
from .forms import FeedbackFormForm, QuestionForm, SummaryForm
from .models import FeedbackForm, Question
from .permissions import may_make_forms, may_manage
from .retention import kept_until
from .summary import Count as Counted
from .summary import QuestionSummary, percent, summarise
from .summary_export import SUMMARY_EXPORTERS

BAR_WIDTH = 200  # pixels of the longest bar of a question


def managed_forms(user, plan: Plan) -> QuerySet[FeedbackForm]:
    """The plan's forms this person manages: all for coordinators, an editor's own."""
    forms = FeedbackForm.objects.filter(plan=plan)
    organisations = editable_organisation_ids(user, plan)
    return forms if organisations is None else forms.filter(organisation__in=organisations)


def managed_form(request, plan: Plan, pk: int) -> FeedbackForm:
    """The plan's form at this address, if this person manages it (else 403)."""
    form = get_object_or_404(FeedbackForm.objects.select_related("plan"), pk=pk, plan=plan)
    if not may_manage(request.user, form):
        raise PermissionDenied
    return form


@login_required
def form_list(request, slug):
    """The plan's forms and hearings with their state, subject and answers."""
    plan = permitted_plan(request, slug, may_make_forms)
    forms = (
        managed_forms(request.user, plan)
        .select_related("subgoal__goal", "action", "organisation")
        .annotate(answer_count=Count("responses"))
    )
    context = {"plan": plan, "forms": forms}
    if editable_organisation_ids(request.user, plan) is None:  # the plan's coordinators
        context["removed"] = removals(plan, FeedbackForm)
    return render(request, "voice/forms.html", context)


def subject_initial(request, plan: Plan) -> dict:
    """The new form's subject from ?subgoal=<pk> or ?action=<pk>, its title from it."""
    initial: dict = {"language": plan_language(plan)}
    subgoal_pk, action_pk = request.GET.get("subgoal", ""), request.GET.get("action", "")
    if subgoal_pk.isdigit():
        subgoal = SubGoal.objects.filter(pk=subgoal_pk, goal__plan=plan).first()
        if subgoal:
            initial |= {"subgoal": subgoal.pk, "title": subgoal.title}
    elif action_pk.isdigit():
        action = Action.objects.filter(pk=action_pk, plan=plan).first()
        if action:
            initial |= {"action": action.pk, "title": action.title}
            initial["organisation"] = action.organisation_id
    own = editable_organisation_ids(request.user, plan)
    if own is not None and initial.get("organisation") not in own and len(own) == 1:
        initial["organisation"] = next(iter(own))
    return initial


def plan_language(plan: Plan) -> str:
    return plan.language or "fi"


@login_required
def form_new(request, slug):
    """A new feedback form or hearing, with its first questions ready to edit."""
    plan = permitted_plan(request, slug, may_make_forms)
    data = request.POST if request.method == "POST" else None
    form = FeedbackFormForm(
        data, plan=plan, user=request.user, initial=subject_initial(request, plan)
    )
    if form.is_valid():
        feedback = form.save(commit=False)
        feedback.plan, feedback.created_by = plan, request.user
        building.create_form(feedback, form.cleaned_data["question_set"])
        messages.success(request, _("The form was made. Check its questions, then open it."))
        return redirect("voice:questions", plan.slug, feedback.pk)
    return render(request, "voice/form_edit.html", {"plan": plan, "form": form})


@login_required
def form_edit(request, slug, pk):
    """The form's settings: kind, texts, times, what it asks of the person."""
    plan = permitted_plan(request, slug, may_make_forms)
    feedback = managed_form(request, plan, pk)
    data = request.POST if request.method == "POST" else None
    form = FeedbackFormForm(data, instance=feedback, plan=plan, user=request.user)
    if form.is_valid():
        if really_changed(form):  # saved untouched, it keeps its time of change
            form.save()
        messages.success(request, _("The form's settings were saved."))
        return redirect("voice:forms", plan.slug)
    context = {"plan": plan, "form": form, "feedback": feedback} | kept(feedback)
    return render(request, "voice/form_edit.html", context)


def kept(feedback: FeedbackForm) -> dict:
    """How many responses keep the form from being deleted, and from when the retention
    rule deletes those of the plan's period."""
    return {"responses": feedback.responses.count(), "kept_until": kept_until(feedback.plan)}


@login_required
def delete_form(request, slug, pk):
    """A confirmation page; its POST deletes a form with no responses, written in the
    plan's history. A form with responses is kept, and the page says why: its POST is
    refused (400) and deletes nothing."""
    plan = permitted_plan(request, slug, may_make_forms)
    feedback = managed_form(request, plan, pk)
    context = {"plan": plan, "feedback": feedback} | kept(feedback)
    if request.method != "POST":
        return render(request, "voice/form_delete.html", context)
    return remove_form(request, plan, feedback, context)


def remove_form(request, plan, feedback, context):
    if not building.delete_form(feedback, request.user):
        context |= kept(feedback)
        return render(request, "voice/form_delete.html", context, status=400)
    messages.success(request, _("“%s” was deleted.") % feedback)
    return redirect("voice:forms", plan.slug)


def really_changed(form) -> bool:
    """Whether a valid form changes what is stored: a textarea's lines come back ending
    in "\r\n" and its letters perhaps decomposed, which the stored text is not."""
    for name in form.changed_data:
        initial = form.get_initial_for_field(form.fields[name], name)
        value = form.cleaned_data.get(name)
        if normal_value(getattr(value, "pk", value)) != normal_value(initial):
            return True
    return False


# The questions page -----------------------------------------------------------------


@dataclass
class QuestionRow:
    """A question on the questions page: its form, and why it keeps its kind or stays."""

    question: Question
    form: QuestionForm
    kept: str  # why it may not be removed, or ""
    first: bool
    last: bool


@login_required
def questions(request, slug, pk):
    """The form's questions to edit, add, remove and reorder; the form opened or closed."""
    plan = permitted_plan(request, slug, may_make_forms)
    feedback = managed_form(request, plan, pk)
    if request.method == "POST":
        return change_questions(request, plan, feedback)
    return questions_page(request, plan, feedback)


def questions_page(request, plan, feedback, bound: QuestionForm | None = None):
    """The page, with a refused question form (bound, its errors shown) kept as typed."""
    answered = building.answered_question_ids(feedback)
    listed = list(feedback.questions.all())
    rows = []
    for n, question in enumerate(listed):
        question.form = feedback  # the rules read the form's state: no query per question
        has_answers = question.pk in answered
        form = question_form(question, has_answers)
        if bound is not None and bound.instance.pk == question.pk:
            form = bound
        rows.append(
            QuestionRow(
                question,
                form,
                building.why_kept(question, has_answers),
                n == 0,
                n == len(listed) - 1,
            )
        )
    new = bound if bound is not None and bound.instance.pk is None else QuestionForm(prefix="new")
    context = {"plan": plan, "feedback": feedback, "rows": rows, "new": new}
    return render(request, "voice/form_questions.html", context)


def question_form(question: Question, has_answers: bool, data=None) -> QuestionForm:
    kept = building.why_kind_is_kept(question, has_answers)
    return QuestionForm(data, instance=question, prefix=f"q{question.pk}", kind_kept=kept)


def change_questions(request, plan, feedback):
    """One button's change: add, save, remove, up, down, open or close."""
    post = request.POST
    if "add" in post:
        return add_question(request, plan, feedback)
    if post.get("open") is not None or post.get("close") is not None:
        return change_state(request, plan, feedback)
    chosen = next((name for name in ("save", "remove", "up", "down") if name in post), None)
    if chosen is None or not post[chosen].isdigit():
        return redirect("voice:questions", plan.slug, feedback.pk)
    question = get_object_or_404(feedback.questions, pk=post[chosen])
    question.form = feedback
    if chosen == "save":
        return save_question(request, plan, feedback, question)
    if chosen == "remove":
        return remove_question(request, plan, feedback, question)
    if not building.move_question(question, -1 if chosen == "up" else 1):
        messages.error(request, _("The question is already at that end of the form."))
    return back_to(plan, feedback, question)


def back_to(plan, feedback, question: Question | None = None):
    url = reverse("voice:questions", args=[plan.slug, feedback.pk])
    return redirect(url + (f"#question-{question.pk}" if question else ""))


def add_question(request, plan, feedback):
    form = QuestionForm(request.POST, prefix="new")
    if not form.is_valid():
        return questions_page(request, plan, feedback, bound=form)
    question = building.add_question(feedback, form.save(commit=False))
    messages.success(request, _("The question was added."))
    return back_to(plan, feedback, question)


def save_question(request, plan, feedback, question):
    has_answers = question.pk in building.answered_question_ids(feedback)
    form = question_form(question, has_answers, request.POST)
    if not form.is_valid():
        return questions_page(request, plan, feedback, bound=form)
    form.save()
    messages.success(request, _("The question was saved."))
    return back_to(plan, feedback, question)


def remove_question(request, plan, feedback, question):
    why = building.why_kept(question, question.answers.exists())
    if why:
        messages.error(request, why)
        return back_to(plan, feedback, question)
    building.remove_question(question)
    messages.success(request, _("The question was removed."))
    return back_to(plan, feedback)


def change_state(request, plan, feedback):
    if request.POST.get("close") is not None:
        building.close_form(feedback)
        messages.success(request, _("The form is closed: it takes no more answers."))
    elif not feedback.questions.exists():
        messages.error(request, _("Add at least one question before opening the form."))
    else:
        building.open_form(feedback)
        messages.success(request, _("The form is open: it takes answers at its short link."))
    return back_to(plan, feedback)


# The summary page -------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One value's count drawn as a bar, its number and share written beside it."""

    count: Counted
    percent: int
    width: int


@dataclass
class ShownQuestion:
    summary: QuestionSummary
    bars: list[Bar]
    cnps: str  # the cNPS with its formula written out, or ""


def bars(counts: list[Counted], answered: int) -> list[Bar]:
    longest = max((count.count for count in counts), default=0)
    return [
        Bar(
            count,
            percent(count.count, answered),
            round(BAR_WIDTH * count.count / longest) if longest else 0,
        )
        for count in counts
    ]


def shown(question: QuestionSummary) -> ShownQuestion:
    cnps = question.cnps.written_out if question.cnps else ""
    return ShownQuestion(question, bars(question.distribution, question.answered), cnps)


@login_required
def summary(request, slug, pk):
    """The form's answers summarised, every free text with its moderation state; the
    coordinator's written summary and the choice to publish the results."""
    plan = permitted_plan(request, slug, may_make_forms)
    feedback = managed_form(request, plan, pk)
    data = request.POST if request.method == "POST" else None
    written = SummaryForm(data, instance=feedback)
    if written.is_valid():
        if really_changed(written):
            written.save()
        messages.success(request, _("The summary was saved."))
        return redirect("voice:summary", plan.slug, feedback.pk)
    summarised = summarise(feedback, published_only=False)
    context = {
        "plan": plan,
        "feedback": feedback,
        "summarised": summarised,
        "questions": [shown(question) for question in summarised.questions],
        "age_bars": bars(summarised.age_groups, summarised.responses),
        "written": written,
        "exports": [
            (name.upper(), reverse(f"voice:summary-{name}", args=[plan.slug, feedback.pk]))
            for name in SUMMARY_EXPORTERS.names()
        ],
    }
    return render(request, "voice/summary.html", context)


@login_required
def summary_export(request, slug, pk, format):
    """The counts as CSV or XLSX (formula-escaped); of the texts only published ones."""
    plan = permitted_plan(request, slug, may_make_forms)
    feedback = managed_form(request, plan, pk)
    exporter = SUMMARY_EXPORTERS.get(format)
    stem = f"{plan.slug}-{feedback.code}"
    return streaming_response(exporter, feedback, exporter.filename(stem))

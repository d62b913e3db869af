"""A plan's child impact assessments: /plans/<slug>/voice/assessments/ (assessments.py
decides who reads and writes; assessment_export.py draws the files).

Every view gets the plan from plans/access.py; every save goes through
plans/structure.py's create and edit pages (versions, history, a conflicting save merged).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lanu.history.records import record_removed, removals
from lanu.lib.exporters import streaming_response
from lanu.plans.access import permitted_plan, readable_plan
from lanu.plans.structure import create_page, edit_page

from . import assessments
from .assessment_export import AssessmentDocx, AssessmentsCsv, AssessmentsXlsx
from .assessment_forms import AssessmentForm
from .models import ChildImpactAssessment

FORM_PAGE = "voice/assessment_form.html"
# What the history keeps of a deleted assessment: the list of removals names it by these.
REMOVED_FIELDS = ["title", "decider", "decision_date", "state"]


def assessment_list(request, slug):
    """READY assessments for anyone reading the plan; drafts too for the plan's people."""
    plan = readable_plan(request, slug)
    shown = list(assessments.with_links(assessments.shown_assessments(request.user, plan)))
    context = {
        "plan": plan,
        "assessments": shown,
        "may_write": request.user.is_authenticated and assessments.may_write(request.user, plan),
        "reads_drafts": assessments.may_read_drafts(request.user, plan),
    }
    if context["reads_drafts"]:
        context["removed"] = removals(plan, ChildImpactAssessment)  # with the drafts
    return render(request, "voice/assessment_list.html", context)


def shown_assessment(request, plan, pk: int) -> ChildImpactAssessment:
    """The plan's assessment, if this person reads it (a draft is 404 to the public)."""
    found = assessments.with_links(ChildImpactAssessment.objects.filter(plan=plan, pk=pk))
    assessment = get_object_or_404(found)
    if not assessments.may_read(request.user, plan, assessment):
        raise Http404
    return assessment


def assessment_detail(request, slug, pk):
    plan = readable_plan(request, slug)
    assessment = shown_assessment(request, plan, pk)
    context = {
        "plan": plan,
        "assessment": assessment,
        "effects": assessments.effects_of(assessment),
        "checks": assessments.checks_of(assessment),
        "may_edit": request.user.is_authenticated
        and assessments.may_edit(request.user, plan, assessment),
    }
    return render(request, "voice/assessment_detail.html", context)


def detail_url(assessment) -> str:
    return reverse("voice:assessment", args=[assessment.plan.slug, assessment.pk])


@login_required
def new_assessment(request, slug):
    """A new assessment's form (coordinators; editors for their organisation's actions); its
    POST creates the assessment (plans.structure.create_page)."""
    plan = permitted_plan(request, slug, assessments.may_write)
    instance = ChildImpactAssessment(plan=plan, created_by=request.user)
    page = {"template": FORM_PAGE, "done": detail_url}
    return create_page(request, bound(plan, request.user), instance, plan, page)


@login_required
def edit_assessment(request, slug, pk):
    """The assessment's form; its POST saves it (plans.structure.edit_page)."""
    plan = permitted_plan(request, slug, assessments.may_write)
    assessment = get_object_or_404(
        ChildImpactAssessment.objects.prefetch_related("actions"), plan=plan, pk=pk
    )
    if not assessments.may_edit(request.user, plan, assessment):
        raise PermissionDenied
    page = {"template": FORM_PAGE, "done": detail_url}
    return edit_page(request, bound(plan, request.user), assessment, plan, page)


@login_required
def delete_assessment(request, slug, pk):
    """A confirmation page; its POST deletes the assessment, written in the plan's history
    (those who may edit it: a draft they may not read is 404, else 403)."""
    plan = readable_plan(request, slug)
    assessment = shown_assessment(request, plan, pk)
    if not assessments.may_edit(request.user, plan, assessment):
        raise PermissionDenied
    if request.method != "POST":
        context = {"plan": plan, "assessment": assessment}
        return render(request, "voice/assessment_delete.html", context)
    return remove_assessment(request, plan, assessment)


def remove_assessment(request, plan, assessment):
    with transaction.atomic():
        record_removed(request.user, assessment, plan, REMOVED_FIELDS)
        assessment.delete()
    messages.success(request, _("The child impact assessment “%s” was deleted.") % assessment)
    return redirect("voice:assessments", plan.slug)


def bound(plan, user):
    """The form class with the plan and person given (create_page and edit_page make it
    with data and instance only)."""

    def make(*args, **kwargs):
        return AssessmentForm(*args, plan=plan, user=user, **kwargs)

    return make


def assessment_docx(request, slug, pk):
    plan = readable_plan(request, slug)
    assessment = shown_assessment(request, plan, pk)
    exporter = AssessmentDocx(plan)
    filename = exporter.filename(f"{plan.slug}-lava-{assessment.pk}")
    return streaming_response(exporter, assessment, filename)


def assessments_csv(request, slug):
    return assessment_table(request, slug, AssessmentsCsv())


def assessments_xlsx(request, slug):
    return assessment_table(request, slug, AssessmentsXlsx())


def assessment_table(request, slug, exporter):
    """The assessments this person reads (as on the list), one row each."""
    plan = readable_plan(request, slug)
    shown = list(assessments.with_links(assessments.shown_assessments(request.user, plan)))
    return streaming_response(exporter, shown, exporter.filename(f"{plan.slug}-lava"))

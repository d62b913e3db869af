"""The yearly follow-up round's pages: rounds, the status scale, and each organisation's report.

Members of a plan see its rounds (reports are not public). Coordinators open
and close rounds, edit the status scale and write the joint highlights; editors
report their own organisations' actions, add their priorities and submit;
viewers read. Saving goes through reports.py: never into a closed round, and
never over someone else's save (the second person gets the conflict, their text
kept). The report form autosaves with static/js/report.js, which posts the same
form and asks for JSON; without JavaScript its Save button does the same.
"""

import json
from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lanu.accounts.permissions import (
    can_coordinate,
    can_follow_up,
    can_read_reports_of,
    can_report_for,
    editable_organisation_ids,
)
from lanu.plans.access import coordinated_plan, permitted_plan
from lanu.plans.editing import Conflict
from lanu.plans.listing import plan_participations
from lanu.plans.models import Organisation, SubGoal

from . import reports
from .forms import (
    LevelFormSet,
    PresetForm,
    ReportForm,
    RoundForm,
    SubGoalTextsForm,
    default_year,
    level_initial,
    year_taken_message,
)
from .models import ActionReport, StatusLevel
from .overview import round_actions
from .rounds import RoundClosed, close_round
from .scales import DEFAULT, SCALES

CONFLICT = 409


# Finding the plan, the round and the organisation, and who may do what.


def followed_plan(request, slug: str):
    """The plan, if this person is a member of it: 404 if they may not read it, else 403."""
    return permitted_plan(request, slug, can_follow_up)


def round_of(plan, year: int):
    round_ = get_object_or_404(plan.rounds, year=year)
    round_.plan = plan
    return round_


def organisation_of(plan, pk: int) -> Organisation:
    return get_object_or_404(Organisation, pk=pk, participations__plan=plan)


def reporting_organisation(request, slug, year, pk):
    """Plan, round and organisation, if this person reports for the organisation (else 403)."""
    plan = followed_plan(request, slug)
    round_, organisation = round_of(plan, year), organisation_of(plan, pk)
    if not can_report_for(request.user, plan, organisation.pk):
        raise PermissionDenied
    return plan, round_, organisation


def live_subgoals(plan):
    subgoals = SubGoal.objects.filter(goal__plan=plan, archived=False, goal__archived=False)
    return subgoals.select_related("goal")


def scale_of(plan) -> tuple[list[StatusLevel], bool]:
    """The plan's status levels, and whether they are its own (else Lanu's default, unsaved)."""
    levels = list(plan.status_levels.all())
    if levels:
        return levels, True
    return [StatusLevel(**fields) for fields in DEFAULT], False


def wants_json(request) -> bool:
    return request.headers.get("Accept", "").startswith("application/json")


def time_of(moment) -> str:
    return format_date(timezone.localtime(moment), "H.i")


def date_of(day) -> str:
    return format_date(day, "j.n.Y")


# Rounds and the status scale.


@login_required
def list_rounds(request, slug):
    plan = followed_plan(request, slug)
    levels, own_scale = scale_of(plan)
    context = {
        "plan": plan,
        "rounds": plan.rounds.all(),
        "levels": levels,
        "plan_has_scale": own_scale,
        "may_coordinate": can_coordinate(request.user, plan),
    }
    return render(request, "followup/round_list.html", context)


@login_required
def open_new_round(request, slug):
    plan = coordinated_plan(request, slug)
    form = RoundForm(
        request.POST or None,
        plan=plan,
        scale_fixed=reports.scale_in_use(plan),
        initial=round_defaults(plan),
    )
    if request.method == "POST" and form.is_valid():
        try:
            round_ = reports.start_round(plan, **form.cleaned_data)
        except reports.YearTaken:
            form.add_error("year", year_taken_message(form.cleaned_data["year"]))
        else:
            messages.success(
                request, _("The follow-up round %(year)s was opened.") % {"year": round_.year}
            )
            return redirect("followup:round", slug=plan.slug, year=round_.year)
    return render(request, "followup/round_form.html", {"plan": plan, "form": form})


def round_defaults(plan) -> dict:
    """This year's round (within the plan's period), open from today for four weeks."""
    today = timezone.localdate()
    year = default_year(plan, today)
    return {"year": year, "opens_on": today, "closes_on": today + timedelta(weeks=4)}


@login_required
def edit_scale(request, slug):
    plan = coordinated_plan(request, slug)
    which = request.POST.get("form") if request.method == "POST" else None
    levels, _own = scale_of(plan)
    preset = PresetForm(request.POST if which == "preset" else None, prefix="preset")
    formset = LevelFormSet(
        request.POST if which == "levels" else None,
        initial=level_initial(levels),
        prefix="levels",
    )
    chosen = chosen_levels(preset, formset, which)
    if chosen is not None:
        try:
            reports.change_scale(plan, chosen)
        except reports.ScaleInUse:
            pass
        else:
            messages.success(request, _("The status scale was saved."))
            return redirect("followup:rounds", slug=plan.slug)
    in_use = reports.scale_in_use(plan)
    context = {"plan": plan, "preset": preset, "formset": formset, "in_use": in_use}
    context["levels"] = levels
    status = (CONFLICT if in_use else 400) if which else 200
    return render(request, "followup/round_scale.html", context, status=status)


def chosen_levels(preset, formset, which: str | None):
    """The levels the posted form chose, or None if nothing valid was posted."""
    if which == "preset" and preset.is_valid():
        return SCALES[preset.cleaned_data["preset"]]
    if which == "levels" and formset.is_valid():
        return formset.levels()
    return None


@login_required
def show_round(request, slug, year):
    plan = followed_plan(request, slug)
    round_ = round_of(plan, year)
    progress = reports.organisation_progress(round_)
    readable = can_read_reports_of
    rows = [
        {
            "organisation": p.organisation,
            "may_read": readable(request.user, plan, p.organisation_id),
            **progress.get(p.organisation_id, {"actions": 0, "reported": 0}),
        }
        for p in plan_participations(plan)
    ]
    context = {"plan": plan, "round": round_, "rows": rows, "levels": scale_of(plan)[0]}
    context["may_coordinate"] = can_coordinate(request.user, plan)
    context["own"] = [row for row in rows if own(request.user, plan, row["organisation"])]
    return render(request, "followup/round_detail.html", context)


def own(user, plan, organisation) -> bool:
    allowed = editable_organisation_ids(user, plan)
    return allowed is not None and organisation.pk in allowed


@login_required
def close(request, slug, year):
    """A confirmation page; posting it closes the round, freezing its reports."""
    plan = coordinated_plan(request, slug)
    round_ = round_of(plan, year)
    if request.method == "POST":
        if round_.is_closed:
            messages.info(request, _("The round was already closed."))
        else:
            close_round(round_, request.user)
            messages.success(request, _("The round was closed. Its reports can no longer change."))
        return redirect("followup:round", slug=plan.slug, year=round_.year)
    progress = reports.organisation_progress(round_).values()
    waiting = sum(1 for row in progress if row["actions"] and not row["submission"])
    context = {"plan": plan, "round": round_, "waiting": waiting}
    return render(request, "followup/round_close.html", context)


# An organisation's report.


@login_required
def show_organisation_report(request, slug, year, pk):
    plan = followed_plan(request, slug)
    round_, organisation = round_of(plan, year), organisation_of(plan, pk)
    if not can_read_reports_of(request.user, plan, organisation.pk):
        raise PermissionDenied
    actions = organisation_actions(plan, round_, organisation)
    submission = round_.submissions.filter(organisation=organisation).first()
    may_report = can_report_for(request.user, plan, organisation.pk)
    found = reports.reports_of(round_, organisation) if may_report or submission else {}
    if not (may_report or submission):
        messages.info(request, draft_hidden_message(organisation))
    for action in actions:
        action.report = found.get(action.pk)
    context = {"plan": plan, "round": round_, "organisation": organisation, "actions": actions}
    context["submission"] = submission
    context["may_report"] = may_report
    # the rule submitting asks by (unreported_actions): a report telling nothing is missing
    context["missing"] = sum(1 for action in actions if not reports.tells_something(action.report))
    if may_report and not round_.is_closed:
        context["report_forms"] = report_forms(plan, round_, actions, found)
    return render(request, "followup/report_organisation.html", context)


def report_forms(plan, round_, actions, found: dict) -> list[tuple]:
    """Every action's report form for the one page of the organisation's report: (action,
    form) each, in a constant number of queries however many actions there are."""
    prefetch_related_objects(list(found.values()), "values")
    metrics = reports.metrics_by_action(actions, found)
    levels = list(plan.status_levels.all())
    return [
        (action, action_report_form(plan, round_, action, metrics[action.pk], levels))
        for action in actions
    ]


def action_report_form(plan, round_, action, metrics, levels) -> ReportForm:
    """An action's form, its ids its own (id_a<pk>_…) so that many fit on one page."""
    report = action.report or ActionReport(round=round_, action=action)
    return ReportForm(
        instance=report, plan=plan, metrics=metrics, levels=levels, auto_id=f"id_a{action.pk}_%s"
    )


def draft_hidden_message(organisation) -> str:
    """A draft stays with the organisation and the coordinators: a viewer reads it submitted."""
    return _(
        "%(organisation)s has not submitted its report yet: its draft is shown only to the "
        "organisation and the plan's coordinators."
    ) % {"organisation": organisation.name}


def organisation_actions(plan, round_, organisation) -> list:
    """The organisation's actions in the round; a closed round's as they were at closing."""
    return round_actions(plan, round_, organisation=organisation)


@login_required
@require_POST
def submit_organisation_report(request, slug, year, pk):
    plan, round_, organisation = reporting_organisation(request, slug, year, pk)
    if not request.POST.get("confirm") and (unreported := to_confirm(plan, round_, organisation)):
        context = {"plan": plan, "round": round_, "organisation": organisation}
        context["unreported"] = unreported
        return render(request, "followup/report_submit_confirm.html", context)
    try:
        submission, created = reports.submit(round_, organisation, request.user)
    except RoundClosed as error:
        messages.error(request, str(error))
    else:
        messages.success(request, submitted_message(round_, submission, created))
    return redirect(
        "followup:report-organisation", slug=plan.slug, year=round_.year, pk=organisation.pk
    )


def to_confirm(plan, round_, organisation) -> list:
    """The unreported actions to list before a first submission of an open round, if any."""
    if round_.is_closed or round_.submissions.filter(organisation=organisation).exists():
        return []
    return unreported_actions(plan, round_, organisation)


def unreported_actions(plan, round_, organisation) -> list:
    """The organisation's actions whose report gives no status and tells nothing: 2 queries.

    Submitting with these asks first, so that a report is not sent half done by mistake.
    """
    found = reports.reports_of(round_, organisation)
    return [
        action
        for action in organisation_actions(plan, round_, organisation)
        if not reports.tells_something(found.get(action.pk))
    ]


def submitted_message(round_, submission, created: bool) -> str:
    values = {"date": date_of(round_.closes_on)}
    if created:
        text = _(
            "The report was submitted. You can still correct it until the round closes "
            "(reporting closes on %(date)s)."
        )
    else:
        values["when"] = date_of(timezone.localtime(submission.submitted_at))
        text = _(
            "The report was already submitted on %(when)s. You can still correct it until "
            "the round closes (reporting closes on %(date)s)."
        )
    return text % values


@login_required
def report_action(request, slug, year, pk):
    """The report of one action; GET shows the form, POST saves it (JSON for the autosave)."""
    plan = followed_plan(request, slug)
    round_ = round_of(plan, year)
    action = get_object_or_404(reportable_actions(plan, round_), pk=pk)
    if not can_report_for(request.user, plan, action.organisation_id):
        raise PermissionDenied
    report = round_.reports.filter(action=action).first() or ActionReport(
        round=round_, action=action
    )
    form = ReportForm(
        request.POST or None,
        instance=report,
        plan=plan,
        metrics=reports.report_metrics(action, report),
    )
    context = {"plan": plan, "round": round_, "action": action, "report": report, "form": form}
    if request.method == "POST":
        return save_action_report(request, context)
    return render(request, "followup/report_action.html", context)


def reportable_actions(plan, round_):
    """The live actions of an open round; the actions a closed round had, archived ones too."""
    actions = plan.actions.select_related("organisation")
    if round_.is_closed:
        return actions.filter(pk__in=round_.members.values("action_id"))
    return actions.filter(archived=False)


def save_action_report(request, context: dict):
    form, round_, action = context["form"], context["round"], context["action"]
    if not form.is_valid():
        if wants_json(request):
            return JsonResponse({"error": _("Not saved: please check the form.")}, status=400)
        return render(request, "followup/report_action.html", context, status=400)
    try:
        report = reports.save_report(form, round_, action, request.user)
    except RoundClosed as error:
        return refused_as_closed(request, context, error)
    except Conflict as error:
        return refused_as_conflict(request, context, error)
    return saved(request, form, report)


def saved(request, form, report):
    message = _("Saved %(time)s") % {"time": time_of(report.updated_at)}
    if wants_json(request):
        loaded = json.dumps(form.fresh(report).values())
        return JsonResponse({"message": message, "version": report.version, "loaded": loaded})
    messages.success(request, message)
    return redirect(report_place(report))


def report_place(report) -> str:
    """The action's place on the one page of its organisation's report."""
    round_ = report.round
    page = reverse(
        "followup:report-organisation",
        args=[round_.plan.slug, round_.year, report.action.organisation_id],
    )
    return f"{page}#report-{report.action_id}"


def refused_as_closed(request, context: dict, error: RoundClosed):
    if wants_json(request):
        return JsonResponse({"error": str(error), "closed": True}, status=CONFLICT)
    context["closed"] = error
    return render(request, "followup/report_action.html", context, status=CONFLICT)


def refused_as_conflict(request, context: dict, error: Conflict):
    if wants_json(request):
        message = _(
            "Not saved: someone else saved this report meanwhile. "
            "Press Save to see their changes beside yours."
        )
        return JsonResponse({"error": message, "conflict": True}, status=CONFLICT)
    form = context["form"]
    data = form.rebased_data(error.current)
    context["form"] = ReportForm(
        data, instance=error.current, plan=context["plan"], metrics=form.metrics
    )
    context["conflict"] = error
    return render(request, "followup/report_action.html", context, status=CONFLICT)


# Texts per sub-goal: an organisation's added priorities, the coordinator's joint highlights.


@login_required
def edit_priorities(request, slug, year, pk):
    plan, round_, organisation = reporting_organisation(request, slug, year, pk)
    form = SubGoalTextsForm(
        request.POST or None,
        subgoals=live_subgoals(plan),
        texts=reports.priority_texts(round_, organisation),
        help_text=_(
            "What the organisation emphasises here next year. An empty line separates two."
        ),
    )
    context = {"plan": plan, "round": round_, "organisation": organisation, "form": form}

    def save(texts, loaded):
        reports.save_priorities(round_, organisation, texts, loaded)

    done = reverse("followup:report-organisation", args=[plan.slug, round_.year, organisation.pk])
    return edit_texts(request, context, save, done, "followup/report_priorities.html")


@login_required
def edit_highlights(request, slug, year):
    plan = coordinated_plan(request, slug)
    round_ = round_of(plan, year)
    form = SubGoalTextsForm(
        request.POST or None,
        subgoals=live_subgoals(plan),
        texts=reports.highlight_texts(round_),
        help_text=_("What the network achieved together. An empty line separates two."),
    )
    context = {"plan": plan, "round": round_, "form": form}

    def save(texts, loaded):
        reports.save_highlights(round_, texts, loaded)

    done = reverse("followup:round", args=[plan.slug, round_.year])
    return edit_texts(request, context, save, done, "followup/round_highlights.html")


def edit_texts(request, context: dict, save, done: str, template: str):
    """Show the texts' form; on a valid POST save it, or show why it was refused."""
    form = context["form"]
    if request.method != "POST" or not form.is_valid():
        status = 400 if request.method == "POST" else 200
        return render(request, template, context, status=status)
    try:
        save(form.texts(), form.cleaned_data["loaded"])
    except RoundClosed as error:
        context["closed"] = error
    except reports.TextsChanged as error:
        context["form"] = form.with_loaded(error.current)
        context["changed"] = changed_texts(form.subgoals, form.texts(), error.current)
    else:
        messages.success(request, _("Your changes were saved."))
        return redirect(done)
    return render(request, template, context, status=CONFLICT)


def changed_texts(subgoals, mine: dict, current: dict) -> list[tuple]:
    """The sub-goals whose saved texts differ from the person's, with the saved texts."""
    return [
        (subgoal, current.get(subgoal.pk, []))
        for subgoal in subgoals
        if current.get(subgoal.pk, []) != mine.get(subgoal.pk, [])
    ]


urlpatterns = [
    path("", list_rounds, name="rounds"),
    path("new/", open_new_round, name="round-new"),
    path("scale/", edit_scale, name="round-scale"),
    path("<int:year>/", show_round, name="round"),
    path("<int:year>/close/", close, name="round-close"),
    path("<int:year>/highlights/", edit_highlights, name="round-highlights"),
    path(
        "<int:year>/organisations/<int:pk>/", show_organisation_report, name="report-organisation"
    ),
    path(
        "<int:year>/organisations/<int:pk>/priorities/", edit_priorities, name="report-priorities"
    ),
    path(
        "<int:year>/organisations/<int:pk>/submit/",
        submit_organisation_report,
        name="report-submit",
    ),
    path("<int:year>/actions/<int:pk>/", report_action, name="report-action"),
]

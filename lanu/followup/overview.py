"""The coordinator's view of a round, its reminder, and the public progress of a plan.

Each page runs a fixed number of SQL queries however large the plan is: the actions,
their sub-goals and the reports of a round come in one query each, and
statistics.py counts them in Python (tests/test_round_overview.py, test_progress.py).
An action counts as reported in a round when its report there gives a status or tells
what was done (models.TOLD, the one place that rule is written); the status
distributions count the actions with no status apart.
"""

from collections import defaultdict
from collections.abc import Collection, Sequence
from smtplib import SMTPException
from typing import NamedTuple

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lanu.plans.access import coordinated_plan, readable_plan
from lanu.plans.listing import SubGoalRef, plan_actions, plan_goals, plan_participations
from lanu.plans.models import Action, Plan, SubGoal

from . import action_rows, charts, published, reminders, statistics
from .metric_trends import metric_trends
from .models import TOLD, ActionReport, FollowUpRound
from .statistics import Distribution, Level

NO_STATUS_COLOUR = "#ffffff"


class StatusRow(NamedTuple):
    """One row of a status table: what is counted, its distribution and its bar."""

    label: str
    url: str
    distribution: Distribution
    bar: str


# Reading a round: a fixed number of queries.


def scale(plan: Plan) -> list[Level]:
    """The plan's status levels, and "no status" last."""
    levels = [
        Level(s.pk, s.local_name, s.colour, s.local_description) for s in plan.status_levels.all()
    ]
    no_status = _("The action has no report in the round, or its report gives no status.")
    return [*levels, Level(None, _("No status"), NO_STATUS_COLOUR, no_status)]


def round_actions(plan: Plan, round_: FollowUpRound | None = None, **filters) -> list[Action]:
    """The actions a round counts (optionally filtered, e.g. by organisation), with
    organisation, sub-goal references and address.

    A closed round counts the actions written down when it closed (archived ones too),
    with the organisation and sub-goals they had then (2 queries); an open round the
    live actions, as every listing of the plan has them (plans.listing, 3 queries).
    """
    if round_ is not None and round_.is_closed:
        return closed_round_actions(plan, round_, **filters)
    return plan_actions(plan, **filters)


def closed_round_actions(plan: Plan, round_: FollowUpRound, **filters) -> list[Action]:
    """The actions written down when the round closed (optionally filtered): 2 queries."""
    written = round_.members.filter(**filters).select_related("action", "organisation")
    members = list(written.order_by("action__order", "action_id"))
    refs = closed_subgoal_refs(plan, {pk for member in members for pk in member.subgoals})
    position = {pk: n for n, pk in enumerate(refs)}
    actions_url = reverse("plans:actions", args=[plan.slug])
    actions = []
    for member in members:
        action = member.action
        action.organisation = member.organisation
        served = sorted((pk for pk in member.subgoals if pk in refs), key=lambda pk: position[pk])
        action.subgoal_refs = [refs[pk] for pk in served]
        action.url = f"{actions_url}{action.pk}/"
        actions.append(action)
    return actions


def closed_subgoal_refs(plan: Plan, ids) -> dict[int, SubGoalRef]:
    """References to the sub-goals, archived ones too, in the plan's order: 1 query."""
    subgoals = SubGoal.objects.filter(goal__plan=plan, pk__in=ids).select_related("goal")
    subgoals_url = reverse("plans:plan", args=[plan.slug]) + "subgoals/"
    return {
        s.pk: SubGoalRef(s.pk, f"{s.goal.number}.{s.number}", s.title, f"{subgoals_url}{s.pk}/")
        for s in subgoals.order_by("goal__order", "order", "pk")
    }


def round_goals(plan: Plan, round_: FollowUpRound):
    """The goals and sub-goals a round's tables show, as at closing if it is closed: 2 queries."""
    if not round_.is_closed:
        return plan_goals(plan)
    ids = round_.subgoals_at_closing
    subgoals = Prefetch("subgoals", queryset=SubGoal.objects.filter(pk__in=ids))
    return plan.goals.filter(subgoals__in=ids).distinct().prefetch_related(subgoals)


class Reports(NamedTuple):
    """The reports of one round."""

    statuses: dict[int, int | None]  # action id -> status level id (None: no status)
    reported: set[int]  # the actions whose report gives a status or tells what was done


def round_reports(*rounds) -> dict[int, Reports]:
    """The Reports of each round (None: no round): 1 query."""
    found = {r.pk: Reports({}, set()) for r in rounds if r}
    told = ExpressionWrapper(TOLD, output_field=BooleanField())
    rows = ActionReport.objects.filter(round__in=list(found)).annotate(told=told)
    for round_id, action_id, status_id, told in rows.values_list(
        "round_id", "action_id", "status_id", "told"
    ):
        found[round_id].statuses[action_id] = status_id
        if told:
            found[round_id].reported.add(action_id)
    return found


def previous_round(round_: FollowUpRound) -> FollowUpRound | None:
    earlier = FollowUpRound.objects.filter(plan_id=round_.plan_id, year__lt=round_.year)
    return earlier.order_by("-year").first()


# Grouping the actions and counting them.


def status_rows(
    levels, statuses, groups: Sequence[tuple[str, str, Collection[int]]]
) -> list[StatusRow]:
    """A status row for each (label, url, action ids)."""
    rows = []
    for label, url, action_ids in groups:
        distribution = statistics.distribution(levels, (statuses.get(pk) for pk in action_ids))
        rows.append(StatusRow(label, url, distribution, charts.status_bar(distribution, label)))
    return rows


def subgoal_groups(actions) -> dict[int, set[int]]:
    groups: dict[int, set[int]] = defaultdict(set)
    for action in actions:
        for ref in action.subgoal_refs:
            groups[ref.pk].add(action.pk)
    return groups


def goals_with_status(plan, goals, levels, statuses, actions) -> list:
    """The goals, each with `row` (all its actions) and `rows` (one per sub-goal)."""
    goals, by_subgoal = list(goals), subgoal_groups(actions)
    subgoal_url = reverse("plans:plan", args=[plan.slug]) + "subgoals/"
    for goal in goals:
        subgoals = list(goal.subgoals.all())
        groups = [
            (f"{goal.number}.{s.number} {s.title}", f"{subgoal_url}{s.pk}/", by_subgoal[s.pk])
            for s in subgoals
        ]
        goal.rows = status_rows(levels, statuses, groups)
        everything = set().union(*(ids for _label, _url, ids in groups))
        label = f"{plan.labels['goal']} {goal.number}"
        goal.row = status_rows(levels, statuses, [(label, "", everything)])[0]
        goal.table_id = f"status-goal-{goal.pk}"
        for subgoal, row in zip(subgoals, goal.rows, strict=True):
            subgoal.row = row
    return goals


def organisations_of(plan, actions) -> list:
    """The organisations with actions, in the plan's order; each with `action_ids`."""
    order = {p.organisation_id: n for n, p in enumerate(plan_participations(plan))}
    found: dict = {}  # pk -> organisation, given its action ids below
    action_ids = defaultdict(list)
    for action in actions:
        found.setdefault(action.organisation_id, action.organisation)
        action_ids[action.organisation_id].append(action.pk)
    for pk, organisation in found.items():
        organisation.action_ids = action_ids[pk]
    return sorted(found.values(), key=lambda o: (order.get(o.pk, len(order)), o.name))


def level_headers(levels) -> list[tuple[str, str]]:
    """Each level's name and swatch, for the columns of a status table."""
    return [(level.name, charts.swatch(level.colour)) for level in levels]


def whole_plan_row(plan, levels, statuses, actions) -> StatusRow:
    label = _("The whole plan")
    return status_rows(levels, statuses, [(label, "", [a.pk for a in actions])])[0]


# The coordinator's view of a round.


@login_required
def round_overview(request, slug, year):
    plan = coordinated_plan(request, slug)
    round_ = get_object_or_404(FollowUpRound, plan=plan, year=year)
    previous = previous_round(round_)
    levels, actions = scale(plan), round_actions(plan, round_)
    reports = round_reports(round_, previous)
    now = reports[round_.pk]
    context = {"plan": plan, "round": round_, "previous": previous}
    context["headers"] = level_headers(levels)
    context["whole_rows"] = [whole_plan_row(plan, levels, now.statuses, actions)]
    goals = round_goals(plan, round_)
    context["goals"] = goals_with_status(plan, goals, levels, now.statuses, actions)
    context["organisations"] = organisations_with_reports(plan, round_, levels, now, actions)
    context["organisation_rows"] = [o.row for o in context["organisations"]]
    context.update(unreported_context(actions, now))
    context["reminders_sent"] = round_.reminders.select_related("organisation", "sent_by")
    if previous:
        context.update(change_context(levels, actions, reports[previous.pk].statuses, now.statuses))
    return render(request, "followup/overview_round.html", context)


def organisations_with_reports(plan, round_, levels, reports: Reports, actions) -> list:
    """Each organisation with its submission (or None), contact people, counts and status row."""
    organisations = organisations_of(plan, actions)
    submissions = {s.organisation_id: s for s in round_.submissions.select_related("submitted_by")}
    contacts = reminders.contact_people(plan)
    url = reverse("plans:plan", args=[plan.slug]) + "organisations/"
    groups = [(o.name, f"{url}{o.pk}/", o.action_ids) for o in organisations]
    rows = status_rows(levels, reports.statuses, groups)
    for organisation, row in zip(organisations, rows, strict=True):
        organisation.submission = submissions.get(organisation.pk)
        organisation.contacts = contacts.get(organisation.pk, [])
        organisation.reported = sum(pk in reports.reported for pk in organisation.action_ids)
        organisation.row = row
    return organisations


def unreported_context(actions, reports: Reports) -> dict:
    unreported = [action for action in actions if action.pk not in reports.reported]
    return {
        "reported": len(actions) - len(unreported),
        "unreported": len(unreported),
        "unreported_rows": action_rows.plain(unreported),
    }


def pk_of(level: Level | None) -> int | None:
    """The level's pk; None, as "no status" has, for no level."""
    return level.pk if level is not None else None


def change_context(levels, actions, before, now) -> dict:
    ids = [action.pk for action in actions]
    by_pk = {action.pk: action for action in actions}
    changes = statistics.action_changes(levels, ids, before, now)
    labels = {level.pk: charts.labelled(level) for level in levels}
    return {
        "level_changes": statistics.level_changes(
            statistics.distribution(levels, (before.get(pk) for pk in ids)),
            statistics.distribution(levels, (now.get(pk) for pk in ids)),
        ),
        "changed": len(changes),
        "change_rows": action_rows.with_change(
            (by_pk[c.action_id], labels[pk_of(c.before)], labels[pk_of(c.now)]) for c in changes
        ),
        "unchanged": len(ids) - len(changes),
    }


@login_required
def remind(request, slug, year):
    """Who would be reminded of what (GET); posting the confirmation e-mails and records them."""
    plan = coordinated_plan(request, slug)
    round_ = get_object_or_404(FollowUpRound, plan=plan, year=year)
    done = redirect("followup:round-overview", slug=plan.slug, year=round_.year)
    if round_.is_closed:
        messages.error(request, _("The round is closed: no reminders are sent."))
        return done
    organisations = organisations_with_reports(
        plan, round_, scale(plan), round_reports(round_)[round_.pk], round_actions(plan)
    )
    waiting = [o for o in organisations if o.submission is None]
    today = timezone.localdate()
    planned = reminders.plan_reminders(round_, waiting, today)
    if request.method != "POST" or not request.POST.get("confirm"):
        context = {"plan": plan, "round": round_, "planned": planned, "waiting": waiting}
        context["unreached"] = [text for o in waiting if (text := reminders.not_reached(o))]
        return render(request, "followup/remind_confirm.html", context)
    try:
        sent = reminders.send_reminders(request, plan, round_, planned.reminders, today)
    except (SMTPException, OSError):
        messages.error(request, not_sent_message())
        return done
    skipped = planned.skipped + [r for r in planned.reminders if r not in sent]
    for level, text in reminders.confirmation(waiting, sent, skipped):
        messages.add_message(request, level, text)
    return done


def not_sent_message() -> str:
    return _(
        "The reminders were not sent: the mail server did not take them. Nothing was "
        "recorded; try again in a moment."
    )


# The public progress of a plan: its closed rounds.


def closed_rounds(plan) -> list[FollowUpRound]:
    return list(plan.rounds.filter(state=FollowUpRound.State.CLOSED).order_by("-year"))


def progress(request, slug, year=None):
    plan = readable_plan(request, slug)
    rounds = closed_rounds(plan)
    round_ = next((r for r in rounds if year is None or r.year == year), None)
    if round_ is None and year is not None:
        raise Http404
    context = {"plan": plan, "rounds": rounds, "round": round_}
    if round_:
        context.update(progress_context(plan, round_, rounds))
    return render(request, "followup/progress.html", context)


def progress_context(plan, round_, rounds) -> dict:
    """The closed round as the public sees it: only the submitted reports (published.py)."""
    levels, actions = public_scale(plan), round_actions(plan, round_)
    submitted = published.submitted_organisations(round_)
    statuses = add_public_reports(round_, actions, levels)
    goals = goals_with_status(plan, round_goals(plan, round_), levels, statuses, actions)
    add_highlights_and_priorities(round_, goals, submitted)
    reported_levels = [level for level in levels if level.pk is not None]
    years = year_trend(reported_levels, rounds)
    whole = whole_plan_row(plan, levels, statuses, actions)
    labels = {level.pk: charts.labelled(level) for level in levels}
    return {
        "levels": [(level, labels[level.pk]) for level in levels],
        "headers": level_headers(levels),
        "trend_headers": level_headers(reported_levels),
        "whole_rows": [whole],
        "goals": goals,
        "not_reported": [o for o in organisations_of(plan, actions) if o.pk not in submitted],
        "action_rows": action_rows.with_report(actions),
        "trend": years,
        "trend_chart": charts.trend_chart(years, trend_title(plan, years)),
        **metric_trends(rounds, {action.pk: action for action in actions}),
    }


def public_scale(plan: Plan) -> list[Level]:
    """The plan's status levels, and "not reported" last: drafts count as not reported."""
    levels = scale(plan)[:-1]
    description = _(
        "The organisation did not submit its report in the round, or its report gives the "
        "action no status."
    )
    return [*levels, Level(None, _("Not reported"), NO_STATUS_COLOUR, description)]


def add_public_reports(round_, actions, levels) -> dict[int, int | None]:
    """Each action's `status_label`, `account` and `values` from its submitted report: 2 queries.

    Returns the statuses (action id -> level id) of the submitted reports.
    """
    reports = published.published(round_.reports.all())
    found = {row[0]: row for row in reports.values_list("action_id", "pk", "status_id", "account")}
    values = defaultdict(list)
    for value in published.published_values(round_.reports.all()):
        values[value.report_id].append(value)
    labels = {level.pk: charts.labelled(level) for level in levels}
    for action in actions:
        _action_id, pk, status_id, account = found.get(action.pk, (None, None, None, ""))
        action.status_label = labels.get(status_id, labels[None])
        action.account, action.values = account, values.get(pk, [])
    return {action_id: status_id for action_id, _pk, status_id, _account in found.values()}


def add_highlights_and_priorities(round_, goals, submitted: set[int]) -> None:
    """Each sub-goal's joint highlights and added priorities in the round: 2 queries.

    An organisation's added priorities are part of its report: only those of the
    organisations that submitted (`submitted`), and ones named by a prefix only. A round
    imported from an evaluation document (import-round, `round_.imported`) has no
    submissions: all of its priorities show, as the document had them.
    """
    highlights, priorities = defaultdict(list), defaultdict(list)
    for highlight in round_.highlights.all():
        highlights[highlight.subgoal_id].append(highlight)
    shown = round_.priorities.all()
    if not round_.imported:
        shown = shown.filter(Q(organisation__isnull=True) | Q(organisation_id__in=submitted))
    for priority in shown.select_related("organisation"):
        priority.by = priority.organisation.name if priority.organisation else priority.prefix
        priorities[priority.subgoal_id].append(priority)
    for goal in goals:
        for subgoal in goal.subgoals.all():
            subgoal.highlights = highlights[subgoal.pk]
            subgoal.priorities = priorities[subgoal.pk]


def year_trend(levels, rounds) -> list[statistics.YearDistribution]:
    """Per closed round (oldest first), the submitted statuses of its actions: 1 query."""
    reports = ActionReport.objects.filter(round__in=rounds, status__isnull=False)
    reports = published.published(reports)
    counts = {
        (year, status_id): n
        for year, status_id, n in reports.values_list("round__year", "status_id").annotate(
            n=Count("id")
        )
    }
    return statistics.trend(levels, counts, [r.year for r in rounds])


def trend_title(plan, years) -> str:
    parts = [f"{y.year}: {charts.summary(y.distribution)}" for y in years]
    return _("Reported status of the actions per year. %s") % "; ".join(parts)


urlpatterns = [
    path("<int:year>/overview/", round_overview, name="round-overview"),
    path("<int:year>/remind/", remind, name="round-remind"),
    path("progress/", progress, name="progress"),
    path("progress/<int:year>/", progress, name="progress-year"),
]

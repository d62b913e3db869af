"""Restoring a plan from a file: the plan, then (from a full export) its follow-up and people.

All in one transaction: a problem anywhere writes nothing. People are matched
to existing accounts by username, then by e-mail; someone with no account gets
one without a password, as an invitation makes (no e-mail is sent): they choose
a password through "Forgot your password?". The import report says who.
"""

from dataclasses import dataclass, field
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from lanu.accounts.invitations import create_invited
from lanu.accounts.memberships import add_member
from lanu.followup.models import (
    ActionReport,
    AddedPriority,
    FollowUpRound,
    JointHighlight,
    MetricValue,
    ReminderSent,
    RoundAction,
    StatusLevel,
    Submission,
)
from lanu.followup.rounds import take_snapshot
from lanu.importers import lanu_json, read_file, read_plan_bytes
from lanu.importers.data import PlanData
from lanu.importers.save import save_plan
from lanu.plans.models import Metric, Plan, SubGoal

from .indicators import restore_indicators
from .reading import Backup, RoundData, read_backup
from .rows import keep_times
from .voice import restore_assessments, restore_feedback_forms
from .yearclock import restore_events


@dataclass
class Restored:
    """What a restore wrote, for the import report."""

    plan: Plan
    report: list[str] = field(default_factory=list)


def read_restore(path: Path | str) -> tuple[PlanData, Backup]:
    """The plan and, from a full export, its follow-up and people: checked, nothing written."""
    raw, source = read_file(path)
    data = read_plan_bytes(raw, source)
    return data, backup_of(raw, source, data)


def backup_of(raw: bytes, source: str, data: PlanData) -> Backup:
    """The follow-up and people a full export holds besides its plan `data` (read from
    the same bytes); an empty Backup for any other file."""
    backup = read_backup(raw, source, data)
    if backup.full:  # restored here: not "left for import-plan", as the web import says
        note = lanu_json.backup_note(len(backup.rounds), len(backup.memberships))
        data.report = [line for line in data.report if line != note]
    return backup


def restore_plan(data: PlanData, backup: Backup, slug: str = "", choices=None) -> Restored:
    with transaction.atomic():
        plan = save_plan(data, slug, choices)
        restored = Restored(plan)
        if backup.full:
            people = find_people(backup.people, restored.report)
            targets = Targets(plan, data)
            levels = StatusLevel.objects.bulk_create(
                StatusLevel(plan=plan, **level) for level in backup.levels
            )
            targets.levels = {level.order: level for level in levels}
            archive_metrics(backup.archived_metrics, targets)
            restore_events(plan, backup.events)  # before the rounds, which then add none
            for round_ in backup.rounds:
                restore_round(plan, round_, targets, people)
            restore_memberships(plan, backup.memberships, targets, people)
            restore_indicators(plan, backup.indicators)
            forms = restore_feedback_forms(
                plan, backup.feedback_forms, targets, people, restored.report
            )
            restore_assessments(plan, backup.assessments, targets, people, forms)
            restored.report.insert(0, backup.summary())
            if backup.indicators.links:
                restored.report.insert(1, backup.indicators.summary())
    return restored


def find_people(people: list[dict], report: list[str]) -> dict:
    """username in the file -> the account: found by username, by e-mail, or created."""
    accounts = get_user_model().objects
    found, created = {}, []
    for person in people:
        user = accounts.filter(username=person["username"]).first()
        if user is None and person["email"]:
            user = accounts.filter(email__iexact=person["email"]).order_by("pk").first()
        if user is None:
            user = create_invited(person["email"], username=person["username"])
            created.append(person["username"])
        found[person["username"]] = user
    if created:
        message = _(
            "New accounts without a password (they choose one through “Forgot your password?”): %s"
        )
        report.append(message % ", ".join(created))
    return found


class Targets:
    """What the file's references point at in the restored plan: 4 queries."""

    def __init__(self, plan: Plan, data: PlanData):
        self.actions = list(plan.actions.order_by("order", "id"))  # position = order
        self.metrics: dict[int, list[Metric]] = {}
        for metric in Metric.objects.filter(action__plan=plan).order_by("order", "id"):
            self.metrics.setdefault(metric.action_id, []).append(metric)
        subgoals = SubGoal.objects.filter(goal__plan=plan).select_related("goal")
        self.subgoals = {subgoal.key: subgoal for subgoal in subgoals}
        participations = plan.participations.select_related("organisation").order_by("order")
        self.organisations = {
            item.name: participation.organisation
            for item, participation in zip(data.organisations, participations, strict=True)
        }
        self.levels: dict[int | None, StatusLevel] = {}  # None, a report's no status: none

    def organisation(self, name):
        return self.organisations[name] if name else None

    def metric(self, action: int, position: int) -> Metric:
        return self.metrics[self.actions[action].pk][position]


def restore_round(plan: Plan, item: RoundData, targets: Targets, people: dict) -> None:
    round_ = FollowUpRound.objects.create(
        plan=plan, closed_by=people.get(item.closed_by), **item.fields
    )
    reports = ActionReport.objects.bulk_create(
        ActionReport(
            round=round_,
            action=targets.actions[report.action],
            status=targets.levels.get(report.status),
            updated_by=people.get(report.updated_by),
            **report.fields,
        )
        for report in item.reports
    )
    keep_times(reports, [report.fields["updated_at"] for report in item.reports], "updated_at")
    MetricValue.objects.bulk_create(
        MetricValue(report=row, metric=targets.metric(report.action, position), **fields)
        for row, report in zip(reports, item.reports, strict=True)
        for position, fields in report.values
    )
    restore_submissions(round_, item.submissions, targets, people)
    restore_texts(round_, item, targets)
    restore_reminders(round_, item.reminders, targets, people)
    restore_members(round_, item, targets)


def archive_metrics(archived: list[tuple[int, int]], targets: Targets) -> None:
    """The metrics kept only for their reported values (plans/metrics.py)."""
    ids = [targets.metric(action, position).pk for action, position in archived]
    Metric.objects.filter(pk__in=ids).update(archived=True)


def restore_members(round_, item: RoundData, targets: Targets) -> None:
    """A closed round's actions as they were when it closed; a file without them (written
    before closed rounds kept them) gets them as closing the round now would."""
    if item.members is None:
        if round_.is_closed:
            take_snapshot(round_)
        return
    RoundAction.objects.bulk_create(
        RoundAction(
            round=round_,
            action=targets.actions[member["action"]],
            organisation=targets.organisation(member["organisation"]),
            subgoals=[targets.subgoals[key].pk for key in member["subgoals"]],
        )
        for member in item.members
    )
    round_.subgoals_at_closing = [targets.subgoals[key].pk for key in item.subgoals_at_closing]
    round_.save(update_fields=["subgoals_at_closing"])


def restore_submissions(round_, submissions: list[dict], targets: Targets, people: dict) -> None:
    rows = Submission.objects.bulk_create(
        Submission(
            round=round_,
            organisation=targets.organisation(item["organisation"]),
            submitted_by=people.get(item["submitted_by"]),
        )
        for item in submissions
    )
    keep_times(rows, [item["submitted_at"] for item in submissions], "submitted_at")


def restore_reminders(round_, reminders: list[dict], targets: Targets, people: dict) -> None:
    rows = ReminderSent.objects.bulk_create(
        ReminderSent(
            round=round_,
            organisation=targets.organisation(item["organisation"]),
            recipient=people.get(item["recipient"]),
            sent_by=people.get(item["sent_by"]),
            **{name: item[name] for name in ("email", "sent_on", "with_password_link")},
        )
        for item in reminders
    )
    keep_times(rows, [item["sent_at"] for item in reminders], "sent_at")


def restore_texts(round_, item: RoundData, targets: Targets) -> None:
    """Added priorities and joint highlights, in the file's order within each sub-goal."""
    AddedPriority.objects.bulk_create(
        AddedPriority(
            round=round_,
            subgoal=targets.subgoals[priority["subgoal"]],
            organisation=targets.organisation(priority["organisation"]),
            prefix=priority["prefix"],
            text=priority["text"],
            order=order,
        )
        for order, priority in enumerate(item.priorities)
    )
    JointHighlight.objects.bulk_create(
        JointHighlight(
            round=round_,
            subgoal=targets.subgoals[highlight["subgoal"]],
            text=highlight["text"],
            order=order,
        )
        for order, highlight in enumerate(item.highlights)
    )


def restore_memberships(plan: Plan, memberships, targets: Targets, people: dict) -> None:
    for item in memberships:
        organisation = targets.organisation(item["organisation"])
        add_member(plan, people[item["person"]], item["role"], organisation, by=None)

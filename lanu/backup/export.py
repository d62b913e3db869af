"""The full export of a plan, for its coordinators: everything, so that it restores exactly.

The plan part is the public "lanu-plan/1" document with archived goals, sub-goals
and actions added and flagged; then the status scale, every round with its
reports, values, submissions, added priorities, joint highlights and reminders sent, the people
those name, and the plan's memberships. A closed round also carries its
"members" (each action as it took part in the round when it closed: organisation
and sub-goals) and "subgoals_at_closing"; "archived_metrics" names the metrics
kept only for their reported values; "plan_indicators" and "indicator_areas" hold
the plan's indicators, their values and areas (lanu/backup/indicators.py); "events"
the plan's vuosikello (lanu/backup/yearclock.py); "feedback_forms" its feedback forms
and hearings with their anonymous responses, "assessments" its child impact
assessments (lanu/backup/voice.py). Reports
name their action by its position in "actions", values their metric by its position
in the action, statuses by the level's order. A fixed number of queries however large the plan.
"""

from lanu.accounts.models import Membership
from lanu.followup.models import (
    ActionReport,
    AddedPriority,
    JointHighlight,
    MetricValue,
    ReminderSent,
    RoundAction,
    Submission,
)
from lanu.plans.export import every_action, every_goal, plan_document
from lanu.plans.exporters import PlanJson
from lanu.plans.models import Plan, SubGoal

from .indicators import indicator_areas_of, plan_indicators_of
from .reading import LEVEL_FIELDS
from .voice import assessments_of, feedback_forms_of
from .yearclock import events_of


def export_backup(plan: Plan) -> dict:
    actions = every_action(plan)
    document = plan_document(plan, every_goal(plan), actions, flagged=True)
    people = People()
    document["archived_metrics"] = archived_metrics(actions)
    document["status_levels"] = [level_dict(level) for level in plan.status_levels.all()]
    positions = Positions(actions)
    document["rounds"] = rounds_of(plan, positions, people)
    document["memberships"] = memberships_of(plan, people)
    document["plan_indicators"] = plan_indicators_of(plan)
    document["indicator_areas"] = indicator_areas_of(plan)
    document["events"] = events_of(plan)
    document["feedback_forms"] = feedback_forms_of(plan, positions, people)
    document["assessments"] = assessments_of(plan, positions, people)
    document["people"] = people.as_list()
    return document


class Positions:
    """Where each action stands in the document's "actions", and each metric in its action."""

    def __init__(self, actions) -> None:
        self.actions = {action.pk: n for n, action in enumerate(actions)}
        self.metrics = {
            metric.pk: n for action in actions for n, metric in enumerate(action.metric_list)
        }
        self.subgoals: dict[int, str] = {}  # sub-goal id -> key, filled by rounds_of()
        self.forms: dict[int, int] = {}  # feedback form id -> position, by feedback_forms_of()


class People:
    """Everyone the document names by username, with their e-mail, in the order met."""

    def __init__(self):
        self.found = {}

    def name(self, user) -> str | None:
        if user is None:
            return None
        self.found.setdefault(user.username, user.email)
        return user.username

    def as_list(self) -> list[dict]:
        return [{"username": name, "email": email} for name, email in sorted(self.found.items())]


def level_dict(level) -> dict:
    return {name: getattr(level, name) for name in LEVEL_FIELDS}


def moment(value) -> str | None:
    return value.isoformat() if value else None


def archived_metrics(actions) -> list[dict]:
    """Each archived metric by its action's position and its own in the action."""
    return [
        {"action": n, "metric": position}
        for n, action in enumerate(actions)
        for position, metric in enumerate(action.metric_list)
        if metric.archived
    ]


def rounds_of(plan: Plan, positions: Positions, people: People) -> list[dict]:
    rounds = list(plan.rounds.select_related("closed_by").order_by("year"))
    subgoals = SubGoal.objects.filter(goal__plan=plan).select_related("goal")
    positions.subgoals = {subgoal.pk: subgoal.key for subgoal in subgoals}
    parts = {
        "members": members_of(plan, positions),
        "reports": reports_of(plan, positions, people),
        "submissions": submissions_of(plan, people),
        "priorities": priorities_of(plan),
        "highlights": highlights_of(plan),
        "reminders": reminders_of(plan, people),
    }
    return [
        {
            "year": round_.year,
            "opens_on": round_.opens_on.isoformat(),
            "closes_on": round_.closes_on.isoformat(),
            "state": round_.state,
            "closed_at": moment(round_.closed_at),
            "closed_by": people.name(round_.closed_by),
            "notes": round_.notes,
            "imported": round_.imported,
            "subgoals_at_closing": keys_of(round_.subgoals_at_closing, positions),
            **{key: found.get(round_.pk, []) for key, found in parts.items()},
        }
        for round_ in rounds
    ]


def keys_of(subgoal_ids, positions: Positions) -> list[str]:
    return [positions.subgoals[pk] for pk in subgoal_ids if pk in positions.subgoals]


def members_of(plan: Plan, positions: Positions) -> dict[int, list[dict]]:
    """The actions each closed round counts, as they were when it closed."""
    rows = RoundAction.objects.filter(round__plan=plan).select_related("organisation")
    found = [
        (
            member.round_id,
            {
                "action": positions.actions[member.action_id],
                "organisation": member.organisation.name,
                "subgoals": keys_of(member.subgoals, positions),
            },
        )
        for member in rows
    ]
    return grouped(sorted(found, key=lambda row: (row[0], row[1]["action"])))


def grouped(rows) -> dict[int, list[dict]]:
    grouped: dict[int, list[dict]] = {}
    for round_id, item in rows:
        grouped.setdefault(round_id, []).append(item)
    return grouped


def reports_of(plan: Plan, positions: Positions, people: People) -> dict[int, list[dict]]:
    reports = ActionReport.objects.filter(round__plan=plan).select_related("status", "updated_by")
    values = values_of(plan, positions)
    rows = [
        (
            report.round_id,
            {
                "action": positions.actions[report.action_id],
                "status": report.status.order if report.status else None,
                "account": report.account,
                "continuation": report.continuation,
                "updated_at": moment(report.updated_at),
                "updated_by": people.name(report.updated_by),
                "values": values.get(report.pk, []),
            },
        )
        for report in reports
    ]
    return grouped(sorted(rows, key=lambda row: (row[0], row[1]["action"])))


def values_of(plan: Plan, positions: Positions) -> dict[int, list[dict]]:
    rows = MetricValue.objects.filter(report__round__plan=plan)
    found = [
        (value.report_id, {"metric": positions.metrics[value.metric_id]} | value_fields(value))
        for value in rows.only("report_id", "metric_id", "value", "text")
    ]
    return grouped(sorted(found, key=lambda row: (row[0], row[1]["metric"])))


def value_fields(value: MetricValue) -> dict:
    """A number or yes/no (1/0) as "value"; a text metric's answer as "text"."""
    if value.value is None:
        return {"value": None, "text": value.text}
    return {"value": str(value.value)}


def submissions_of(plan: Plan, people: People) -> dict[int, list[dict]]:
    rows = Submission.objects.filter(round__plan=plan).select_related("organisation")
    rows = rows.select_related("submitted_by").order_by("organisation__name")
    return grouped(
        (
            submission.round_id,
            {
                "organisation": submission.organisation.name,
                "submitted_at": moment(submission.submitted_at),
                "submitted_by": people.name(submission.submitted_by),
            },
        )
        for submission in rows
    )


def reminders_of(plan: Plan, people: People) -> dict[int, list[dict]]:
    rows = ReminderSent.objects.filter(round__plan=plan).select_related("organisation")
    rows = rows.select_related("recipient", "sent_by").order_by("round_id", "sent_at", "id")
    return grouped(
        (
            reminder.round_id,
            {
                "organisation": reminder.organisation.name,
                "recipient": people.name(reminder.recipient),
                "email": reminder.email,
                "sent_at": moment(reminder.sent_at),
                "sent_on": reminder.sent_on.isoformat(),
                "sent_by": people.name(reminder.sent_by),
                "with_password_link": reminder.with_password_link,
            },
        )
        for reminder in rows
    )


def in_subgoal_order(rows):
    return rows.select_related("subgoal__goal").order_by(
        "subgoal__goal__order", "subgoal__goal_id", "subgoal__order", "subgoal_id", "order", "id"
    )


def priorities_of(plan: Plan) -> dict[int, list[dict]]:
    rows = AddedPriority.objects.filter(round__plan=plan).select_related("organisation")
    return grouped(
        (
            priority.round_id,
            {
                "subgoal": priority.subgoal.key,
                "organisation": priority.organisation.name if priority.organisation else None,
                "prefix": priority.prefix,
                "text": priority.text,
            },
        )
        for priority in in_subgoal_order(rows)
    )


def highlights_of(plan: Plan) -> dict[int, list[dict]]:
    rows = in_subgoal_order(JointHighlight.objects.filter(round__plan=plan))
    return grouped(
        (highlight.round_id, {"subgoal": highlight.subgoal.key, "text": highlight.text})
        for highlight in rows
    )


def memberships_of(plan: Plan, people: People) -> list[dict]:
    rows = Membership.objects.filter(plan=plan).select_related("user", "organisation")
    items = [
        {
            "person": people.name(membership.user),
            "role": membership.role,
            "organisation": membership.organisation.name if membership.organisation else None,
        }
        for membership in rows
    ]
    return sorted(
        items, key=lambda item: (item["person"], item["role"], item["organisation"] or "")
    )


class FullJson(PlanJson):
    """The full export as an exporter (lanu/lib/exporters.py): built whole, then streamed."""

    def __init__(self, indent: int | None = None):
        super().__init__(public=False, indent=indent)

    def document(self, plan: Plan) -> dict:
        return export_backup(plan)

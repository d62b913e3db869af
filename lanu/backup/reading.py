"""Reading a full export's follow-up and people part: checked, touching no database.

The plan part is read by lanu/importers/lanu_json.py as any plan file; this
reads what only a full export has ("status_levels", "rounds", "memberships",
"people") against that plan part: reports name an action by its position,
values a metric by its position in the action, statuses a level's order,
everything else an organisation's name, a sub-goal's key or a person's username.
Every problem is collected with where it is, then refused together.
"""

import json
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from lanu.accounts.models import Membership
from lanu.followup.models import (
    ActionReport,
    AddedPriority,
    FollowUpRound,
    JointHighlight,
    MetricValue,
    ReminderSent,
    StatusLevel,
    Submission,
)
from lanu.followup.rounds import shaped_as_imported
from lanu.importers import decode, files, lanu_json
from lanu.importers.data import ImportRefused, PlanData

from .checks import Checker
from .indicators import IndicatorsData, read_indicators
from .voice import read_assessments, read_feedback_forms
from .yearclock import read_events

KEYS = (
    "status_levels",
    "rounds",
    "memberships",
    "people",
    "archived_metrics",
    "plan_indicators",
    "indicator_areas",
    "events",
    "feedback_forms",
    "assessments",
)
LEVEL_FIELDS = (
    "order",
    "name",
    "description",
    "name_sv",
    "name_en",
    "description_sv",
    "description_en",
    "colour",
    "counts_as_progress",
)
ROUND_FIELDS = ("year", "opens_on", "closes_on", "state", "closed_at", "notes", "imported")
REMINDER_FIELDS = ("email", "sent_at", "sent_on", "with_password_link")


@dataclass
class ReportData:
    action: int
    status: int | None  # the level's order
    updated_by: str | None
    fields: dict  # account, continuation, updated_at
    values: list[tuple[int, dict]] = field(default_factory=list)  # (metric position, fields)


@dataclass
class RoundData:
    fields: dict  # ROUND_FIELDS
    closed_by: str | None
    reports: list[ReportData] = field(default_factory=list)
    submissions: list[dict] = field(default_factory=list)  # organisation, submitted_at, by
    priorities: list[dict] = field(default_factory=list)  # subgoal, organisation, prefix, text
    highlights: list[dict] = field(default_factory=list)  # subgoal, text
    reminders: list[dict] = field(default_factory=list)  # organisation, people, REMINDER_FIELDS
    members: list[dict] | None = None  # action, organisation, subgoals; None: not in the file
    subgoals_at_closing: list[str] = field(default_factory=list)


@dataclass
class Backup:
    """The part of a full export beyond the plan; empty for any other plan file."""

    full: bool = False
    people: list[dict] = field(default_factory=list)  # username, email
    levels: list[dict] = field(default_factory=list)  # LEVEL_FIELDS
    rounds: list[RoundData] = field(default_factory=list)
    memberships: list[dict] = field(default_factory=list)  # person, role, organisation
    archived_metrics: list[tuple[int, int]] = field(default_factory=list)  # action, metric
    indicators: IndicatorsData = field(default_factory=IndicatorsData)
    events: list[dict] | None = None  # the vuosikello; None: a file from before events
    feedback_forms: list[dict] | None = None  # forms and hearings; None: none in the file
    assessments: list[dict] | None = None  # child impact assessments; None: none in the file

    def summary(self) -> str:
        """How much the file restores beyond the plan, for the import report."""
        counts = {
            "levels": len(self.levels),
            "rounds": len(self.rounds),
            "reports": sum(len(r.reports) for r in self.rounds),
            "values": sum(len(report.values) for r in self.rounds for report in r.reports),
            "submissions": sum(len(r.submissions) for r in self.rounds),
            "memberships": len(self.memberships),
        }
        return (
            _(
                "Follow-up and people: %(levels)d status levels, %(rounds)d rounds with "
                "%(reports)d reports, %(values)d values and %(submissions)d submissions, "
                "and %(memberships)d memberships."
            )
            % counts
        )


def full_document(raw: bytes, source: str) -> dict | None:
    """The JSON document, if the file is a full export (read already as a plan)."""
    if files.file_type(raw, source):
        return None
    text = decode(raw, source)
    if not lanu_json.detect(text):
        return None
    document = json.loads(text)
    return document if any(key in document for key in KEYS) else None


def read_backup(raw: bytes, source: str, data: PlanData) -> Backup:
    """The follow-up and people of a full export whose plan part is `data`."""
    document = full_document(raw, source)
    if document is None:
        return Backup()
    check = Checker(source)
    known = Known(data)
    backup = Backup(full=True, people=read_people(check, document))
    known.people = {person["username"] for person in backup.people}
    backup.levels = read_levels(check, document)
    known.levels = {level["order"] for level in backup.levels}
    backup.rounds = [
        read_round(check, item, where, known) for where, item in check.items(document, "rounds")
    ]
    check.unique([r.fields["year"] for r in backup.rounds], "rounds")
    backup.memberships = read_memberships(check, document, known)
    backup.archived_metrics = read_archived_metrics(check, document, known)
    texts = range(len(data.indicators))
    backup.indicators = read_indicators(check, document, texts, known.subgoals)
    backup.events = read_events(check, document, known.organisations)
    backup.feedback_forms = read_feedback_forms(check, document, known)
    known.forms = range(len(backup.feedback_forms or []))
    backup.assessments = read_assessments(check, document, known)
    if check.problems:
        raise ImportRefused(check.problems)
    return backup


class Known:
    """What references in the document may point at."""

    def __init__(self, data: PlanData):
        self.metrics = {n: range(len(action.metrics)) for n, action in enumerate(data.actions)}
        self.organisations = {organisation.name for organisation in data.organisations}
        self.subgoals = set(data.subgoal_keys())
        self.people: set[str] = set()
        self.levels: set[int] = set()
        self.forms = range(0)  # positions in "feedback_forms"


def read_people(check: Checker, document: dict) -> list[dict]:
    user = get_user_model()
    people = [
        check.fields(user, item, ("username", "email"), where)
        for where, item in check.items(document, "people")
    ]
    check.unique([person["username"] for person in people], "people")
    return people


def read_levels(check: Checker, document: dict) -> list[dict]:
    items = check.items(document, "status_levels")
    levels = [check.fields(StatusLevel, item, LEVEL_FIELDS, where) for where, item in items]
    check.unique([level["order"] for level in levels], "status_levels")
    return levels


def read_round(check: Checker, item: dict, where: str, known: Known) -> RoundData:
    round_ = RoundData(
        fields=check.fields(FollowUpRound, item, ROUND_FIELDS, where),
        closed_by=check.reference(item.get("closed_by"), known.people, f"{where}.closed_by", True),
    )
    reports = check.items(item, "reports", where)
    round_.reports = [read_report(check, report, at, known) for at, report in reports]
    check.unique([report.action for report in round_.reports], f"{where}.reports")
    round_.submissions = read_submissions(check, item, where, known)
    round_.priorities = [
        read_priority(check, priority, at, known)
        for at, priority in check.items(item, "priorities", where)
    ]
    round_.highlights = [
        {
            "subgoal": check.reference(highlight.get("subgoal"), known.subgoals, f"{at}.subgoal"),
            **check.fields(JointHighlight, highlight, ("text",), at),
        }
        for at, highlight in check.items(item, "highlights", where)
    ]
    round_.reminders = [
        read_reminder(check, reminder, at, known)
        for at, reminder in check.items(item, "reminders", where)
    ]
    read_members(check, item, where, known, round_)
    if "imported" not in item:  # a file from before rounds said so
        round_.fields["imported"] = looks_imported(round_)
    return round_


def looks_imported(round_: RoundData) -> bool:
    fields = round_.fields  # a field the file lacks is reported by the checker already
    year = fields.get("year")
    if fields.get("state") != "closed" or not isinstance(year, int):
        return False
    return shaped_as_imported(
        year,
        fields.get("opens_on"),
        fields.get("closes_on"),
        round_.closed_by,
        bool(round_.reports or round_.submissions),
    )


def read_reminder(check: Checker, item: dict, where: str, known: Known) -> dict:
    """A reminder sent; files written before reminders were kept have none."""
    return {
        "organisation": check.reference(
            item.get("organisation"), known.organisations, f"{where}.organisation"
        ),
        "recipient": check.reference(
            item.get("recipient"), known.people, f"{where}.recipient", True
        ),
        "sent_by": check.reference(item.get("sent_by"), known.people, f"{where}.sent_by", True),
        **check.fields(ReminderSent, item, REMINDER_FIELDS, where),
    }


def read_members(check: Checker, item: dict, where: str, known: Known, round_) -> None:
    """A closed round's actions as they were when it closed (files before them have none)."""
    round_.subgoals_at_closing = subgoal_keys(
        check, item.get("subgoals_at_closing", []), known, f"{where}.subgoals_at_closing"
    )
    if "members" not in item:
        return
    round_.members = [
        {
            "action": check.reference(member.get("action"), known.metrics, f"{at}.action"),
            "organisation": check.reference(
                member.get("organisation"), known.organisations, f"{at}.organisation"
            ),
            "subgoals": subgoal_keys(check, member.get("subgoals", []), known, f"{at}.subgoals"),
        }
        for at, member in check.items(item, "members", where)
    ]
    check.unique([member["action"] for member in round_.members], f"{where}.members")


def subgoal_keys(check: Checker, raw, known: Known, where: str) -> list[str]:
    if not isinstance(raw, list):
        check.problem(where, _("expected a list"))
        return []
    return [check.reference(key, known.subgoals, f"{where}[{n}]") for n, key in enumerate(raw)]


def read_archived_metrics(check: Checker, document: dict, known: Known) -> list[tuple[int, int]]:
    found = []
    for where, item in check.items(document, "archived_metrics"):
        action = check.reference(item.get("action"), known.metrics, f"{where}.action")
        metrics = known.metrics.get(action, range(0))
        found.append((action, check.reference(item.get("metric"), metrics, f"{where}.metric")))
    return found


def read_report(check: Checker, item: dict, where: str, known: Known) -> ReportData:
    action = check.reference(item.get("action"), known.metrics, f"{where}.action")
    report = ReportData(
        action=action,
        status=check.reference(item.get("status"), known.levels, f"{where}.status", True),
        updated_by=check.reference(
            item.get("updated_by"), known.people, f"{where}.updated_by", True
        ),
        fields=check.fields(ActionReport, item, ("account", "continuation", "updated_at"), where),
    )
    metrics = known.metrics.get(action, range(0))
    for at, value in check.items(item, "values", where):
        fields = check.fields(MetricValue, value, ("value", "text"), at)
        metric = check.reference(value.get("metric"), metrics, f"{at}.metric")
        report.values.append((metric, fields))
    check.unique([metric for metric, _fields in report.values], f"{where}.values")
    return report


def read_submissions(check: Checker, item: dict, where: str, known: Known) -> list[dict]:
    submissions = [
        {
            "organisation": check.reference(
                submission.get("organisation"), known.organisations, f"{at}.organisation"
            ),
            "submitted_by": check.reference(
                submission.get("submitted_by"), known.people, f"{at}.submitted_by", True
            ),
            **check.fields(Submission, submission, ("submitted_at",), at),
        }
        for at, submission in check.items(item, "submissions", where)
    ]
    check.unique([s["organisation"] for s in submissions], f"{where}.submissions")
    return submissions


def read_priority(check: Checker, item: dict, where: str, known: Known) -> dict:
    return {
        "subgoal": check.reference(item.get("subgoal"), known.subgoals, f"{where}.subgoal"),
        "organisation": check.reference(
            item.get("organisation"), known.organisations, f"{where}.organisation", True
        ),
        **check.fields(AddedPriority, item, ("prefix", "text"), where),
    }


def read_memberships(check: Checker, document: dict, known: Known) -> list[dict]:
    memberships = []
    for where, item in check.items(document, "memberships"):
        membership = {
            "person": check.reference(item.get("person"), known.people, f"{where}.person"),
            "organisation": check.reference(
                item.get("organisation"), known.organisations, f"{where}.organisation", True
            ),
            **check.fields(Membership, item, ("role",), where),
        }
        if membership["role"] == Membership.Role.EDITOR and not membership["organisation"]:
            check.problem(f"{where}.organisation", _("an editor edits one organisation's actions"))
        memberships.append(membership)
    keys = [(m["person"], m["role"], m["organisation"]) for m in memberships]
    check.unique(keys, "memberships")
    return memberships

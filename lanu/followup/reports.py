"""Saving what organisations report in a round, without lost updates and never into a closed round.

Every save runs in one transaction that first takes a shared lock on the round's
row and checks that the round is still open (rounds.check_open): closing a round
waits for the saves under way, and a save after the close is refused with
RoundClosed. An
action's report is one row per round (get_or_create), saved with a
compare-and-set on its version as plans/editing.py does, so of two people
saving the same report the second gets a Conflict instead of overwriting.
Added priorities and joint highlights have no version: their form remembers a
digest of the texts it was loaded with, and a save finding other texts is
refused with TextsChanged.
"""

import hashlib
import json
from collections import Counter, defaultdict

from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Exists, OuterRef, Q

from lanu.history.models import Change
from lanu.history.records import record
from lanu.lib.text import normal_text
from lanu.plans.editing import claim, undo_if_unchanged
from lanu.plans.models import Metric

from .models import (
    TOLD,
    ActionReport,
    AddedPriority,
    FollowUpRound,
    JointHighlight,
    MetricValue,
    RoundAction,
    Submission,
)
from .rounds import RoundClosed, check_open, open_round
from .scales import SCALES, set_scale


class YearTaken(Exception):
    """The plan already has a round for this year."""


class ScaleInUse(Exception):
    """Some report uses the plan's status scale: it can no longer change."""


class TextsChanged(Exception):
    """Someone saved the texts after the form was loaded; `current` are theirs."""

    def __init__(self, current: dict[int, list[str]]):
        super().__init__("texts changed meanwhile")
        self.current = current


def lock_open(round_: FollowUpRound) -> None:
    """In a transaction: wait for a close of the round under way, then check it is open.

    On PostgreSQL saves share the round row's lock (FOR SHARE), so they run side by
    side, while closing (an UPDATE of the row) waits for them and they for it. SQLite
    begins every write transaction IMMEDIATE, so its saves and closes queue anyway.
    """
    if connection.vendor != "postgresql":
        check_open(round_)
        return
    table = connection.ops.quote_name(FollowUpRound._meta.db_table)
    with connection.cursor() as cursor:  # the lock and the state in one query
        query = f"SELECT state FROM {table} WHERE id = %s FOR SHARE"  # noqa: S608 - name quoted
        cursor.execute(query, [round_.pk])
        row = cursor.fetchone()
    if row is None or row[0] != FollowUpRound.State.OPEN:
        raise RoundClosed(round_)


def start_round(plan, year: int, opens_on, closes_on, scale: str = "") -> FollowUpRound:
    """Open the year's round, first switching to a preset scale if one was chosen."""
    try:
        with transaction.atomic():
            if scale in SCALES:
                change_scale(plan, SCALES[scale])
            return open_round(plan, year, opens_on, closes_on)
    except IntegrityError as error:
        if FollowUpRound.objects.filter(plan=plan, year=year).exists():
            raise YearTaken from error
        raise


def scale_in_use(plan) -> bool:
    return ActionReport.objects.filter(round__plan=plan, status__isnull=False).exists()


def change_scale(plan, levels) -> None:
    """Replace the plan's status scale, unless a report already uses it."""
    with transaction.atomic():
        list(plan.status_levels.select_for_update())
        if scale_in_use(plan):
            raise ScaleInUse
        set_scale(plan, levels)


def save_report(form, round_, action, user) -> ActionReport:
    """Save the form of one action's report: created on the first save, then compare-and-set."""
    loaded = form.cleaned_data.get("version") or 0
    with transaction.atomic():
        lock_open(round_)
        report, _ = ActionReport.objects.select_related("status").get_or_create(
            round=round_, action=action, defaults={"version": 0, "updated_by": user}
        )
        report.round, report.action = round_, action  # known already: no query for the history
        before = form.snapshot(report) if report.version else {}
        claim(ActionReport, report.pk, loaded)
        report = fill(report, form.cleaned_data, loaded + 1, user)
        save_values(report, form.metric_values())
        kind = Change.Kind.CHANGED if loaded else Change.Kind.CREATED
        undone = undo_if_unchanged(
            record(user, report, kind, round_.plan, before, form.snapshot(report))
        )
    if undone:
        report.refresh_from_db()
    return report


def fill(report: ActionReport, data: dict, version: int, user) -> ActionReport:
    for name in ("status", "account", "continuation"):
        setattr(report, name, data[name])
    report.version = version
    report.updated_by = user
    report.save()
    return report


def save_values(report: ActionReport, values: dict) -> None:
    """The metrics' values (MetricValue fields per metric id): a blank one removes the value."""
    blank = [pk for pk, fields in values.items() if fields is None]
    report.values.filter(metric_id__in=blank).delete()
    for metric_id, fields in values.items():
        if fields is not None:
            MetricValue.objects.update_or_create(
                report=report, metric_id=metric_id, defaults=fields
            )


def report_metrics(action, report: ActionReport):
    """The action's live metrics, then archived ones the report has a value for."""
    valued = MetricValue.objects.filter(report_id=report.pk).values("metric_id")
    metrics = action.metrics.filter(Q(archived=False) | Q(pk__in=valued))
    return metrics.order_by("archived", "order", "pk")


def metrics_by_action(actions, found: dict[int, ActionReport]) -> dict[int, list]:
    """report_metrics() of many actions in one query; `found` (reports_of()) has its values
    prefetched, so that the archived metrics with a value are known without asking."""
    valued = {value.metric_id for report in found.values() for value in report.values.all()}
    metrics = Metric.objects.filter(action_id__in=[action.pk for action in actions])
    metrics = metrics.filter(Q(archived=False) | Q(pk__in=valued))
    by_action: dict[int, list] = defaultdict(list)
    for metric in metrics.order_by("archived", "order", "pk"):
        by_action[metric.action_id].append(metric)
    return by_action


def reports_of(round_, organisation) -> dict[int, ActionReport]:
    """The round's reports of the organisation's actions by action, in one query.

    In a closed round, of the actions the organisation had when the round closed.
    """
    reports = round_.reports.filter(action__organisation=organisation)
    if round_.is_closed:
        members = round_.members.filter(organisation=organisation).values("action_id")
        reports = round_.reports.filter(action__in=members)
    reports = reports.select_related("status", "updated_by")
    return {report.action_id: report for report in reports}


def submit(round_, organisation, user) -> tuple[Submission, bool]:
    """The organisation's whole report as submitted; submitting twice keeps the first."""
    with transaction.atomic():
        lock_open(round_)
        return Submission.objects.get_or_create(
            round=round_, organisation=organisation, defaults={"submitted_by": user}
        )


def tells_something(report) -> bool:
    """Whether a report reports something (models.TOLD, for a report already read)."""
    return report is not None and (report.status_id is not None or report.account != "")


def organisation_progress(round_) -> dict[int, dict]:
    """Per organisation: its actions, how many have a report, and its submission; 3 queries.

    A closed round counts its actions as they were at closing (RoundAction).
    """
    if round_.is_closed:
        actions, done = closed_progress(round_)
    else:
        actions, done = open_progress(round_)
    submissions = {s.organisation_id: s for s in round_.submissions.select_related("submitted_by")}
    return {
        org: {"actions": actions[org], "reported": done[org], "submission": submissions.get(org)}
        for org in set(actions) | set(submissions)
    }


def open_progress(round_) -> tuple[Counter, Counter]:
    live = round_.plan.actions.filter(archived=False)
    actions = Counter(dict(live.values_list("organisation_id").annotate(n=Count("id"))))
    reported = round_.reports.filter(action__archived=False).filter(TOLD)
    done = Counter(dict(reported.values_list("action__organisation_id").annotate(n=Count("id"))))
    return actions, done


def closed_progress(round_) -> tuple[Counter, Counter]:
    members = RoundAction.objects.filter(round=round_)
    actions = Counter(dict(members.values_list("organisation_id").annotate(n=Count("id"))))
    told = ActionReport.objects.filter(TOLD, round=round_, action=OuterRef("action"))
    reported = members.filter(Exists(told))
    done = Counter(dict(reported.values_list("organisation_id").annotate(n=Count("id"))))
    return actions, done


# Added priorities (per organisation) and joint highlights (the coordinator's), per sub-goal.


def priority_texts(round_, organisation) -> dict[int, list[str]]:
    rows = AddedPriority.objects.filter(round=round_, organisation=organisation)
    return texts_of(rows)


def highlight_texts(round_) -> dict[int, list[str]]:
    return texts_of(JointHighlight.objects.filter(round=round_))


def texts_of(rows) -> dict[int, list[str]]:
    texts: dict[int, list[str]] = {}
    for subgoal_id, text in rows.order_by("subgoal_id", "order", "pk").values_list(
        "subgoal_id", "text"
    ):
        texts.setdefault(subgoal_id, []).append(text)
    return texts


def digest(texts: dict[int, list[str]]) -> str:
    """A short fingerprint of the texts, for the form to remember what it was loaded with."""
    data = json.dumps({str(k): v for k, v in sorted(texts.items()) if v}, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()[:32]


def same_texts(current: dict, texts: dict) -> bool:
    """Whether the texts are those stored, compared as normal_text(): an untouched form
    saved again replaces no rows."""
    stored = {key: [normal_text(text) for text in value] for key, value in current.items()}
    return stored == {key: value for key, value in texts.items() if value}


def save_priorities(round_, organisation, texts: dict, loaded: str) -> None:
    rows = AddedPriority.objects.filter(round=round_, organisation=organisation)
    prefix = organisation.short_name or organisation.name

    def make(**fields):
        return AddedPriority(organisation=organisation, prefix=prefix, **fields)

    replace_texts(round_, rows, texts, loaded, make)


def save_highlights(round_, texts: dict, loaded: str) -> None:
    rows = JointHighlight.objects.filter(round=round_)
    replace_texts(round_, rows, texts, loaded, JointHighlight)


def replace_texts(round_, rows, texts: dict, loaded: str, make) -> None:
    """Replace the texts of the rows, if nobody changed them since the form was loaded."""
    with transaction.atomic():
        lock_open(round_)
        current = texts_of(rows)
        if digest(current) != loaded:
            raise TextsChanged(current)
        if same_texts(current, texts):
            return
        rows.delete()
        rows.model.objects.bulk_create(
            make(round=round_, subgoal_id=subgoal_id, text=text, order=order)
            for subgoal_id, paragraphs in texts.items()
            for order, text in enumerate(paragraphs)
        )

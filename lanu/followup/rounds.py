"""Opening and closing a follow-up round."""

from datetime import date

from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from lanu.plans.models import Action, SubGoal

from .models import TOLD, ActionReport, FollowUpRound, RoundAction
from .scales import status_levels


class RoundClosed(Exception):
    """The round is closed: its reports can no longer change."""

    def __init__(self, round_):
        super().__init__(
            _("The follow-up round %(year)s is closed: reports can no longer be saved.")
            % {"year": round_.year}
        )
        self.round = round_


def open_round(plan, year: int, opens_on: date, closes_on: date) -> FollowUpRound:
    """A new round for the year, with the plan's status scale (Lanu's default if none)."""
    with transaction.atomic():
        status_levels(plan)
        return FollowUpRound.objects.create(
            plan=plan, year=year, opens_on=opens_on, closes_on=closes_on
        )


def close_round(round_: FollowUpRound, user=None) -> FollowUpRound:
    """Freeze the round: from now on it is what reports use, and nothing in it changes.

    Its actions, their organisations and sub-goals are written down as they are now
    (take_snapshot), and the closed round's pages count those, not the live plan.
    """
    with transaction.atomic():
        closed = FollowUpRound.objects.filter(pk=round_.pk, state=FollowUpRound.State.OPEN)
        if closed.update(
            state=FollowUpRound.State.CLOSED, closed_at=timezone.now(), closed_by=user
        ):
            take_snapshot(round_)
    round_.refresh_from_db()
    return round_


def close_due_rounds(today: date) -> list[FollowUpRound]:
    """Close every open round whose closing date has passed, as the coordinator's close does.

    Run daily from cron (`python -m lanu close-due-rounds`), so a round closes (and its
    snapshot is taken) even when nobody remembers to; closed by nobody in particular.
    """
    due = FollowUpRound.objects.filter(state=FollowUpRound.State.OPEN, closes_on__lt=today)
    closed = [close_round(round_) for round_ in due.select_related("plan").order_by("closes_on")]
    return [round_ for round_ in closed if round_.is_closed]


def take_snapshot(round_: FollowUpRound) -> None:
    """Write down the round's actions: the plan's live ones and any reported in the round."""
    plan_id = round_.plan_id
    live = SubGoal.objects.filter(goal__plan_id=plan_id, archived=False, goal__archived=False)
    subgoal_ids = list(live.order_by("goal__order", "order", "pk").values_list("pk", flat=True))
    told = ActionReport.objects.filter(round=round_, action=OuterRef("pk"))
    told = told.filter(TOLD)
    actions = Action.objects.filter(plan_id=plan_id).filter(Q(archived=False) | Exists(told))
    links = Action.subgoals.through.objects.filter(action__in=actions, subgoal__in=subgoal_ids)
    served: dict[int, list[int]] = {}
    for action_id, subgoal_id in links.values_list("action_id", "subgoal_id"):
        served.setdefault(action_id, []).append(subgoal_id)
    RoundAction.objects.bulk_create(
        RoundAction(round=round_, action_id=pk, organisation_id=org, subgoals=served.get(pk, []))
        for pk, org in actions.values_list("pk", "organisation_id")
    )
    FollowUpRound.objects.filter(pk=round_.pk).update(subgoals_at_closing=subgoal_ids)


def shaped_as_imported(year: int, opens_on, closes_on, closed_by, told: bool) -> bool:
    """Whether a round from before `imported` was kept has the shape import-round writes:
    its whole calendar year, closed by nobody, nothing reported or submitted (a round run
    in Lanu opens after its year and is reported on). Migration 0007 applies the same rule
    to the rounds in the database; the backup reader to files written before."""
    whole_year = opens_on == date(year, 1, 1) and closes_on == date(year, 12, 31)
    return whole_year and closed_by is None and not told


def check_open(round_: FollowUpRound) -> None:
    """Raise RoundClosed unless the round (as it is in the database now) is open."""
    state = FollowUpRound.objects.filter(pk=round_.pk).values_list("state", flat=True).first()
    if state != FollowUpRound.State.OPEN:
        raise RoundClosed(round_)

"""Follow-up rounds for synthetic plans (importers/synthetic.py): query-count tests, benchmarks."""

from datetime import date

from lanu.plans.models import SubGoal

from .models import ActionReport, AddedPriority, FollowUpRound, JointHighlight, Submission
from .rounds import close_round, open_round


def build_rounds(plan, years=(2024, 2025)) -> list[FollowUpRound]:
    """A round a year, every one but the last closed; every action reported in each."""
    rounds = []
    for n, year in enumerate(years):
        round_ = open_round(plan, year, date(year + 1, 1, 15), date(year + 1, 3, 31))
        report_everything(round_, shift=n)
        if year != years[-1]:
            add_texts(round_)
            round_ = close_round(round_)
        rounds.append(round_)
    return rounds


def report_everything(round_, shift: int) -> None:
    """A report with a status for each action, the status moving on a level each year."""
    levels = list(round_.plan.status_levels.all())
    actions = round_.plan.actions.filter(archived=False).order_by("order", "id")
    ActionReport.objects.bulk_create(
        ActionReport(
            round=round_,
            action_id=pk,
            status=levels[(n + shift) % len(levels)] if n % 7 else None,
            account=f"Tehty {round_.year}",
        )
        for n, pk in enumerate(actions.values_list("pk", flat=True))
    )
    organisations = list(round_.plan.participations.values_list("organisation_id", flat=True))
    Submission.objects.bulk_create(
        Submission(round=round_, organisation_id=pk) for pk in organisations[::2]
    )


def add_texts(round_) -> None:
    """A joint highlight and an added priority in each sub-goal."""
    subgoals = SubGoal.objects.filter(goal__plan=round_.plan).values_list("pk", flat=True)
    organisation = round_.plan.participations.first().organisation
    JointHighlight.objects.bulk_create(
        JointHighlight(round=round_, subgoal_id=pk, text="Yhteinen nosto") for pk in subgoals
    )
    AddedPriority.objects.bulk_create(
        AddedPriority(round=round_, subgoal_id=pk, organisation=organisation, text="Painopiste")
        for pk in subgoals
    )

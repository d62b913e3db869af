"""Opening and closing a follow-up round."""

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import FollowUpRound
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
    """Freeze the round: from now on it is what reports use, and nothing in it changes."""
    FollowUpRound.objects.filter(pk=round_.pk, state=FollowUpRound.State.OPEN).update(
        state=FollowUpRound.State.CLOSED, closed_at=timezone.now(), closed_by=user
    )
    round_.refresh_from_db()
    return round_


def check_open(round_: FollowUpRound) -> None:
    """Raise RoundClosed unless the round (as it is in the database now) is open."""
    state = FollowUpRound.objects.filter(pk=round_.pk).values_list("state", flat=True).first()
    if state != FollowUpRound.State.OPEN:
        raise RoundClosed(round_)

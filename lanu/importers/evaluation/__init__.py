"""A yearly evaluation of a plan (Kymenlaakso's 2023 evaluation, seed 000) as a closed round.

The document: a title, lists of highlights ("Kiteytettyjä nostoja ja huomioita"),
the colour legend of the status column, then per main goal ("PÄÄTAVOITE I: title")
tables with the columns välitavoite / Toimenpiteiden eteneminen / Lisättyjä
painopisteitä vuodelle -23/-24 / Yhteisen työn nostot, with or without a separate
number column. A main goal's table continues under a repeated header. Each row is
one sub-goal of the plan, matched by its number and name.

- Added priorities are split by their organisation prefix ("Kletu:", "HVA:",
  "Kotka, Hamina:", "HVA/ Tulsote :") and matched to the plan's organisations by
  `match_organisation()`. A prefix naming several organisations gives one
  AddedPriority to each (all with the prefix as written, so they can be told to
  come from one entry); a name no organisation has is kept as text (organisation
  None, prefix set) and reported.
- Joint highlights: one per paragraph or list item of the cell.
- Everything else (the text before the tables, the legend, a non-empty status
  cell) is kept in the round's notes. The status column is empty in the text
  version (its colours were lost): the report says so.

`read()` only reads the database (the plan's sub-goals, organisations and rounds);
`save()` writes the round, closed, in one transaction.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..data import ImportRefused, Problem
from .data import HighlightData, PriorityData, RoundData
from .organisations import ABBREVIATIONS, match_organisation
from .reading import HEADER, check_year, plan_reading, read_lines, summary

__all__ = ["ABBREVIATIONS", "HighlightData", "PriorityData", "RoundData", "match_organisation"]


def detect(text: str) -> bool:
    return any(HEADER.match(line) for line in text.splitlines())


def read(text: str, source: str, plan, year: int) -> RoundData:
    """Read and check the evaluation against the plan; raise ImportRefused with every problem."""
    reading = plan_reading(text, source, plan)
    if not detect(text):
        message = _(
            "This is not an evaluation document: no table with the columns "
            "välitavoite / Toimenpiteiden eteneminen / Lisättyjä painopisteitä / "
            "Yhteisen työn nostot was found."
        )
        raise ImportRefused([Problem(message, 1, None, source)])
    check_year(reading, plan, year)
    data = RoundData(plan_id=plan.pk, year=year, source=source)
    read_lines(reading, data)
    for key in [key for key in reading.subgoals if key not in reading.seen]:
        reading.report.append(_("Sub-goal %s is not in the document.") % key)
    if reading.problems:
        raise ImportRefused(reading.problems)
    data.notes = "\n\n".join(reading.notes)
    data.report = summary(reading, data) + reading.report
    return data


def save(data: RoundData):
    """Write the round, closed, with its priorities and highlights, in one transaction."""
    from lanu.followup.models import AddedPriority, FollowUpRound, JointHighlight
    from lanu.followup.rounds import close_round, open_round
    from lanu.plans.models import Plan

    plan = Plan.objects.get(pk=data.plan_id)
    try:
        with transaction.atomic():
            if FollowUpRound.objects.filter(plan=plan, year=data.year).exists():
                raise IntegrityError
            subgoals = subgoals_by_key(plan, data)
            round_ = open_round(plan, data.year, date(data.year, 1, 1), date(data.year, 12, 31))
            round_.notes, round_.imported = data.notes, True
            round_.save(update_fields=["notes", "imported"])
            AddedPriority.objects.bulk_create(
                AddedPriority(
                    round=round_,
                    subgoal=subgoals[item.subgoal],
                    organisation_id=item.organisation.pk if item.organisation else None,
                    prefix=item.prefix,
                    text=item.text,
                    order=n,
                )
                for n, item in enumerate(data.priorities)
            )
            JointHighlight.objects.bulk_create(
                JointHighlight(
                    round=round_, subgoal=subgoals[item.subgoal], text=item.text, order=n
                )
                for n, item in enumerate(data.highlights)
            )
            return close_round(round_)
    except IntegrityError:
        message = _("The plan has a follow-up round for %(year)s already.")
        raise ImportRefused([Problem(message % {"year": data.year})]) from None


def subgoals_by_key(plan, data: RoundData) -> dict:
    from lanu.plans.models import SubGoal

    found = {s.key: s for s in SubGoal.objects.filter(goal__plan=plan).select_related("goal")}
    keys = {p.subgoal for p in data.priorities} | {h.subgoal for h in data.highlights}
    missing = sorted(keys - found.keys())
    if missing:
        raise ImportRefused([Problem(_("The plan has no sub-goal %s.") % ", ".join(missing))])
    return found

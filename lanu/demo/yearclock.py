"""The Kymenlaakso demo's vuosikello (seed 001's annual calendar and monitoring schedule)
and a few of its actions rated on the ease × impact matrix.

Seed 001 has the plan's monitoring: the implementation yearly, the impact at the
mid-term evaluation 2022 and at the final one 2024; the reports go to the boards and
councils. The round's own deadlines come from its follow-up round (yearclock/rounds.py).
The dates are illustrative: the seeds name the steps, not their days.
"""

from datetime import date

from lanu.plans.models import Action, Organisation, Plan
from lanu.yearclock.models import Event

OWNER = "Kymsote"  # the welfare area, which coordinates the plan
R, D, M, S = Event.Kind.REPORT, Event.Kind.DEADLINE, Event.Kind.MEETING, Event.Kind.SURVEY
# title fi, sv, en; kind; whether the welfare area owns it; the recurrence's fields
DEMO_EVENTS = [
    (
        (
            "Vuosittainen toteutumisraportti",
            "Årlig rapport om genomförandet",
            "Yearly implementation report",
        ),
        R,
        True,
        {"recurrence": "day", "month": 3, "day": 31, "first_year": 2021, "last_year": 2025}
        | {"produces": "evaluation"},  # the previous year's round's evaluation
    ),
    (
        (
            "Organisaatioiden seurantatiedot koordinaattorille",
            "Organisationernas uppföljningsuppgifter till koordinatorn",
            "The organisations' follow-up to the coordinator",
        ),
        D,
        True,
        {
            "recurrence": "last_weekday",
            "month": 1,
            "weekday": 5,
            "first_year": 2021,
            "last_year": 2025,
        },
    ),
    (
        (
            "Väliarviointi: vaikuttavuus",
            "Halvtidsutvärdering: verkan",
            "Mid-term evaluation: impact",
        ),
        R,
        True,
        {"recurrence": "once", "on_date": date(2022, 9, 30)},
    ),
    (
        ("Loppuarviointi: vaikuttavuus", "Slututvärdering: verkan", "Final evaluation: impact"),
        R,
        True,
        {"recurrence": "once", "on_date": date(2024, 9, 30)},
    ),
    (
        (
            "Aluevaltuusto ja kunnanvaltuustot käsittelevät raportin",
            "Välfärdsområdesfullmäktige och kommunfullmäktige behandlar rapporten",
            "The councils receive the report",
        ),
        M,
        False,
        {
            "recurrence": "last_weekday",
            "month": 5,
            "weekday": 1,
            "first_year": 2021,
            "last_year": 2025,
        },
    ),
    (
        ("Kouluterveyskysely", "Hälsoenkäten Skolhälsoenkäten", "School Health Promotion study"),
        S,
        False,
        {
            "recurrence": "week",
            "week": 12,
            "weekday": 1,
            "days": 19,
            "every_years": 2,
            "first_year": 2021,
        },
    ),
    (
        (
            "Talousarvion valmistelu: suunnitelman painopisteet",
            "Budgetberedning: planens fokusområden",
            "Budget preparation: the plan's priorities",
        ),
        D,
        True,
        {"recurrence": "day", "month": 8, "day": 31},
    ),
    (
        (
            "Hyvinvointisuunnitelman verkostokokous",
            "Planens nätverksmöte",
            "Network meeting of the plan",
        ),
        M,
        False,
        {"recurrence": "week", "week": 41, "weekday": 2},
    ),
]
# (ease, impact) for the plan's first actions in order: some in each field of the matrix
DEMO_RATINGS = [("easy", "high"), ("hard", "high"), ("easy", "low"), ("hard", "low")] * 3


def load_demo_yearclock(plan: Plan) -> int:
    """The plan's vuosikello events (none if it has its own already); how many were added."""
    if plan.events.filter(round_event=False).exists():
        return 0
    owner = Organisation.objects.filter(participations__plan=plan, name=OWNER).first()
    for (fi, sv, en), kind, owned, fields in DEMO_EVENTS:
        event = Event.objects.create(
            title=fi,
            title_sv=sv,
            title_en=en,
            kind=kind,
            owner=owner if owned else None,
            **fields,
        )
        event.plans.add(plan)
    return len(DEMO_EVENTS)


def rate_demo_actions(plan: Plan) -> int:
    """Ease and impact for the plan's first actions, unless some action has them already."""
    actions = plan.actions.filter(archived=False).order_by("order", "pk")
    if actions.exclude(ease="").exists():
        return 0
    rated = list(actions[: len(DEMO_RATINGS)])
    for action, (ease, impact) in zip(rated, DEMO_RATINGS, strict=False):
        action.ease, action.impact = ease, impact
    Action.objects.bulk_update(rated, ["ease", "impact"])
    return len(rated)

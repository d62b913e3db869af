"""Child impact assessments built for the voice tests, stored as the form stores them."""

import datetime

from lanu.voice.models import ChildImpactAssessment

EFFECTS = {
    "health": {"direction": "positive", "description": "Lyhyempi matka neuvolaan"},
    "services": {"direction": "negative", "description": "Aukioloajat lyhenevät"},
}
CHECKLIST = {
    "decision": {"done": True, "note": ""},
    "heard": {"done": True, "note": "Nuorisovaltuusto 3.2."},
}


def assessment(plan, actions=(), subgoals=(), **fields) -> ChildImpactAssessment:
    """A READY assessment of the plan with two effects and two checklist items done."""
    values = {
        "title": "Perhekeskuksen aukioloaikojen muutos",
        "decider": "Hyvinvointialueen aluehallitus",
        "decision_date": datetime.date(2025, 3, 1),
        "state": ChildImpactAssessment.State.READY,
        "children": "Alle kouluikäiset lapset ja heidän perheensä",
        "children_views": "Nuoret toivoivat iltavastaanottoa.",
        "conclusion": "Suositellaan iltavastaanoton säilyttämistä.",
        "effects": EFFECTS,
        "checklist": CHECKLIST,
    } | fields
    created = ChildImpactAssessment.objects.create(plan=plan, **values)
    created.actions.set(actions)
    created.subgoals.set(subgoals)
    return created


def draft(plan, **fields) -> ChildImpactAssessment:
    values = {"title": "Luonnos: koulukuljetusten muutos"} | fields
    return assessment(plan, state=ChildImpactAssessment.State.DRAFT, **values)


def action_of(plan, organisation):
    return plan.actions.filter(organisation=organisation).order_by("order").first()

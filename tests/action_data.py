"""Helpers of the action editing tests: addresses, logged-in clients, and form data."""

from django.test import Client
from django.urls import reverse

REFUSED = "Someone else saved this while you were editing it"
EDIT_FORM = '<form method="post" class="stacked">'


def url(name: str, action) -> str:
    return reverse(f"plans:action-{name}", args=[action.plan.slug, action.pk])


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def action_data(action, **changes) -> dict:
    """What the edit form of the action posts, with some fields changed."""
    metrics = [f"{m.text} *" if m.by_mother_tongue else m.text for m in action.metrics.all()]
    data = {
        "organisation": action.organisation_id,
        "subgoals": [subgoal.pk for subgoal in action.subgoals.all()],
        "description": action.description,
        "items": "\n".join(action.items),
        "metrics": "\n".join(metrics),
        "schedule": action.schedule,
        "start_date": action.start_date or "",
        "end_date": action.end_date or "",
        "permanence": action.permanence,
        "responsible": action.responsible,
        "monitoring": action.monitoring,
        "ease": action.ease,
        "impact": action.impact,
        "version": action.version,
    }
    for metric in action.metrics.filter(archived=False):  # shown to coordinators
        data |= {f"kind_{metric.pk}": metric.kind, f"unit_{metric.pk}": metric.unit}
    return {**data, **changes}


def new_action_data(plan, organisation, **changes) -> dict:
    subgoal = plan.goals.get(number="II").subgoals.get(number="3")
    data = {
        "organisation": organisation.pk,
        "subgoals": [subgoal.pk],
        "description": "Uusi toimenpide: nuorten olohuone",
        "items": "Avoinna iltaisin\n\nOhjaajat paikalla",
        "metrics": "Kävijämäärä *\nTyytyväisyys",
        "schedule": "Syksystä 2025",
        "start_date": "2025-08-01",
        "end_date": "2026-06-30",
        "permanence": "pilot",
        "responsible": "Nuorisopalvelut",
        "monitoring": "Puolivuosittain",
        "ease": "easy",
        "impact": "high",
    }
    return {**data, **changes}

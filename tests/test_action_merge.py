"""After a refused save, the person's form keeps their own changes and takes the other's."""

import pytest

from lanu.plans.editing import comparable
from tests.action_data import REFUSED, logged_in, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


def as_browser_posts(form, **changes) -> dict:
    """What a browser posts from this form as shown, with the person's changes."""
    data = {}
    for field in form:
        value = field.value()
        if isinstance(value, list | tuple):
            data[field.html_name] = [comparable(item) for item in value]
        elif isinstance(value, bool):
            if value:
                data[field.html_name] = "on"
        else:
            data[field.html_name] = comparable(str(value) if value is not None else "")
    return {**data, **changes}


def shown_form(client, action, **changes) -> dict:
    return as_browser_posts(client.get(url("edit", action)).context["form"], **changes)


@pytest.fixture
def action(people):
    return people.plan.actions.filter(organisation=people.first).first()


def test_fields_only_the_other_person_changed_take_their_new_values(people, action):
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    bobs = shown_form(bob, action, description="Bobin kuvaus")
    alices = shown_form(alice, action, schedule="Syksy 2025", monitoring="Alicen seuranta")
    assert bob.post(url("edit", action), bobs).status_code == 302
    refused = alice.post(url("edit", action), alices)
    assert REFUSED in refused.text
    merged = refused.context["form"]
    assert merged["description"].value() == "Bobin kuvaus"  # bob's, which alice did not touch
    assert merged["schedule"].value() == "Syksy 2025"  # alice's own
    assert alice.post(url("edit", action), as_browser_posts(merged)).status_code == 302
    action.refresh_from_db()
    assert (action.description, action.schedule, action.monitoring) == (
        "Bobin kuvaus",
        "Syksy 2025",
        "Alicen seuranta",
    )


def test_a_field_both_changed_keeps_the_persons_own_text(people, action):
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    bobs = shown_form(bob, action, description="Bobin kuvaus", items="Bobin kohta")
    alices = shown_form(alice, action, description="Alicen kuvaus")
    bob.post(url("edit", action), bobs)
    merged = alice.post(url("edit", action), alices).context["form"]
    assert merged["description"].value() == "Alicen kuvaus"
    assert merged["items"].value() == "Bobin kohta"


def test_sub_goals_and_metrics_merge_too(people, action):
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    other = people.plan.goals.get(number="III").subgoals.get(number="5")
    bobs = shown_form(bob, action, metrics="Bobin mittari *")
    shown = shown_form(alice, action)
    alices = {**shown, "subgoals": [*shown["subgoals"], str(other.pk)]}
    bob.post(url("edit", action), bobs)
    merged = alice.post(url("edit", action), alices).context["form"]
    assert alice.post(url("edit", action), as_browser_posts(merged)).status_code == 302
    assert other in action.subgoals.all()
    assert [(m.text, m.by_mother_tongue) for m in action.metrics.all()] == [("Bobin mittari", True)]

"""Coordinators add, edit, move, archive and restore goals and sub-goals."""

import pytest
from django.urls import reverse

from lanu.history.models import Change
from lanu.history.records import changes_of
from lanu.plans.models import Goal, SubGoal
from tests.personas import PERSONAS, as_persona, check_outcome

pytestmark = pytest.mark.django_db


def url(name, *args) -> str:
    return reverse(f"plans:{name}", args=["yhteinen", *args])


def goal(people, number="I") -> Goal:
    return people.plan.goals.get(number=number)


def subgoal(people, number="1") -> SubGoal:
    return goal(people).subgoals.get(number=number)


def archived(instance):
    type(instance).objects.filter(pk=instance.pk).update(archived=True)
    instance.refresh_from_db()
    return instance


def goal_order(people) -> list[str]:
    return list(people.plan.goals.values_list("number", flat=True))


def subgoal_order(people) -> list[str]:
    return list(goal(people).subgoals.values_list("number", flat=True))


def refreshed(instance, field):
    return lambda: getattr(type(instance).objects.get(pk=instance.pk), field)


# Each data-changing URL: (url, posted data, what changes when it is done).
CASES = {
    "goal-new": lambda p: (
        url("goal-new"),
        {"number": "IV", "title": "Uusi tavoite"},
        lambda: p.plan.goals.count(),
    ),
    "goal-edit": lambda p: (
        url("goal-edit", goal(p).pk),
        {"number": "I", "title": "Muutettu", "version": goal(p).version},
        refreshed(goal(p), "title"),
    ),
    "goal-move": lambda p: (url("goal-move", goal(p).pk), {"step": "down"}, lambda: goal_order(p)),
    "goal-archive": lambda p: (
        url("goal-archive", goal(p).pk),
        {"version": goal(p).version},
        refreshed(goal(p), "archived"),
    ),
    "goal-restore": lambda p: (
        url("goal-restore", archived(goal(p)).pk),
        {"version": goal(p).version},
        refreshed(goal(p), "archived"),
    ),
    "subgoal-new": lambda p: (
        url("subgoal-new", goal(p).pk),
        {"number": "6", "title": "Uusi välitavoite"},
        lambda: goal(p).subgoals.count(),
    ),
    "subgoal-edit": lambda p: (
        url("subgoal-edit", subgoal(p).pk),
        {"number": "1", "title": "Muutettu", "version": subgoal(p).version},
        refreshed(subgoal(p), "title"),
    ),
    "subgoal-move": lambda p: (
        url("subgoal-move", subgoal(p).pk),
        {"step": "down"},
        lambda: subgoal_order(p),
    ),
    "subgoal-archive": lambda p: (
        url("subgoal-archive", subgoal(p).pk),
        {"version": subgoal(p).version},
        refreshed(subgoal(p), "archived"),
    ),
    "subgoal-restore": lambda p: (
        url("subgoal-restore", archived(subgoal(p)).pk),
        {"version": subgoal(p).version},
        refreshed(subgoal(p), "archived"),
    ),
}


@pytest.mark.parametrize("persona, expected", PERSONAS)
@pytest.mark.parametrize("case", CASES)
def test_goal_changes_are_for_coordinators_only(client, people, case, persona, expected):
    address, data, state = CASES[case](people)
    before, changes = state(), Change.objects.count()
    response = as_persona(client, people, persona).post(address, data)
    check_outcome(response, expected)
    done = expected == "done"
    assert (state() != before) == done
    assert Change.objects.count() == changes + done


@pytest.mark.parametrize("persona, expected", PERSONAS)
@pytest.mark.parametrize("name", ["goals-edit", "goal-new", "goal-edit", "subgoal-edit"])
def test_goal_pages_are_for_coordinators_only(client, people, name, persona, expected):
    args = {"goal-edit": [goal(people).pk], "subgoal-edit": [subgoal(people).pk]}.get(name, [])
    response = as_persona(client, people, persona).get(url(name, *args))
    check_outcome(response, 200 if expected == "done" else expected)


def test_goal_edit_is_recorded_with_old_and_new_values_and_shown(client, people):
    client.force_login(people.alice)
    first = goal(people)
    data = {"number": "I", "title": "Uusi otsikko", "description": "Kuvaus", "version": 1}
    response = client.post(url("goal-edit", first.pk), data)
    assert response.url == url("goals-edit") + f"#goal-{first.pk}"
    change = changes_of(first).get()
    fields = {field["field"]: (field["old"], field["new"]) for field in change.fields}
    assert fields == {"title": ("Päätavoite I", "Uusi otsikko"), "description": ("", "Kuvaus")}
    assert change.user == people.alice and change.kind == Change.Kind.CHANGED
    page = client.get(url("goal-edit", first.pk))
    assert "Päätavoite I" in page.text and "Uusi otsikko" in page.text


def test_new_subgoal_comes_last_of_its_goal_and_is_recorded(client, people):
    client.force_login(people.alice)
    client.post(url("subgoal-new", goal(people).pk), {"number": "6", "title": "Kuudes"})
    assert subgoal_order(people) == ["1", "2", "3", "4", "5", "6"]
    created = changes_of(subgoal(people, "6")).get()
    assert created.kind == Change.Kind.CREATED and created.plan == people.plan
    assert created.object_repr == "I.6 Kuudes"


@pytest.mark.usefixtures("in_english")
def test_goal_numbers_are_unique_in_the_plan_and_the_input_stays(client, people):
    client.force_login(people.alice)
    data = {"number": "II", "title": "Kirjoitettu otsikko", "version": 1}
    response = client.post(url("goal-edit", goal(people).pk), data)
    assert response.status_code == 200
    assert "“II” is taken already: choose another number." in response.text
    assert 'value="Kirjoitettu otsikko"' in response.text
    assert goal(people).title == "Päätavoite I"


@pytest.mark.usefixtures("in_english")
def test_an_archived_number_is_taken_too_and_the_message_says_so(client, people):
    archived(goal(people, "III"))
    client.force_login(people.alice)
    response = client.post(url("goal-new"), {"number": "III", "title": "Uusi"})
    assert "An archived one has the number “III”: restore it or choose another." in response.text
    assert people.plan.goals.count() == 3


@pytest.mark.usefixtures("in_english")
def test_subgoal_numbers_are_unique_in_their_goal_only(client, people):
    client.force_login(people.alice)
    response = client.post(url("subgoal-new", goal(people).pk), {"number": "2", "title": "X"})
    assert "“2” is taken already" in response.text
    client.post(url("subgoal-new", goal(people, "II").pk), {"number": "6", "title": "X"})
    assert goal(people, "II").subgoals.filter(number="6").exists()


def test_moving_up_and_down_reorders_and_stops_at_the_ends(client, people):
    client.force_login(people.alice)
    client.post(url("goal-move", goal(people, "III").pk), {"step": "up"})
    assert goal_order(people) == ["I", "III", "II"]
    client.post(url("goal-move", goal(people, "I").pk), {"step": "up"})
    assert goal_order(people) == ["I", "III", "II"]
    assert changes_of(goal(people, "III")).get().kind == Change.Kind.MOVED
    assert client.post(url("goal-move", goal(people).pk), {"step": "sideways"}).status_code == 400


def test_moving_needs_post(client, people):
    client.force_login(people.alice)
    assert client.get(url("goal-move", goal(people).pk)).status_code == 405
    assert goal_order(people) == ["I", "II", "III"]


def test_archived_goal_leaves_the_public_page_and_shows_to_coordinators(client, people):
    first = goal(people)
    client.force_login(people.alice)
    client.post(url("goal-archive", first.pk), {"version": first.version})
    public = client.get(reverse("plans:plan", args=["yhteinen"])).text
    assert f'id="goal-{first.pk}"' not in public and "Päätavoite I:" not in public
    page = client.get(url("goals-edit")).text
    assert f'id="goal-{first.pk}"' in page and url("goal-restore", first.pk) in page
    assert changes_of(first).get().kind == Change.Kind.ARCHIVED
    client.post(url("goal-restore", first.pk), {"version": first.version + 1})
    assert not goal(people).archived
    assert changes_of(first).first().kind == Change.Kind.RESTORED


@pytest.mark.usefixtures("in_english")
def test_archiving_an_old_version_is_refused_with_a_message(client, people):
    first = goal(people)
    client.force_login(people.alice)
    response = client.post(url("goal-archive", first.pk), {"version": 0}, follow=True)
    assert "was changed meanwhile by someone else" in response.text
    assert not goal(people).archived and not changes_of(first).exists()

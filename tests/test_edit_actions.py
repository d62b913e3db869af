"""Creating, editing, archiving and restoring actions: who may, and what is kept."""

import pytest
from django.test import Client
from django.urls import reverse

from lanu.history.models import Change
from lanu.history.records import changes_of
from lanu.plans.models import Action
from tests.action_data import action_data, logged_in, new_action_data, url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
PERSONAS = ["anonymous", "mallory", "vera", "alice", "bob", "charlie"]


def client_of(people, persona: str) -> Client:
    return Client() if persona == "anonymous" else logged_in(getattr(people, persona))


def action_of(people, organisation: str) -> Action:
    return people.plan.actions.filter(organisation=getattr(people, organisation)).first()


def outcome(response) -> str | int:
    """What happened to a post: saved, refused in the form, sent to log in, or an error."""
    if response.status_code == 302:
        return "login" if "/accounts/login/" in response.url else "saved"
    if response.status_code == 200:
        return "form error" if response.context["form"].errors else "shown"
    return response.status_code


# Who may change the actions of people.first / people.second, and what else happens.
EXPECTED = {
    "anonymous": (404, 404),  # the plan is unpublished: not even the login page
    "mallory": (404, 404),  # the plan is unpublished: not even its name is shown
    "vera": (403, 403),
    "alice": ("saved", "saved"),
    "bob": ("saved", 403),
    "charlie": (403, "saved"),
}
CASES = [(p, org, n) for p in PERSONAS for n, org in enumerate(["first", "second"])]


@pytest.mark.parametrize("persona, organisation, column", CASES)
def test_who_may_create_an_action(people, persona, organisation, column):
    data = new_action_data(people.plan, getattr(people, organisation))
    response = client_of(people, persona).post(reverse("plans:action-new", args=["yhteinen"]), data)
    expected = EXPECTED[persona][column]
    expected = "form error" if expected == 403 and persona in ("bob", "charlie") else expected
    assert outcome(response) == expected
    created = people.plan.actions.filter(description=data["description"]).exists()
    assert created == (expected == "saved")


@pytest.mark.parametrize("persona, organisation, column", CASES)
def test_who_may_edit_an_action(people, persona, organisation, column):
    action = action_of(people, organisation)
    data = action_data(action, description="Muutettu kuvaus")
    response = client_of(people, persona).post(url("edit", action), data)
    assert outcome(response) == EXPECTED[persona][column]
    action.refresh_from_db()
    assert (action.description == "Muutettu kuvaus") == (EXPECTED[persona][column] == "saved")


@pytest.mark.parametrize("persona, organisation, column", CASES)
def test_who_may_archive_an_action(people, persona, organisation, column):
    action = action_of(people, organisation)
    response = client_of(people, persona).post(url("archive", action), {"version": action.version})
    assert outcome(response) == EXPECTED[persona][column]
    action.refresh_from_db()
    assert action.archived == (EXPECTED[persona][column] == "saved")


@pytest.mark.parametrize("persona, organisation, column", CASES)
def test_who_may_restore_an_action(people, persona, organisation, column):
    action = action_of(people, organisation)
    Action.objects.filter(pk=action.pk).update(archived=True)
    response = client_of(people, persona).post(url("restore", action), {"version": action.version})
    assert outcome(response) == EXPECTED[persona][column]
    action.refresh_from_db()
    assert action.archived == (EXPECTED[persona][column] != "saved")


@pytest.mark.parametrize("persona, organisation, column", CASES)
def test_who_may_open_the_edit_forms(people, persona, organisation, column):
    client = client_of(people, persona)
    expected = EXPECTED[persona][column]
    expected = "shown" if expected == "saved" else expected
    assert outcome(client.get(url("edit", action_of(people, organisation)))) == expected
    new = outcome(client.get(reverse("plans:action-new", args=["yhteinen"])))
    assert new == ("shown" if persona in ("alice", "bob", "charlie") else expected)


def test_a_logged_in_person_without_a_role_is_refused_a_published_plan(people):
    people.plan.published = True
    people.plan.save()
    mallory, action = logged_in(people.mallory), action_of(people, "first")
    assert mallory.get(reverse("plans:action-new", args=["yhteinen"])).status_code == 403
    assert mallory.post(url("edit", action), action_data(action)).status_code == 403


def test_archiving_and_restoring_are_posts_with_a_csrf_token(people):
    action = action_of(people, "first")
    bob = logged_in(people.bob)
    assert bob.get(url("archive", action)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people.bob)
    assert strict.post(url("archive", action), {"version": action.version}).status_code == 403
    assert strict.post(url("edit", action), action_data(action, description="x")).status_code == 403
    action.refresh_from_db()
    assert not action.archived and action.description != "x"


def test_editor_chooses_only_among_their_own_organisations(people):
    form = logged_in(people.bob).get(reverse("plans:action-new", args=["yhteinen"])).context["form"]
    assert list(form.fields["organisation"].queryset) == [people.first]
    form = (
        logged_in(people.alice).get(reverse("plans:action-new", args=["yhteinen"])).context["form"]
    )
    assert [o.name for o in form.fields["organisation"].queryset] == [
        "Organisaatio 1",
        "Organisaatio 2",
        "Organisaatio 3",
    ]


def test_editor_cannot_move_their_action_to_another_organisation(people):
    action = action_of(people, "first")
    data = action_data(action, organisation=people.second.pk, description="Siirretty")
    response = logged_in(people.bob).post(url("edit", action), data)
    assert response.status_code == 200
    assert "You can only choose an organisation whose actions you edit." in response.text
    assert response.context["form"]["description"].value() == "Siirretty"
    action.refresh_from_db()
    assert action.organisation == people.first and action.description != "Siirretty"


def test_coordinator_moves_an_action_to_another_organisation(people):
    action = action_of(people, "first")
    data = action_data(action, organisation=people.second.pk)
    assert logged_in(people.alice).post(url("edit", action), data).status_code == 302
    action.refresh_from_db()
    assert action.organisation == people.second


def test_new_action_is_saved_with_its_metrics_at_the_end_of_the_plan(people):
    data = new_action_data(people.plan, people.first)
    response = logged_in(people.bob).post(reverse("plans:action-new", args=["yhteinen"]), data)
    action = people.plan.actions.get(description=data["description"])
    assert response.url == action.get_absolute_url()
    assert action.order == 12 and action.number == 13
    assert action.items == ["Avoinna iltaisin", "Ohjaajat paikalla"]
    metrics = [(m.text, m.by_mother_tongue, m.order) for m in action.metrics.all()]
    assert metrics == [("Kävijämäärä", True, 0), ("Tyytyväisyys", False, 1)]
    assert [s.key for s in action.subgoals.all()] == ["II.3"]
    assert (str(action.start_date), action.permanence, action.ease) == (
        "2025-08-01",
        "pilot",
        "easy",
    )
    listed = logged_in(people.bob).get(reverse("plans:actions", args=["yhteinen"])).text
    assert listed.rindex("Uusi toimenpide: nuorten olohuone") > listed.rindex("Toimenpide 11:")
    created = changes_of(action).get()
    assert created.kind == Change.Kind.CREATED and created.user == people.bob
    new = {f["field"]: f["new"] for f in created.fields}
    assert new["metrics"] == "Kävijämäärä *\nTyytyväisyys"
    assert new["organisation"] == "Organisaatio 1"


def test_edit_is_in_the_history_with_old_and_new_values(people):
    action = action_of(people, "first")
    data = action_data(action, description="Uusi kuvaus", metrics="Mittari 0.1 *", ease="")
    logged_in(people.bob).post(url("edit", action), data)
    change = changes_of(action).get()
    assert change.kind == Change.Kind.CHANGED and change.user == people.bob
    fields = {f["field"]: (f["old"], f["new"]) for f in change.fields}
    assert fields == {
        "description": ("Toimenpide 0: kohtaamispaikkatoiminnan laajentaminen", "Uusi kuvaus"),
        "metrics": ("Mittari 0.1\nMittari 0.2 *", "Mittari 0.1 *"),
        "ease": ("Hard", ""),
    }
    metrics = [(m.text, m.by_mother_tongue) for m in action.metrics.all()]
    assert metrics == [("Mittari 0.1", True)]


def test_saving_without_changes_writes_no_history(people):
    action = action_of(people, "first")
    assert logged_in(people.bob).post(url("edit", action), action_data(action)).status_code == 302
    assert not changes_of(action).exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"start_date": "2026-01-01", "end_date": "2025-12-31"}, "end_date", "cannot be before"),
        ({"subgoals": []}, "subgoals", "This field is required."),
        ({"description": "", "items": " \n"}, "description", "Describe the action"),
        ({"metrics": "Mittari\n *"}, "metrics", "An asterisk (*) must follow"),
        ({"start_date": "31.2.2025"}, "start_date", "Enter a valid date."),
    ],
)
def test_refused_form_keeps_what_was_typed(people, changes, field, message):
    action = action_of(people, "first")
    data = action_data(action, schedule="Kirjoitettu aikataulu", **changes)
    response = logged_in(people.bob).post(url("edit", action), data)
    assert response.status_code == 200
    form = response.context["form"]
    assert message in " ".join(form.errors[field])
    assert form["schedule"].value() == "Kirjoitettu aikataulu"
    assert 'class="error-summary"' in response.text
    action.refresh_from_db()
    assert action.schedule == "2024 alkaen" and action.version == 1


def test_form_lists_only_the_plans_live_subgoals_under_their_goals(people):
    action = action_of(people, "first")
    archived = people.plan.goals.get(number="III").subgoals.get(number="5")
    archived.archived = True
    archived.save()
    action.subgoals.add(archived)
    response = logged_in(people.bob).get(url("edit", action))
    assert "III.4 Välitavoite III.4" in response.text
    assert "III.5 Välitavoite III.5" not in response.text
    assert response.text.count("<legend>Main goal") == 3
    logged_in(people.bob).post(url("edit", action), action_data(action, description="Muutettu"))
    assert archived in action.subgoals.all()  # a link to an archived sub-goal stays


def test_archived_action_is_hidden_from_the_plan_and_restored_by_its_editor(people):
    action = action_of(people, "first")
    bob = logged_in(people.bob)
    response = bob.post(url("archive", action), {"version": action.version}, follow=True)
    assert "The action was archived." in response.text
    organisation_page = response.text
    assert "Archived actions" in organisation_page and url("restore", action) in organisation_page
    vera = logged_in(people.vera)
    assert action.title not in vera.get(reverse("plans:actions", args=["yhteinen"])).text
    assert vera.get(action.get_absolute_url()).status_code == 404
    assert (
        "Archived actions"
        not in vera.get(reverse("plans:organisation", args=["yhteinen", people.first.pk])).text
    )
    assert bob.get(action.get_absolute_url()).status_code == 200
    action.refresh_from_db()
    response = bob.post(url("restore", action), {"version": action.version}, follow=True)
    assert "The action was restored." in response.text
    assert action.title in vera.get(reverse("plans:actions", args=["yhteinen"])).text
    kinds = [change.kind for change in changes_of(action)]
    assert kinds == [Change.Kind.RESTORED, Change.Kind.ARCHIVED]


def test_archiving_a_page_shown_before_a_change_is_refused(people):
    action = action_of(people, "first")
    shown = action.version
    logged_in(people.alice).post(url("edit", action), action_data(action, description="Uusi"))
    response = logged_in(people.bob).post(url("archive", action), {"version": shown}, follow=True)
    assert "so it was not archived" in response.text
    action.refresh_from_db()
    assert not action.archived


def test_archive_without_a_version_is_a_bad_request(people):
    action = action_of(people, "first")
    assert logged_in(people.bob).post(url("archive", action), {}).status_code == 400


def test_action_page_shows_its_history_and_buttons_to_those_who_may_edit(people):
    action = action_of(people, "first")
    logged_in(people.alice).post(url("edit", action), action_data(action, schedule="Keväällä"))
    bob_sees = logged_in(people.bob).get(action.get_absolute_url()).text
    assert "History of changes" in bob_sees and "Keväällä" in bob_sees and "Alice" in bob_sees
    assert url("edit", action) in bob_sees and url("archive", action) in bob_sees
    for persona in ("charlie", "vera"):
        page = logged_in(getattr(people, persona)).get(action.get_absolute_url()).text
        assert "History of changes" in page
        assert url("edit", action) not in page and url("archive", action) not in page


def test_organisation_page_offers_to_add_an_action_to_its_editors(people):
    page = reverse("plans:organisation", args=["yhteinen", people.first.pk])
    add = reverse("plans:action-new", args=["yhteinen"]) + f"?organisation={people.first.pk}"
    assert add in logged_in(people.bob).get(page).text
    assert add not in logged_in(people.charlie).get(page).text
    form = logged_in(people.alice).get(add).context["form"]
    assert form["organisation"].value() == str(people.first.pk)

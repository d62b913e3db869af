"""Coordinators give people a role in the plan and take it away; never the last coordinator."""

import pytest
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.history.models import Change
from tests.personas import PERSONAS, as_persona, check_outcome

pytestmark = pytest.mark.django_db

PEOPLE_URL = reverse("plans:people", args=["yhteinen"])


def remove_url(membership) -> str:
    return reverse("plans:membership-remove", args=["yhteinen", membership.pk])


def roles(people) -> set[tuple]:
    rows = people.plan.memberships.values_list("user__username", "role", "organisation__name")
    return set(rows)


CASES = {
    "people": lambda p: (PEOPLE_URL, {"person": "mallory", "role": "viewer"}),
    "membership-remove": lambda p: (remove_url(p.vera.memberships.get()), {}),
}


@pytest.mark.parametrize("persona, expected", PERSONAS)
@pytest.mark.parametrize("case", CASES)
def test_membership_changes_are_for_coordinators_only(client, people, case, persona, expected):
    address, data = CASES[case](people)
    before = roles(people)
    response = as_persona(client, people, persona).post(address, data)
    check_outcome(response, expected)
    done = expected == "done"
    assert (roles(people) != before) == done
    assert Change.objects.exists() == done


@pytest.mark.parametrize("persona, expected", PERSONAS)
def test_people_page_is_for_coordinators_only(client, people, persona, expected):
    response = as_persona(client, people, persona).get(PEOPLE_URL)
    check_outcome(response, 200 if expected == "done" else expected)


def test_people_page_lists_people_and_their_roles(client, people):
    client.force_login(people.alice)
    page = client.get(PEOPLE_URL).text
    for name in ("Alice", "Bob", "Charlie", "Vera"):
        assert name in page
    assert "Mallory" not in page and "Organisaatio 1" in page


def test_add_an_editor_by_email_address_with_an_organisation(client, people):
    client.force_login(people.alice)
    data = {"person": "MALLORY@example.fi", "role": "editor", "organisation": people.second.pk}
    assert client.post(PEOPLE_URL, data).status_code == 302
    assert ("mallory", "editor", "Organisaatio 2") in roles(people)
    added = Change.objects.get()
    assert added.kind == Change.Kind.CREATED and added.plan == people.plan
    assert "mallory" in added.object_repr


@pytest.mark.usefixtures("in_english")
def test_an_editor_needs_an_organisation_and_the_input_stays(client, people):
    client.force_login(people.alice)
    response = client.post(PEOPLE_URL, {"person": "mallory", "role": "editor"})
    assert response.status_code == 200
    assert (
        "Muokkaajalle on valittava organisaatio, jonka toimenpiteitä hän muokkaa." in response.text
    )
    assert 'value="mallory"' in response.text
    assert '<option value="editor" selected>' in response.text
    assert ("mallory", "editor", None) not in roles(people) and not Change.objects.exists()


@pytest.mark.parametrize(
    "data, message",
    [
        ({"person": "nobody", "role": "viewer"}, "Kenelläkään ei ole käyttäjätiliä"),
        ({"person": "vera", "role": "viewer"}, "Henkilöllä on jo tämä rooli suunnitelmassa."),
    ],
)
def test_unknown_people_and_repeated_roles_are_refused(client, people, data, message):
    client.force_login(people.alice)
    response = client.post(PEOPLE_URL, data)
    assert response.status_code == 200 and message in response.text
    assert people.plan.memberships.count() == 4


def test_an_organisation_of_another_plan_is_no_choice(client, people, plan_of):
    from lanu.plans.models import Organisation

    elsewhere = Organisation.objects.create(name="Muualla")
    client.force_login(people.alice)
    data = {"person": "mallory", "role": "editor", "organisation": elsewhere.pk}
    assert client.post(PEOPLE_URL, data).status_code == 200
    assert not people.mallory.memberships.exists()


@pytest.mark.usefixtures("in_english")
def test_the_last_coordinator_cannot_be_removed(client, people):
    client.force_login(people.alice)
    response = client.post(remove_url(people.alice.memberships.get()), follow=True)
    assert "the plan&#x27;s last coordinator" in response.text
    assert ("alice", "coordinator", None) in roles(people) and not Change.objects.exists()


def test_a_coordinator_can_leave_when_another_remains(client, people):
    Membership.objects.create(user=people.vera, plan=people.plan, role="coordinator")
    client.force_login(people.alice)
    response = client.post(remove_url(people.alice.memberships.get()))
    assert response.url == reverse("plans:plan", args=["yhteinen"])
    assert ("alice", "coordinator", None) not in roles(people)
    removed = Change.objects.get(kind=Change.Kind.REMOVED)
    assert removed.fields[0]["old"] in ("Coordinator", "Koordinaattori")
    assert client.get(PEOPLE_URL).status_code == 404


def test_a_membership_of_another_plan_is_not_found(client, people, plan_of):
    other = plan_of(3, slug="toinen")
    elsewhere = Membership.objects.create(user=people.mallory, plan=other, role="viewer")
    client.force_login(people.alice)
    address = reverse("plans:membership-remove", args=["yhteinen", elsewhere.pk])
    assert client.post(address).status_code == 404
    assert Membership.objects.filter(pk=elsewhere.pk).exists()

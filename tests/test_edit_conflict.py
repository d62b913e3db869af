"""Two coordinators save the same goal: the second sees the first one's change, keeps their own."""

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.history.records import changes_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def carol(people):
    """A second coordinator of the plan."""
    user = get_user_model().objects.create_user("carol", "carol@example.fi", "salasana-123")
    Membership.objects.create(user=user, plan=people.plan, role="coordinator")
    return user


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_second_save_gets_the_conflict_and_nothing_is_lost(people, carol):
    goal = people.plan.goals.get(number="I")
    address = reverse("plans:goal-edit", args=["yhteinen", goal.pk])
    alice, second = logged_in(people.alice), logged_in(carol)
    for client in (alice, second):
        assert 'name="version" value="1"' in client.get(address).text

    first = alice.post(address, {"number": "I", "title": "Alicen otsikko", "version": "1"})
    assert first.status_code == 302
    refused = second.post(address, {"number": "I", "title": "Carolin otsikko", "version": "1"})

    assert refused.status_code == 409
    assert "Someone else saved this while you were editing it" in refused.text
    assert "Alice" in refused.text and "Alicen otsikko" in refused.text  # who, and what
    assert 'value="Carolin otsikko"' in refused.text  # their own text is still in the form
    assert 'name="version" value="2"' in refused.text  # now based on the saved version
    goal.refresh_from_db()
    assert goal.title == "Alicen otsikko" and goal.version == 2

    again = second.post(address, {"number": "I", "title": "Carolin otsikko", "version": "2"})
    assert again.status_code == 302
    goal.refresh_from_db()
    assert goal.title == "Carolin otsikko" and goal.version == 3
    titles = [(c.user.username, c.fields[0]["old"], c.fields[0]["new"]) for c in changes_of(goal)]
    assert titles == [
        ("carol", "Alicen otsikko", "Carolin otsikko"),
        ("alice", "Päätavoite I", "Alicen otsikko"),
    ]

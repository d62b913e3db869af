"""Two people saving the same action: the second save is refused, nothing is lost."""

import threading

import pytest
from django.db import connection

from lanu.history.models import Change
from lanu.history.records import changes_of
from tests.action_data import EDIT_FORM, REFUSED, action_data, logged_in, url

pytestmark = pytest.mark.usefixtures("in_english")
ORIGINAL = "Toimenpide 0: kohtaamispaikkatoiminnan laajentaminen"


def loaded_form(client, action, **changes) -> dict:
    """The edit form's data as the person's page shows it, with their changes."""
    assert client.get(url("edit", action)).status_code == 200
    return action_data(action, **changes)


@pytest.fixture
def action(people):
    return people.plan.actions.filter(organisation=people.first).first()


@pytest.mark.django_db
def test_second_save_is_refused_with_what_changed_and_its_text_kept(people, action):
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    bobs = loaded_form(bob, action, description="Bobin kuvaus")
    alices = loaded_form(alice, action, description="Alicen kuvaus", schedule="Syksy 2025")
    assert bob.post(url("edit", action), bobs).status_code == 302
    refused = alice.post(url("edit", action), alices)
    assert refused.status_code == 409
    assert REFUSED in refused.text
    assert "Bobin kuvaus" in refused.text.split(EDIT_FORM)[0]  # what bob changed, listed above
    form = refused.context["form"]
    assert form["description"].value() == "Alicen kuvaus"
    assert form["schedule"].value() == "Syksy 2025"
    action.refresh_from_db()
    assert (action.description, action.schedule) == ("Bobin kuvaus", "2024 alkaen")
    again = alice.post(url("edit", action), {**alices, "version": form["version"].value()})
    assert again.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.schedule) == ("Alicen kuvaus", "Syksy 2025")
    descriptions = [
        (f["old"], f["new"])
        for c in changes_of(action)
        for f in c.fields
        if f["field"] == "description"
    ]
    assert descriptions == [("Bobin kuvaus", "Alicen kuvaus"), (ORIGINAL, "Bobin kuvaus")]


@pytest.mark.django_db
def test_conflict_message_names_who_changed_what(people, action):
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    alices = loaded_form(alice, action)
    bob.post(url("edit", action), loaded_form(bob, action, metrics="Uusi mittari *"))
    notice = alice.post(url("edit", action), alices).text.split(EDIT_FORM)[0]
    assert "Bob" in notice and "Metrics" in notice
    assert "Mittari 0.2 *" in notice and "Uusi mittari *" in notice  # old and new


@pytest.mark.django_db
def test_save_after_the_action_was_archived_meanwhile_is_refused(people, action):
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    bobs = loaded_form(bob, action, description="Bobin kuvaus")
    alice.post(url("archive", action), {"version": action.version})
    response = bob.post(url("edit", action), bobs)
    assert response.status_code == 409
    assert "This action has been archived" in response.text
    assert response.context["form"]["description"].value() == "Bobin kuvaus"
    action.refresh_from_db()
    assert action.archived and action.description != "Bobin kuvaus"


@pytest.mark.django_db
def test_a_form_without_its_version_is_refused(people, action):
    alice = logged_in(people.alice)
    data = loaded_form(alice, action, description="Ilman versiota")
    del data["version"]
    refused = alice.post(url("edit", action), data)
    assert refused.status_code == 409 and REFUSED in refused.text
    action.refresh_from_db()
    assert action.description != "Ilman versiota"


def post_together(address: str, posts: dict) -> dict:
    """Post each client's data in a thread of its own, all starting at the same moment."""
    barrier = threading.Barrier(len(posts))
    responses: dict = {}

    def post(name, client, data):
        try:
            barrier.wait()
            responses[name] = client.post(address, data)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(name, client, data))
        for name, (client, data) in posts.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return responses


@pytest.mark.django_db(transaction=True)
def test_simultaneous_saves_never_both_overwrite(people, action):
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    for round in range(5):
        posts = {
            "Bob": (bob, loaded_form(bob, action, description=f"Bob {round}")),
            "Alice": (alice, loaded_form(alice, action, description=f"Alice {round}")),
        }
        responses = post_together(url("edit", action), posts)
        statuses = {name: response.status_code for name, response in responses.items()}
        saved = [name for name, status in statuses.items() if status == 302]
        refused = [
            name for name, r in responses.items() if r.status_code == 409 and REFUSED in r.text
        ]
        assert len(saved) == 1 and len(refused) == 1, statuses
        action.refresh_from_db()
        assert action.description == f"{saved[0]} {round}"
        assert action.version == round + 2
    assert changes_of(action).filter(kind=Change.Kind.CHANGED).count() == 5

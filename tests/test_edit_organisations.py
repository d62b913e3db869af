"""Coordinators add organisations to a plan, create and edit them, and remove idle ones."""

import pytest
from django.urls import reverse

from lanu.history.models import Change
from lanu.history.records import changes_of
from lanu.plans.models import Organisation, Participation
from tests.personas import PERSONAS, as_persona, check_outcome

pytestmark = pytest.mark.django_db


def url(name, *args) -> str:
    return reverse(f"plans:{name}", args=["yhteinen", *args])


def outsider() -> Organisation:
    return Organisation.objects.get_or_create(name="Ulkopuolinen ry", kind="ngo")[0]


def idle(people) -> Organisation:
    """An organisation of the plan with no actions in it."""
    organisation = outsider()
    Participation.objects.get_or_create(plan=people.plan, organisation=organisation, order=9)
    return organisation


def taking_part(people) -> list[str]:
    return list(people.plan.organisations.values_list("name", flat=True))


CASES = {
    "organisation-add": lambda p: (
        url("organisation-add"),
        {"organisation": outsider().pk},
        lambda: taking_part(p),
    ),
    "organisation-new": lambda p: (
        url("organisation-new"),
        {"name": "Uusi yhdistys", "kind": "ngo", "aliases": "UY\nUusi ry"},
        lambda: taking_part(p),
    ),
    "organisation-edit": lambda p: (
        url("organisation-edit", p.first.pk),
        {"name": "Uusi nimi", "kind": "parish", "version": p.first.version},
        lambda: Organisation.objects.get(pk=p.first.pk).name,
    ),
    "organisation-remove": lambda p: (
        url("organisation-remove", idle(p).pk),
        {},
        lambda: taking_part(p),
    ),
}


@pytest.mark.parametrize("persona, expected", PERSONAS)
@pytest.mark.parametrize("case", CASES)
def test_organisation_changes_are_for_coordinators_only(client, people, case, persona, expected):
    address, data, state = CASES[case](people)
    before, changes = state(), Change.objects.count()
    response = as_persona(client, people, persona).post(address, data)
    check_outcome(response, expected)
    done = expected == "done"
    assert (state() != before) == done
    assert (Change.objects.count() > changes) == done


@pytest.mark.parametrize("persona, expected", PERSONAS)
@pytest.mark.parametrize("name", ["organisations-edit", "organisation-new", "organisation-edit"])
def test_organisation_pages_are_for_coordinators_only(client, people, name, persona, expected):
    args = [people.first.pk] if name == "organisation-edit" else []
    response = as_persona(client, people, persona).get(url(name, *args))
    check_outcome(response, 200 if expected == "done" else expected)


def test_new_organisation_takes_part_with_its_aliases_one_per_line(client, people):
    client.force_login(people.alice)
    data = {"name": "Uusi yhdistys", "short_name": "UY", "kind": "ngo"}
    client.post(url("organisation-new"), {**data, "aliases": " Vanha nimi \n\nUusi yhdistys\nVN"})
    created = Organisation.objects.get(name="Uusi yhdistys")
    assert created.aliases == ["Vanha nimi", "VN"]
    assert taking_part(people)[-1] == "Uusi yhdistys"
    assert changes_of(created).get().kind == Change.Kind.CREATED
    page = client.get(url("organisation-edit", created.pk)).text
    assert "Vanha nimi\nVN</textarea>" in page


@pytest.mark.usefixtures("in_english")
def test_organisation_edit_is_recorded_with_old_and_new_values(client, people):
    client.force_login(people.alice)
    data = {"name": "Organisaatio 1", "kind": "parish", "aliases": "O1", "version": "1"}
    client.post(url("organisation-edit", people.first.pk), data)
    change = changes_of(people.first).get()
    fields = {field["field"]: (field["old"], field["new"]) for field in change.fields}
    assert fields == {"kind": ("Other", "Parish"), "aliases": ("", "O1")}
    assert change.plan == people.plan and change.user == people.alice


def test_organisation_outside_the_plan_is_not_found(client, people):
    client.force_login(people.alice)
    assert client.get(url("organisation-edit", outsider().pk)).status_code == 404


@pytest.mark.usefixtures("in_english")
def test_an_organisation_with_actions_is_not_removed_and_the_page_says_why(
    client, people_with_third
):
    people = people_with_third
    client.force_login(people.alice)
    response = client.post(url("organisation-remove", people.third_pk), follow=True)
    assert "cannot be removed from the plan" in response.text
    assert "It has 4 actions in the plan" in response.text
    assert len(taking_part(people)) == 3


@pytest.fixture
def people_with_third(people):
    people.third_pk = people.plan.organisations.get(name="Organisaatio 3").pk
    return people


@pytest.mark.usefixtures("in_english")
def test_an_organisation_with_editors_is_not_removed(client, people):
    client.force_login(people.alice)
    people.plan.actions.filter(organisation=people.first).update(organisation=people.second)
    response = client.post(url("organisation-remove", people.first.pk), follow=True)
    assert "1 person edits its actions in the plan." in response.text
    assert "Organisaatio 1" in taking_part(people)


def test_removing_an_idle_organisation_is_recorded(client, people):
    organisation = idle(people)
    client.force_login(people.alice)
    client.post(url("organisation-remove", organisation.pk))
    assert organisation.name not in taking_part(people)
    removed = Change.objects.get(kind=Change.Kind.REMOVED)
    assert removed.plan == people.plan and removed.fields[0]["old"] == organisation.name
    assert organisation.name in client.get(url("organisations-edit")).text  # in the history


@pytest.mark.usefixtures("in_english")
def test_a_new_organisation_needs_a_free_name_and_keeps_the_input(client, people):
    client.force_login(people.alice)
    data = {"name": "Organisaatio 2", "short_name": "Lyhyt", "kind": "ngo", "aliases": "A\nB"}
    response = client.post(url("organisation-new"), data)
    assert response.status_code == 200 and "already exists" in response.text
    assert 'value="Lyhyt"' in response.text and "A\nB</textarea>" in response.text
    assert len(taking_part(people)) == 3

"""An organisation belongs to no single plan: only who coordinates every plan it takes
part in (or an administrator) changes it, and each change is in every plan's history."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.history.models import Change
from lanu.history.records import changes_of
from lanu.importers.data import OrganisationData
from lanu.importers.save import save_plan
from lanu.importers.synthetic import synthetic_plan_data
from lanu.plans.models import Organisation

pytestmark = pytest.mark.django_db


def espoo_plan():
    """A published plan of its own whose only organisation is Espoon kaupunki."""
    data = synthetic_plan_data(3, organisations=1, slug="espoo")
    data.organisations = [OrganisationData("Espoon kaupunki", kind="municipality")]
    for action in data.actions:
        action.organisation = "Espoon kaupunki"
    return save_plan(data, "espoo")


def url(name, *args) -> str:
    return reverse(f"plans:{name}", args=["yhteinen", *args])


def rename(client, organisation, name="Espoon kaupunki (muutettu)"):
    data = {"name": name, "kind": organisation.kind, "version": organisation.version}
    return client.post(url("organisation-edit", organisation.pk), data)


def test_a_coordinator_cannot_rename_another_plans_organisation(client, people):
    espoo = espoo_plan()
    organisation = Organisation.objects.get(name="Espoon kaupunki")
    client.force_login(people.alice)
    client.post(url("organisation-add"), {"organisation": organisation.pk})
    assert rename(client, organisation).status_code == 403
    client.post(url("organisation-remove", organisation.pk))
    assert Organisation.objects.get(pk=organisation.pk).name == "Espoon kaupunki"
    assert "Espoon kaupunki (muutettu)" not in client.get(espoo.get_absolute_url()).text
    assert not Change.objects.filter(kind=Change.Kind.CHANGED).exists()


@pytest.mark.usefixtures("in_english")
def test_the_form_is_read_only_and_says_who_may_change_it(client, people):
    espoo_plan()
    organisation = Organisation.objects.get(name="Espoon kaupunki")
    client.force_login(people.alice)
    client.post(url("organisation-add"), {"organisation": organisation.pk})
    page = client.get(url("organisation-edit", organisation.pk)).text
    assert '<input type="text" name="name"' not in page
    assert "you cannot change its name, short name, kind or aliases" in page
    assert "coordinates every plan it takes part in:" in page
    assert "Synteettinen suunnitelma (3 toimenpidettä)" in page  # the published Espoo plan
    assert "an administrator" in page


@pytest.mark.usefixtures("in_english")
def test_plans_the_person_may_not_read_are_not_named(client, people):
    espoo = espoo_plan()
    espoo.published = False
    espoo.save()
    organisation = Organisation.objects.get(name="Espoon kaupunki")
    client.force_login(people.alice)
    client.post(url("organisation-add"), {"organisation": organisation.pk})
    page = client.get(url("organisation-edit", organisation.pk)).text
    assert "including plans you cannot see" in page
    assert "Synteettinen suunnitelma (3 toimenpidettä)" not in page


def test_a_coordinator_of_every_plan_renames_it_into_every_plans_history(client, people):
    espoo = espoo_plan()
    organisation = Organisation.objects.get(name="Espoon kaupunki")
    Membership.objects.create(user=people.alice, plan=espoo, role="coordinator")
    client.force_login(people.alice)
    client.post(url("organisation-add"), {"organisation": organisation.pk})
    organisation.refresh_from_db()
    assert rename(client, organisation).status_code == 302
    assert Organisation.objects.get(pk=organisation.pk).name == "Espoon kaupunki (muutettu)"
    changed = Change.objects.filter(kind=Change.Kind.CHANGED, object_id=organisation.pk)
    assert {change.plan.slug for change in changed} == {"yhteinen", "espoo"}
    assert [change.kind for change in changes_of(organisation)] == [Change.Kind.CHANGED]
    page = client.get(url("organisation-edit", organisation.pk)).text
    assert page.count("Espoon kaupunki (muutettu)</td>") == 1  # the history shows it once
    espoo_page = client.get(reverse("plans:organisations-edit", args=["espoo"])).text
    assert "<td>Espoon kaupunki</td><td>Espoon kaupunki (muutettu)</td>" in espoo_page


def test_an_administrator_renames_a_shared_organisation(client, people):
    espoo_plan()
    organisation = Organisation.objects.get(name="Espoon kaupunki")
    admin = get_user_model().objects.create_superuser("root", "root@example.fi", "x-123-y")
    client.force_login(people.alice)
    client.post(url("organisation-add"), {"organisation": organisation.pk})
    client.force_login(admin)
    assert rename(client, organisation).status_code == 302
    assert Change.objects.filter(kind=Change.Kind.CHANGED, plan__slug="espoo").exists()


def test_a_coordinator_still_removes_a_shared_organisation_from_her_plan(client, people):
    espoo_plan()
    organisation = Organisation.objects.get(name="Espoon kaupunki")
    client.force_login(people.alice)
    client.post(url("organisation-add"), {"organisation": organisation.pk})
    client.post(url("organisation-remove", organisation.pk))
    assert not people.plan.organisations.filter(pk=organisation.pk).exists()

"""Coordinators create and edit plans; the public plan page shows them an editing toolbar."""

import pytest
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.history.models import Change
from lanu.history.records import changes_of
from lanu.plans.forms import PlanForm
from lanu.plans.models import Plan
from tests.personas import PERSONAS, as_persona, check_outcome, form_data

pytestmark = pytest.mark.django_db

NEW_PLAN = {"name": "Kotkan suunnitelma", "slug": "", "period_start": "2025"}
NEW_PLAN |= {"period_end": "2028", "language": "fi", "status": "draft"}
NEW_PLAN |= {"goal_label": "Päätavoite", "subgoal_label": "Välitavoite"}
NEW_PLAN |= {"action_label": "Toimenpide"}


def edit_url(plan) -> str:
    return reverse("plans:plan-edit", args=[plan.slug])


def plan_data(plan, **changes) -> dict:
    return form_data(PlanForm(instance=plan), **changes)


# plans/new/ is no plan's page: mallory, who coordinates nothing, gets 403, not 404, and
# an anonymous visitor the login page
NOT_A_PLANS_PAGE = {"mallory-no-role": ("mallory", 403), "anonymous": (None, "login")}
CREATORS = [
    pytest.param(*NOT_A_PLANS_PAGE[p.id]) if p.id in NOT_A_PLANS_PAGE else p for p in PERSONAS
]


@pytest.mark.parametrize("persona, expected", CREATORS)
def test_new_plan_is_for_those_who_may_create_plans(client, people, persona, expected):
    before = Plan.objects.count()
    response = as_persona(client, people, persona).post(reverse("plans:plan-new"), NEW_PLAN)
    check_outcome(response, expected)
    assert Plan.objects.count() == before + (expected == "done")


def test_new_plan_makes_its_creator_coordinator_and_records_it(client, people):
    client.force_login(people.alice)
    response = client.post(reverse("plans:plan-new"), NEW_PLAN)
    plan = Plan.objects.get(name="Kotkan suunnitelma")
    assert plan.slug == "kotkan-suunnitelma" and not plan.published
    assert response.url == edit_url(plan)
    membership = Membership.objects.get(plan=plan)
    assert (membership.user, membership.role) == (people.alice, "coordinator")
    created = changes_of(plan).get()
    assert created.kind == Change.Kind.CREATED and created.plan == plan
    assert client.get(edit_url(plan)).status_code == 200


@pytest.mark.parametrize("persona, expected", PERSONAS)
def test_editing_a_plan_is_for_its_coordinators(client, people, persona, expected):
    data = plan_data(people.plan, name="Uusi nimi")
    response = as_persona(client, people, persona).post(edit_url(people.plan), data)
    check_outcome(response, expected)
    people.plan.refresh_from_db()
    assert (people.plan.name == "Uusi nimi") == (expected == "done")
    assert changes_of(people.plan).exists() == (expected == "done")


@pytest.mark.parametrize("persona, expected", PERSONAS)
def test_plan_edit_page_is_for_its_coordinators(client, people, persona, expected):
    response = as_persona(client, people, persona).get(edit_url(people.plan))
    check_outcome(response, 200 if expected == "done" else expected)


def test_plan_edit_is_recorded_with_old_and_new_values(client, people):
    client.force_login(people.alice)
    old_name = people.plan.name
    client.post(edit_url(people.plan), plan_data(people.plan, name="Uusi nimi", published=True))
    change = changes_of(people.plan).get()
    fields = {field["field"]: field for field in change.fields}
    assert (fields["name"]["old"], fields["name"]["new"]) == (old_name, "Uusi nimi")
    assert (fields["published"]["old"], fields["published"]["new"]) == ("–", "✓")
    assert change.user == people.alice and change.version == 2
    page = client.get(edit_url(people.plan))
    assert "Uusi nimi" in page.text and old_name in page.text


def test_publishing_opens_the_plan_to_everyone_and_unpublishing_closes_it(client, people):
    plan_url = reverse("plans:plan", args=[people.plan.slug])
    alice = as_persona(client.__class__(), people, "alice")
    alice.post(edit_url(people.plan), plan_data(people.plan, published=True))
    assert client.get(plan_url).status_code == 200
    people.plan.refresh_from_db()
    alice.post(edit_url(people.plan), plan_data(people.plan, published=False))
    assert client.get(plan_url).status_code == 404


@pytest.mark.usefixtures("in_english")
def test_period_must_not_end_before_it_starts_and_the_input_stays(client, people):
    client.force_login(people.alice)
    data = plan_data(people.plan, name="Kirjoitettu nimi", period_start="2027", period_end="2024")
    response = client.post(edit_url(people.plan), data)
    assert response.status_code == 200
    assert "The last year cannot be before the first year." in response.text
    assert 'value="Kirjoitettu nimi"' in response.text and 'value="2027"' in response.text
    assert "error-summary" in response.text
    people.plan.refresh_from_db()
    assert people.plan.period_end == 2027 and not changes_of(people.plan).exists()


@pytest.mark.usefixtures("in_english")
@pytest.mark.parametrize("slug", ["new", "bad address", "synthetic-3"])
def test_plan_address_must_be_free_and_valid(client, people, plan_of, slug):
    plan_of(3)
    client.force_login(people.alice)
    response = client.post(edit_url(people.plan), plan_data(people.plan, slug=slug))
    assert response.status_code == 200 and "Please check the form" in response.text
    assert Plan.objects.filter(slug="yhteinen").exists()


@pytest.mark.parametrize("persona, shown", [("alice", True), ("bob", False), ("vera", False)])
def test_plan_page_shows_the_editing_toolbar_to_coordinators_only(client, people, persona, shown):
    response = as_persona(client, people, persona).get(reverse("plans:plan", args=["yhteinen"]))
    assert (edit_url(people.plan) in response.text) == shown
    assert (reverse("plans:people", args=["yhteinen"]) in response.text) == shown


def test_get_changes_nothing(client, people):
    client.force_login(people.alice)
    client.get(edit_url(people.plan))
    client.get(reverse("plans:plan-new"))
    assert Change.objects.count() == 0 and Plan.objects.count() == 1

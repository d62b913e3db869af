"""Every public page and export runs as many SQL queries for 1,000 actions as for 10."""

import pytest
from django.urls import reverse

from tests.querycount import queries_for

pytestmark = pytest.mark.django_db

PAGES = ["plan", "subgoal", "organisation", "actions", "action"]
EXPORTS = ["export-json", "export-csv", "export-xlsx"]


def url_of(page: str, plan) -> str:
    action = plan.actions.order_by("order").first()
    ids = {
        "subgoal": [action.subgoals.order_by("id").first().pk],
        "organisation": [action.organisation_id],
        "action": [action.pk],
    }
    return reverse(f"plans:{page}", args=[plan.slug, *ids.get(page, [])])


@pytest.mark.parametrize("page", PAGES + EXPORTS)
def test_page_query_count_does_not_grow_with_the_plan(client, plan_of, page):
    small, large = plan_of(10, slug="small"), plan_of(1000, slug="large")
    assert queries_for(client, url_of(page, small)) == queries_for(client, url_of(page, large))


def test_plan_list_query_count_does_not_grow_with_the_number_of_plans(client, plan_of):
    plan_of(5, slug="one")
    one = queries_for(client, reverse("plans:list"))
    for n in range(5):
        plan_of(5, slug=f"more-{n}")
    assert queries_for(client, reverse("plans:list")) == one

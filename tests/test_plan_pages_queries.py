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


def member_of(plan, name: str, role: str):
    """A coordinator or an editor of the organisation of the plan's first action."""
    from django.contrib.auth import get_user_model

    from lanu.accounts.models import Membership

    user = get_user_model().objects.create_user(f"{name}-{plan.slug}", password="salasana-123")
    organisation = plan.actions.order_by("order").first().organisation if role == "editor" else None
    Membership.objects.create(user=user, plan=plan, role=role, organisation=organisation)
    return user


def queries_as(client, user, url: str) -> int:
    """Queries of the page for this person (logged in: the page stays theirs afterwards)."""
    client.force_login(user)
    return queries_for(client, url)


@pytest.mark.parametrize("role", ["coordinator", "editor"])
def test_plan_page_with_an_open_round_does_not_grow_with_the_plan(client, plan_of, role):
    """The open round's section of the plan page, as its members see it."""
    from lanu.followup.synthetic import build_rounds

    counts = []
    for n, slug in ((10, "small"), (100, "large")):
        plan = plan_of(n, slug=slug)
        build_rounds(plan, years=(2023, 2024))  # 2024 stays open
        user = member_of(plan, "member", role)
        counts.append(queries_as(client, user, url_of("plan", plan)))
        assert "open-round-2024" in client.get(url_of("plan", plan)).text
    assert counts[0] == counts[1]


def test_action_page_with_its_years_does_not_grow_with_the_plan(client, plan_of):
    """The action page's table of its submitted reports, year by year, with metric values."""
    from lanu.followup.models import ActionReport, MetricValue
    from lanu.followup.synthetic import build_rounds
    from lanu.plans.models import Metric

    counts = []
    for n, slug in ((10, "small"), (100, "large")):
        plan = plan_of(n, slug=slug)
        build_rounds(plan, years=(2022, 2023, 2024))
        metrics = Metric.objects.filter(action__plan=plan).values_list("action_id", "pk")
        reports = ActionReport.objects.filter(round__plan=plan).values_list("action_id", "pk")
        MetricValue.objects.bulk_create(
            MetricValue(report_id=report, metric_id=metric, value=metric % 7)
            for action, metric in metrics
            for of_action, report in reports
            if action == of_action
        )
        action = plan.actions.filter(metrics__isnull=False).order_by("order").first()
        url = reverse("plans:action", args=[plan.slug, action.pk])
        counts.append(queries_for(client, url))
        page = client.get(url).text
        assert "progress/2022/" in page and "progress/2023/" in page  # a row a closed round
        assert 'class="metric-values"' in page
    assert counts[0] == counts[1]

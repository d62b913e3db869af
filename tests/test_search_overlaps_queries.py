"""The overlap review and the plan page's overlap count read a fixed number of queries,
however many actions, pairs and decisions the plan has."""

import pytest
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.search.overlaps import decide, review

from .overlap_data import seed_like_plan
from .querycount import queries_for

pytestmark = pytest.mark.django_db


def coordinated(client, people, plan):
    Membership.objects.create(user=people.alice, plan=plan, role="coordinator")
    client.force_login(people.alice)


def decide_some(plan, user, count: int) -> None:
    for pair in review(plan).open[:count]:
        decide((pair.first, pair.second), "same_work", user)


def test_overlap_queries_stay_constant_as_the_plan_grows(client, people):
    small = seed_like_plan(40, "pieni")
    large = seed_like_plan(160, "suuri")
    for plan in (small, large):
        coordinated(client, people, plan)
    decide_some(small, people.alice, 1)
    decide_some(large, people.alice, 6)
    for name in ("search-plan:overlaps", "plans:plan"):
        urls = [reverse(name, args=[plan.slug]) for plan in (small, large)]
        assert queries_for(client, urls[0]) == queries_for(client, urls[1]), name
    decided = [
        reverse("search-plan:overlaps", args=[plan.slug]) + "?tab=decided"
        for plan in (small, large)
    ]
    assert queries_for(client, decided[0]) == queries_for(client, decided[1])

"""The search narrowed by plan, organisation, goal and status; and in a fixed number of
queries however many are found."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from lanu.followup.models import ActionReport, StatusLevel, Submission
from lanu.followup.rounds import close_round, open_round
from lanu.plans.models import Goal
from lanu.search.fulltext import search
from tests.querycount import queries_for
from tests.search_data import found, plan_of_actions

pytestmark = pytest.mark.django_db


def two_plans():
    first = plan_of_actions(
        "eka", [("Kunta", "Kiusaamisen ehkäisy kouluissa"), ("MLL", "Kiusaamista vastaan")]
    )
    second = plan_of_actions("toka", [("Kunta", "Kiusaaminen loppuu")])
    return first, second


def test_search_filter_by_plan_and_organisation_narrows():
    first, _ = two_plans()
    assert len(found("kiusaaminen")) == 3
    assert sorted(found("kiusaaminen", plan="eka")) == [
        "Kiusaamisen ehkäisy kouluissa",
        "Kiusaamista vastaan",
    ]
    mll = first.actions.get(description="Kiusaamista vastaan").organisation_id
    assert found("kiusaaminen", organisation=mll) == ["Kiusaamista vastaan"]


def test_search_filter_by_goal_keeps_the_goal_and_its_actions():
    first, _ = two_plans()
    other = Goal.objects.create(plan=first, number="II", title="Kiusaamisen vähentäminen")
    goal = Goal.objects.get(plan=first, number="I")
    assert "II Kiusaamisen vähentäminen" in found("kiusaaminen", plan="eka")
    assert sorted(found("kiusaaminen", plan="eka", goal=goal.pk)) == [
        "Kiusaamisen ehkäisy kouluissa",
        "Kiusaamista vastaan",
    ]
    assert found("kiusaaminen", plan="eka", goal=other.pk) == ["II Kiusaamisen vähentäminen"]


def test_search_filter_by_status_reads_the_latest_public_report():
    first, _ = two_plans()
    action = first.actions.get(description="Kiusaamista vastaan")
    round_ = open_round(first, 2025, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
    level = StatusLevel.objects.filter(plan=first).order_by("order").last()
    ActionReport.objects.create(round=round_, action=action, status=level)
    assert found("kiusaaminen", status=level.name) == []  # not public yet
    Submission.objects.create(round=round_, organisation=action.organisation)
    close_round(round_)
    assert found("kiusaaminen", status=level.name) == ["Kiusaamista vastaan"]


def test_search_page_filters_by_plan(client):
    two_plans()
    text = client.get(reverse("search:search"), {"q": "kiusaaminen", "plan": "toka"}).text
    assert (
        '</mark><span class="visually-hidden"> (osuma)</span> loppuu' in text
        and "vastaan" not in text
    )
    assert '<option value="toka" selected>' in text


def test_search_page_queries_stay_the_same_as_results_grow(client):
    plan_of_actions("eka", [("Kunta", "Kiusaamisen ehkäisy")])
    url = reverse("search:search") + "?q=kiusaaminen"
    few = queries_for(client, url)
    for n in range(5):
        plan_of_actions(f"lisa-{n}", [(f"Järjestö {n}", f"Kiusaaminen {n}"), ("Kunta", "Kiusaus")])
    assert queries_for(client, url) == few
    assert queries_for(client, url + "&plan=eka") == queries_for(client, url + "&plan=lisa-1")
    assert search("kiusaaminen", AnonymousUser()).count == 6

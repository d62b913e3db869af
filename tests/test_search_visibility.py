"""What the search never shows: unpublished plans to those without a role in them, and
follow-up texts before their organisation submitted them and their round closed."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from lanu.followup.models import ActionReport, Submission
from lanu.followup.rounds import close_round, open_round
from lanu.search.fulltext import search
from tests.search_data import found, plan_of_actions

pytestmark = pytest.mark.django_db


def test_search_finds_an_unpublished_plan_only_for_its_members(people, client):
    plan_of_actions("luonnos", [("Kunta", "Kiusaamisen ehkäisy")], published=False)
    action = people.plan.actions.first()
    action.description = "Perhekeskuksen avoin kohtaamispaikka"
    action.save()
    assert found("perhekeskus") == []
    assert found("kiusaaminen") == []
    assert found("perhekeskus", people.mallory) == []
    assert found("perhekeskus", people.vera) == ["Perhekeskuksen avoin kohtaamispaikka"]
    client.force_login(people.mallory)
    text = client.get(reverse("search:search"), {"q": "perhekeskus"}).text
    assert "Perhekeskuksen" not in text


def report(action, text: str) -> ActionReport:
    return ActionReport.objects.create(round=round_of(action), action=action, account=text)


def round_of(action):
    plan = action.plan
    existing = plan.rounds.first()
    if existing:
        return existing
    return open_round(plan, 2025, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def test_search_finds_a_follow_up_text_once_submitted_and_its_round_closed(people):
    plan = plan_of_actions("kunta", [("Kunta", "Liikunta"), ("Järjestö", "Kerhot")])
    ours, theirs = plan.actions.order_by("pk")
    report(ours, "Nuorisotyössä järjestettiin kiusaamisen vastaisia iltoja")
    report(theirs, "Nuorisotyön luonnos, jota ei ole lähetetty")
    assert found("nuorisotyö") == []  # drafts in an open round
    Submission.objects.create(round=round_of(ours), organisation=ours.organisation)
    assert found("nuorisotyö") == []  # submitted, the round still open
    close_round(round_of(ours))
    assert found("nuorisotyö") == [f"2025: {ours.title}"]
    assert found("luonnos") == []  # never submitted: a draft, even closed
    superuser = type(people.alice).objects.create_superuser("root", "r@example.fi", "x")
    assert found("luonnos", superuser) == []


def test_search_results_link_a_follow_up_text_to_its_action():
    plan = plan_of_actions("kunta", [("Kunta", "Liikunta")])
    action = plan.actions.get()
    report(action, "Nuorisotyössä paljon uutta")
    Submission.objects.create(round=round_of(action), organisation=action.organisation)
    close_round(round_of(action))
    results = search("nuorisotyö", AnonymousUser())
    assert results.groups[0].organisations[0].hits[0].url == action.get_absolute_url()

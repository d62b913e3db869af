"""Every follow-up URL against every persona: allowed or refused, and a refusal changes nothing.

The plan "yhteinen" of the `people` fixture is unpublished, with an open round for 2023.
alice coordinates; bob reports Organisaatio 1's actions, charlie Organisaatio 2's; vera
is a viewer; mallory has an account but no role; anonymous is not logged in.
"""

import datetime

import pytest
from django.urls import reverse

from lanu.followup import reporting
from lanu.followup.models import (
    ActionReport,
    AddedPriority,
    FollowUpRound,
    JointHighlight,
    MetricValue,
    StatusLevel,
    Submission,
)
from lanu.followup.reports import digest
from lanu.followup.rounds import open_round
from lanu.history.models import Change

pytestmark = pytest.mark.django_db

PERSONAS = ["alice", "bob", "charlie", "vera", "mallory", "anonymous"]
COORDINATOR = {"alice"}
FIRST = {"alice", "bob"}  # who reports for Organisaatio 1
# URL name -> the personas allowed to change data through it; every other one is refused.
ALLOWED = {
    "round-new": COORDINATOR,
    "round-scale": COORDINATOR,
    "round-close": COORDINATOR,
    "round-highlights": COORDINATOR,
    "report-action": FIRST,  # an action of Organisaatio 1
    "report-priorities": FIRST,
    "report-submit": FIRST,
}
# Pages that only show: URL name -> the personas that may read them.
MEMBERS = {"alice", "bob", "charlie", "vera"}
READERS = {"rounds": MEMBERS, "round": MEMBERS, "report-organisation": {"alice", "bob", "vera"}}


def test_every_reporting_url_is_in_these_tables():
    assert {p.name for p in reporting.urlpatterns} == set(ALLOWED) | set(READERS)


@pytest.fixture
def round_(people):
    return open_round(people.plan, 2023, datetime.date(2024, 1, 15), datetime.date(2024, 2, 29))


def url_of(name: str, people) -> str:
    kwargs = {"slug": people.plan.slug}
    if name not in {"rounds", "round-new", "round-scale"}:
        kwargs["year"] = 2023
    if name.startswith("report-"):
        kwargs["pk"] = people.first.pk
    if name == "report-action":
        kwargs["pk"] = people.plan.actions.filter(organisation=people.first).first().pk
    return reverse(f"followup:{name}", kwargs=kwargs)


def data_for(name: str, people) -> dict:
    """What an allowed person would post to the URL to change something."""
    subgoal = people.plan.goals.get(number="I").subgoals.get(number="1")
    texts = {"loaded": digest({}), f"subgoal_{subgoal.pk}": "Uusi teksti"}
    action = people.plan.actions.filter(organisation=people.first).first()
    metric = action.metrics.first()
    level = people.plan.status_levels.first()
    report = {"status": level.pk, "account": "Tehty", f"metric_{metric.pk}": "3,5"}
    return {
        "round-new": {"year": 2025, "opens_on": "2024-01-01", "closes_on": "2024-02-01"},
        "round-scale": {"form": "preset", "preset-preset": "realised"},
        "round-highlights": texts,
        "report-priorities": texts,
        "report-action": {**report, "version": "", "loaded": ""},
        "report-submit": {"confirm": "yes"},
    }.get(name, {})


def database_state() -> tuple:
    models = (ActionReport, MetricValue, Submission, AddedPriority, JointHighlight, Change)
    rounds = tuple(FollowUpRound.objects.order_by("pk").values_list("year", "state"))
    levels = tuple(StatusLevel.objects.order_by("pk").values_list("pk", "name"))
    return tuple(model.objects.count() for model in models) + rounds + levels


def refused(response) -> bool:
    login = response.status_code == 302 and "/accounts/login/" in response["Location"]
    return login or response.status_code in (403, 404, 405)


def expected_refusal(persona: str) -> int | str:
    """The plan is unpublished: who may not read it gets 404, not even the login page."""
    return {"mallory": 404, "anonymous": 404}.get(persona, 403)


def check_refusal(response, persona: str) -> None:
    expected = expected_refusal(persona)
    if expected == "login":
        assert response.status_code in (302, 405)
        assert response.status_code == 405 or "/accounts/login/" in response["Location"]
    else:
        assert response.status_code in (expected, 405)


CASES = [(name, persona) for name in sorted(ALLOWED) for persona in PERSONAS]


@pytest.mark.parametrize("name, persona", CASES)
def test_changing_url_allows_and_refuses_as_the_roles_say(client, people, round_, name, persona):
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    url, data = url_of(name, people), data_for(name, people)
    before = database_state()
    responses = [client.get(url), client.post(url, data)]
    if persona in ALLOWED[name]:
        assert responses[1].status_code == 302, (url, responses[1].status_code)
        assert "/accounts/login/" not in responses[1]["Location"]
        assert database_state() != before, url
    else:
        assert all(refused(response) for response in responses), url
        for response in responses:
            check_refusal(response, persona)
        assert database_state() == before, url


READ_CASES = [(name, persona) for name in sorted(READERS) for persona in PERSONAS]


@pytest.mark.parametrize("name, persona", READ_CASES)
def test_page_shows_only_to_whom_it_should(client, people, round_, name, persona):
    if persona != "anonymous":
        client.force_login(getattr(people, persona))
    response = client.get(url_of(name, people))
    if persona in READERS[name]:
        assert response.status_code == 200
    else:
        check_refusal(response, persona)


def test_a_published_plans_rounds_are_not_public(client, people, round_):
    people.plan.published = True
    people.plan.save()
    client.force_login(people.mallory)
    assert client.get(url_of("rounds", people)).status_code == 403
    client.logout()
    assert "/accounts/login/" in client.get(url_of("round", people))["Location"]

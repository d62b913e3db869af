"""One guard: an unpublished plan's addresses tell nobody who may not read it that it exists.

Every address of the plan is listed from the URL conf (the plans', importers' and
follow-up pages alike), so a new page is checked without anyone remembering to add it.
A logged-in person with no role in the plan gets 404 from each, by GET and by POST, as
from a plan that does not exist; an anonymous visitor gets 404 too, even where the page
needs a login (plans/middleware.py), the login offered on the 404 page. Those who may
read the plan but not do this get 403 (tests/test_import_upload.py).
"""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lanu.followup.rounds import close_round, open_round
from lanu.importers.views import read_upload
from lanu.indicators.synthetic import build_indicators
from lanu.voice.models import FeedbackForm
from tests.voice_assessments import draft

from .test_phone_browser import page_names

pytestmark = pytest.mark.django_db

PENDING_IMPORT = {"plans:import-preview", "plans:import-confirm", "plans:import-cancel"}
MISSING = "ei-tallaista-suunnitelmaa"  # the address of a plan that does not exist


@pytest.fixture
def addresses(people):
    """Every address of the people's unpublished plan (each part of it a real object of
    the plan: an open and a closed round, alice's pending upload into it), with the
    same address for a plan that does not exist."""
    plan = people.plan
    close_round(open_round(plan, 2023, datetime.date(2024, 1, 15), datetime.date(2024, 2, 29)))
    open_round(plan, 2024, datetime.date(2025, 1, 15), datetime.date(2025, 2, 28))
    coordinator = Client()
    coordinator.force_login(people.alice)
    spreadsheet = coordinator.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue()
    pending = read_upload(spreadsheet, "toimenpiteet.xlsx", plan)
    pending.user = people.alice
    pending.save()
    goal = plan.goals.order_by("order").first()
    (indicator,) = build_indicators(plan, 1)
    feedback = FeedbackForm.objects.create(plan=plan, title="Kysely", organisation=people.first)
    pks = {
        "goal": goal.pk,
        "subgoal": goal.subgoals.first().pk,
        "organisation": people.first.pk,
        "priorities": people.first.pk,
        "submit": people.first.pk,
        "action": plan.actions.filter(organisation=people.first).first().pk,
        "import": pending.pk,
        "membership": people.vera.memberships.get().pk,
        "event": plan.events.first().pk,
        "indicator": indicator.pk,
        "share": feedback.pk,
        "form": feedback.pk,  # voice: form-edit, questions, summary and its exports
        "questions": feedback.pk,
        "summary": feedback.pk,
        "assessment": draft(people.plan, actions=[people.plan.actions.first()]).pk,
    }
    found = {}
    for name, params in page_names().items():
        if "slug" in params or name in PENDING_IMPORT:
            kwargs = {"slug": plan.slug} if "slug" in params else {}
            kwargs |= {"goal_pk": goal.pk} if "goal_pk" in params else {}
            kwargs |= {"year": 2023 if name == "followup:progress-year" else 2024}
            kwargs = {key: value for key, value in kwargs.items() if key in params}
            if "pk" in params:
                kind = name.split(":")[-1].split("-")
                kwargs["pk"] = pks[kind[1] if kind[0] == "report" else kind[0]]
            missing = kwargs | {"slug": MISSING} if "slug" in params else kwargs
            found[name] = (reverse(name, kwargs=kwargs), reverse(name, kwargs=missing))
    return found


def test_the_walk_finds_every_kind_of_the_plans_addresses(addresses):
    names = set(addresses)
    assert {"plans:plan", "plans:action-edit", "plans:people"} <= names
    assert {"plans:import-into", "plans:import-preview", "followup:round"} <= names
    assert {"followup:report-organisation", "followup:progress"} <= names
    assert {"indicators:dashboard", "indicators:indicator"} <= names


def test_every_address_of_the_plan_is_real_to_its_coordinator(client, people, addresses):
    """The addresses are the plan's real pages: the walk filled them in rightly."""
    client.force_login(people.alice)
    for name, (url, _missing) in addresses.items():
        if name != "plans:import-cancel":  # a GET of it cancels nothing, but ends alice's
            assert client.get(url).status_code != 404, name


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_person_with_no_role_gets_404_from_every_address(client, people, addresses, method):
    client.force_login(people.mallory)
    shown = {}
    for name, (url, missing) in addresses.items():
        status = getattr(client, method)(url).status_code
        assert status == getattr(client, method)(missing).status_code, name
        shown[name] = status
    assert {status for status in shown.values()} <= {404, 405}, shown
    assert sum(status == 404 for status in shown.values()) > len(shown) / 2


@pytest.mark.parametrize("method", ["get", "post"])
def test_an_anonymous_visitor_gets_404_from_every_address(client, people, addresses, method):
    """Even where a page needs a login: the login is offered on the 404 page instead."""
    shown = {}
    for name, (url, missing) in addresses.items():
        response, other = getattr(client, method)(url), getattr(client, method)(missing)
        assert response.status_code == other.status_code, name
        shown[name] = response.status_code
    with_slug = {name for name, (url, missing) in addresses.items() if url != missing}
    assert all(shown[name] == 404 for name in with_slug), shown
    url = addresses["plans:action-edit"][0]
    page = client.get(url)
    assert f'href="{reverse("login")}?next={url}"' in page.text  # the login, back to the page


def test_a_published_plans_login_pages_still_ask_for_the_login(client, people, addresses):
    people.plan.published = True
    people.plan.save()
    url, _missing = addresses["plans:action-edit"]
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_an_anonymous_visitors_page_reads_the_plan_once(client, people):
    """The middleware's plan is the one the view's guard gives: not read twice."""
    people.plan.published = True
    people.plan.save()
    url = reverse("plans:plan", args=[people.plan.slug])
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    plan_reads = [q for q in queries if 'FROM "plans_plan"' in q["sql"]]
    assert len(plan_reads) == 1

"""The one page of an organisation's report: every action's form on it, each saved by itself,
submitting at the bottom; viewers and closed rounds read the reports as a table."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from lanu.followup.models import ActionReport
from lanu.followup.rounds import close_round, open_round
from tests.html_links import press

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]


@pytest.fixture
def round_(people):
    return open_round(people.plan, 2023, datetime.date(2024, 1, 15), datetime.date(2024, 2, 29))


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def report_page(people, organisation) -> str:
    return reverse("followup:report-organisation", args=["yhteinen", 2023, organisation.pk])


class PageOrder(HTMLParser):
    """The page's forms (their action), focusable fields in document order, ids and tabindexes."""

    def __init__(self):
        super().__init__()
        self.forms: list[str] = []
        self.fields: list[tuple[str, str]] = []  # (form action, name or button)
        self.ids: list[str] = []
        self.tabindexes: list[int] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "tabindex" in attrs:
            self.tabindexes.append(int(attrs["tabindex"]))
        if tag == "form":
            self.forms.append(attrs.get("action", ""))
        elif tag in ("input", "textarea", "button") and attrs.get("type") != "hidden":
            self.fields.append((self.forms[-1] if self.forms else "", attrs.get("name", tag)))


def read(response) -> PageOrder:
    order = PageOrder()
    order.feed(response.content.decode())
    return order


def test_an_editor_reports_every_action_on_one_page_in_page_order(people, round_):
    page = logged_in(people.bob).get(report_page(people, people.first))
    actions = list(people.plan.actions.filter(organisation=people.first).order_by("order"))
    order = read(page)
    report_urls = [
        reverse("followup:report-action", args=["yhteinen", 2023, a.pk]) for a in actions
    ]
    assert [form for form in order.forms if "/actions/" in form] == report_urls
    for action, url in zip(actions, report_urls, strict=True):
        names = [name for form, name in order.fields if form == url]
        metrics = [f"metric_{m.pk}" for m in action.metrics.order_by("order")]
        assert names[0] == "status" and names[-2:] == ["continuation", "button"]
        assert "account" in names and all(m in names for m in metrics)
    submit = reverse("followup:report-submit", args=["yhteinen", 2023, people.first.pk])
    assert order.forms[-1] == submit  # submitting comes after every action
    assert len(order.ids) == len(set(order.ids))  # each form's labels find their own field
    assert all(index <= 0 for index in order.tabindexes)  # the keyboard follows the page
    others = people.plan.actions.exclude(organisation=people.first)
    assert not any(a.title in page.text for a in others)


def test_each_actions_form_saves_that_action_and_comes_back_to_it(people, round_):
    bob = logged_in(people.bob)
    page = bob.get(report_page(people, people.first))
    forms = page.context["report_forms"]
    (first, _), (second, _) = forms[0], forms[1]
    data = {"status": "", "account": "Toinen tehtiin.", "continuation": "", "version": ""}
    saved = press(bob, page, f"Save – Action {second.number}", data)
    assert saved.url.endswith(f"#report-{second.pk}")
    assert list(ActionReport.objects.values_list("action", "account")) == [
        (second.pk, "Toinen tehtiin.")
    ]
    again = bob.get(saved.url)
    assert "Toinen tehtiin.</textarea>" in again.text
    assert re.search(rf'id="id_a{second.pk}_account"[^>]*>\s*Toinen tehtiin\.', again.text)
    assert not re.search(rf'id="id_a{first.pk}_account"[^>]*>\s*Toinen', again.text)


def test_the_coordinator_reports_for_any_organisation_on_its_page(people, round_):
    page = logged_in(people.alice).get(report_page(people, people.second))
    assert (
        len(page.context["report_forms"])
        == people.plan.actions.filter(organisation=people.second).count()
    )


def test_a_viewer_and_a_closed_round_show_the_reports_without_forms(people, round_):
    viewer = logged_in(people.vera).get(report_page(people, people.first))
    assert "report_forms" not in viewer.context and "<textarea" not in viewer.text
    close_round(round_, people.alice)
    closed = logged_in(people.bob).get(report_page(people, people.first))
    assert "<textarea" not in closed.text and "Actions and their reports" in closed.text


def test_the_page_counts_the_unreported_actions_as_submitting_does(people, round_):
    """A report that only says whether the action continues tells nothing yet: the page's
    count of actions without a report and the list asked about on submitting agree."""
    actions = list(people.plan.actions.filter(organisation=people.first).order_by("order"))
    assert len(actions) >= 4
    ActionReport.objects.create(round=round_, action=actions[0], account="Tehtiin.")
    ActionReport.objects.create(
        round=round_, action=actions[1], continuation=ActionReport.Continuation.CONTINUES
    )
    bob = logged_in(people.bob)
    page = bob.get(report_page(people, people.first))
    unreported = len(actions) - 1
    assert f"{unreported} actions have no report yet." in page.text
    submit = reverse("followup:report-submit", args=["yhteinen", 2023, people.first.pk])
    asked = bob.post(submit)
    assert [action.pk for action in asked.context["unreported"]] == [a.pk for a in actions[1:]]

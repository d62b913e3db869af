"""A coordinator edits a goal in the browser with the keyboard; every editing page passes axe."""

import pytest
from django.urls import reverse

from lanu.plans.models import Goal
from tests.browser import axe_violations, chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the element matching the CSS selector has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def log_in(page, base: str) -> None:
    page.goto(base + "/en/accounts/login/")
    tab_to(page, "input[name=username]")
    page.keyboard.type("alice")
    page.keyboard.press("Tab")
    page.keyboard.type("salasana-123")
    page.keyboard.press("Enter")
    page.wait_for_url(base + "/en/plans/")


def editing_urls(people) -> list[str]:
    goal = people.plan.goals.get(number="I")
    subgoal = goal.subgoals.get(number="1")
    names = ["plan", "plan-edit", "goals-edit", "goal-new", "organisations-edit"]
    names += ["organisation-new", "people"]
    urls = [reverse(f"plans:{name}", args=["yhteinen"]) for name in names]
    urls += [
        reverse("plans:goal-edit", args=["yhteinen", goal.pk]),
        reverse("plans:subgoal-new", args=["yhteinen", goal.pk]),
        reverse("plans:subgoal-edit", args=["yhteinen", subgoal.pk]),
        reverse("plans:organisation-edit", args=["yhteinen", people.first.pk]),
        reverse("plans:plan-new"),
    ]
    return urls


@pytest.mark.parametrize("language", ["", "/en"])
def test_editing_pages_have_no_axe_violations(live_server, people, language):
    with chromium_page() as page:
        log_in(page, live_server.url)
        for url in editing_urls(people):
            page.goto(live_server.url + language + url)
            assert page.locator("h1").count() == 1, url
            assert axe_violations(page) == [], url


def test_coordinator_edits_a_goal_by_keyboard(live_server, people):
    goal = people.plan.goals.get(number="I")
    goals_url = live_server.url + "/en" + reverse("plans:goals-edit", args=["yhteinen"])
    with chromium_page() as page:
        log_in(page, live_server.url)
        page.goto(goals_url)
        tab_to(page, f'a[href$="/edit/goals/{goal.pk}/"]')
        page.keyboard.press("Enter")
        page.wait_for_selector("form.stacked")

        tab_to(page, "input[name=number]")  # an invalid number first: the error summary
        page.keyboard.press("Control+A")
        page.keyboard.type("II")
        page.keyboard.press("Tab")
        page.keyboard.press("Control+A")
        page.keyboard.type("Näppäimistöllä kirjoitettu")
        page.keyboard.press("Enter")
        page.wait_for_selector(".error-summary")
        assert "is taken already" in page.locator(".error-summary").inner_text()
        assert page.input_value("input[name=title]") == "Näppäimistöllä kirjoitettu"
        assert axe_violations(page) == []

        tab_to(page, ".error-summary a")  # the summary leads to the field
        page.keyboard.press("Enter")
        tab_to(page, "input[name=number]")
        page.keyboard.press("Control+A")
        page.keyboard.type("I")
        tab_to(page, "form.stacked button[type=submit]")
        page.keyboard.press("Enter")
        page.wait_for_url(goals_url + f"#goal-{goal.pk}")
        assert "Näppäimistöllä kirjoitettu" in page.locator(f"#goal-{goal.pk} h2").inner_text()
        assert axe_violations(page) == []
    goal = Goal.objects.get(pk=goal.pk)
    assert goal.title == "Näppäimistöllä kirjoitettu" and goal.version == 2


def test_conflict_page_has_no_axe_violations(live_server, people):
    from lanu.plans import editing
    from lanu.plans.forms import GoalForm

    goal = people.plan.goals.get(number="I")
    with chromium_page() as page:
        log_in(page, live_server.url)
        page.goto(live_server.url + "/en" + reverse("plans:goal-edit", args=["yhteinen", goal.pk]))
        other = GoalForm({"number": "I", "title": "Toisen otsikko", "version": "1"}, instance=goal)
        assert other.is_valid()
        editing.save_changes(other, people.bob, people.plan)
        page.fill("input[name=title]", "Oma otsikko")
        page.click("form.stacked button[type=submit]")
        page.wait_for_selector("text=Someone else saved this while you were editing it")
        assert "Toisen otsikko" in page.content()
        assert page.input_value("input[name=title]") == "Oma otsikko"
        assert axe_violations(page) == []

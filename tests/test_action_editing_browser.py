"""An editor adds, edits and archives an action with the keyboard only; axe finds nothing."""

import pytest
from django.urls import reverse

from lanu.plans.models import Action
from tests.action_data import action_data, logged_in, url
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard, press, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_editor_adds_and_edits_an_action_by_keyboard(live_server, people):
    organisation_page = "/en" + reverse("plans:organisation", args=["yhteinen", people.first.pk])
    with chromium_page() as page:
        log_in_by_keyboard(page, live_server.url, "bob", organisation_page)
        assert axe_violations(page) == []
        press(page, "link", "Add an action")
        assert page.get_by_role("heading", level=1).inner_text() == "New action"
        assert axe_violations(page) == []
        press(page, "button", "Add the action")  # nothing chosen yet: refused
        assert page.get_by_role("alert").is_visible()
        assert axe_violations(page) == []
        page.focus("#id_subgoals_0")
        page.keyboard.press("Space")
        type_into(page, "#id_description", "Nuorten olohuone")
        type_into(page, "#id_metrics", "Kävijämäärä *")
        press(page, "button", "Add the action")
        assert page.get_by_role("heading", level=1).inner_text() == "Nuorten olohuone"
        assert "by mother tongue / citizenship" in page.inner_text("main")
        assert axe_violations(page) == []
        action = Action.objects.get(description="Nuorten olohuone")

        press(page, "link", "Edit")
        assert axe_violations(page) == []
        alice = logged_in(people.alice)  # saves while bob has the form open
        alice.post(url("edit", action), action_data(action, responsible="Alicen vastuutaho"))
        type_into(page, "#id_schedule", "Syksystä 2025")
        with page.expect_navigation():
            page.keyboard.press("Enter")  # a text field's Enter submits the form
        assert "Someone else saved this while you were editing it" in page.inner_text("main")
        assert page.input_value("#id_schedule") == "Syksystä 2025"
        assert axe_violations(page) == []
        type_into(page, "#id_responsible", "Alicen vastuutaho")  # bob merges alice's change
        press(page, "button", "Save changes")
        assert "Your changes were saved." in page.inner_text("main")
        action.refresh_from_db()
        assert (action.schedule, action.responsible) == ("Syksystä 2025", "Alicen vastuutaho")

        press(page, "button", "Archive")
        assert page.get_by_role("heading", name="Archived actions").is_visible()
        assert axe_violations(page) == []
        restore = page.get_by_role("button", name="Nuorten olohuone")  # "Restore: <title>"
        assert restore.inner_text().startswith("Restore")
        restore.focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "The action was restored." in page.inner_text("main")

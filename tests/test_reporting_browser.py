"""An editor reports an action by keyboard and sees the autosave; a coordinator runs the round.

axe finds nothing on any follow-up page.
"""

import datetime
import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from lanu.followup.models import ActionReport, FollowUpRound, Submission
from lanu.followup.rounds import open_round
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard, press, type_into

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def saved_version(form, version: int) -> None:
    """Wait until the background save has left this action's form at this version."""
    expect(form.locator("input[name=version]")).to_have_value(str(version), timeout=10000)


def focused_id(page) -> str:
    return page.evaluate("document.activeElement.id")


def test_editor_reports_on_one_page_by_keyboard_with_autosave(live_server, people):
    open_round(people.plan, 2023, datetime.date(2024, 1, 15), datetime.date(2024, 2, 29))
    first, second = people.plan.actions.filter(organisation=people.first).order_by("order")[:2]
    metric = first.metrics.order_by("order").first()
    mine = "/en" + reverse("followup:report-organisation", args=["yhteinen", 2023, people.first.pk])
    with chromium_page() as page:
        log_in_by_keyboard(page, live_server.url, "bob", mine)
        assert axe_violations(page) == []
        form = page.locator(f"#report-{first.pk} form")
        form.get_by_role("radio", name=re.compile("^Under way")).focus()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")  # from the status to what was done, as the page reads
        assert focused_id(page) == f"id_a{first.pk}_account"
        page.keyboard.type("Ryhmät kokoontuivat viikoittain.")
        saved_version(form, 1)
        status = form.get_by_role("status")
        assert re.fullmatch(r"Saved \d\d\.\d\d", status.inner_text())
        report = ActionReport.objects.get(action=first)
        assert (report.status.name, report.account) == (
            "Käynnissä",
            "Ryhmät kokoontuivat viikoittain.",
        )

        page.keyboard.press("Tab")  # the action's first metric comes next
        assert focused_id(page) == f"id_a{first.pk}_metric_{metric.pk}"
        page.keyboard.type("12,5")
        saved_version(form, 2)

        other = page.locator(f"#report-{second.pk} form")
        type_into(page, f"#id_a{second.pk}_account", "Toinen toimenpide eteni.")
        saved_version(other, 1)  # each action saves on its own
        assert ActionReport.objects.get(action=second).account == "Toinen toimenpide eteni."
        assert form.locator("input[name=version]").input_value() == "2"
        assert axe_violations(page) == []

        press(page, "button", f"Save – Action {first.number}")  # unchanged: no new version
        assert re.search(r"Saved \d\d\.\d\d", page.inner_text("main"))
        assert page.url.endswith(f"#report-{first.pk}")
        report.refresh_from_db()
        assert str(report.values.get().value).startswith("12.5") and report.version == 2

        press(page, "button", "Submit the organisation's report")
        assert "2 actions have no status and no text" in page.inner_text("main")
        assert not Submission.objects.exists()
        assert axe_violations(page) == []
        press(page, "button", "Submit the report as it is")
        assert "You can still correct it until the round closes" in page.inner_text("main")
        assert Submission.objects.filter(organisation=people.first).exists()
        press(page, "link", "Added priorities for the coming year")
        assert axe_violations(page) == []
        type_into(page, "textarea", "Nuorten osallisuus")
        press(page, "button", "Save")
        assert "Your changes were saved." in page.inner_text("main")


def test_coordinator_runs_a_round_by_keyboard(live_server, people):
    rounds = "/en" + reverse("followup:rounds", args=["yhteinen"])
    with chromium_page() as page:
        log_in_by_keyboard(page, live_server.url, "alice", rounds)
        assert axe_violations(page) == []
        press(page, "link", "Status scale")
        assert axe_violations(page) == []
        page.get_by_role("radio", name=re.compile("^Realised")).focus()
        page.keyboard.press("Space")
        press(page, "button", "Use this scale")
        assert "The status scale was saved." in page.inner_text("main")
        press(page, "link", "Open a round")
        assert axe_violations(page) == []
        type_into(page, "#id_year", "2024")
        press(page, "button", "Open the round")
        assert page.get_by_role("heading", level=1).inner_text() == "Follow-up round 2024"
        assert "Realised" in page.inner_text("main")
        assert axe_violations(page) == []
        press(page, "link", "Joint highlights")
        assert axe_violations(page) == []
        type_into(page, "textarea", "Yhteinen koulutus")
        press(page, "button", "Save")
        press(page, "link", "Close the round")
        assert axe_violations(page) == []
        press(page, "button", "Close the round")
        assert "The round was closed." in page.inner_text("main")
        assert axe_violations(page) == []
        assert FollowUpRound.objects.get(year=2024).is_closed

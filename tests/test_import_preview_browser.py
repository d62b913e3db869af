"""A coordinator imports a Word plan whose action column has a header the vocabulary
lacks: the preview says so, the coordinator gives the column its role, sees the actions
appear, confirms, and finds them in the new plan. The preview passes axe, at 390 px wide
without sideways scrolling."""

import pytest
from django.urls import reverse

from lanu.plans.models import Plan
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard, press, type_into

from .test_import_preview import BULLETS, ROWS, plan_docx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_coordinator_maps_the_action_column_and_imports_the_plan(live_server, people, tmp_path):
    path = tmp_path / "suunnitelma.docx"
    path.write_bytes(plan_docx())
    import_page = "/en" + reverse("plans:import")
    with chromium_page() as page:
        page.set_viewport_size({"width": 390, "height": 844})
        log_in_by_keyboard(page, live_server.url, "alice", import_page)
        page.set_input_files("input[type=file]", str(path))
        press(page, "button", "Upload and preview")

        assert "no column for the actions" in page.locator(".error-summary").inner_text()
        assert page.get_by_role("button", name="Confirm and save").count() == 0
        assert axe_violations(page) == []
        assert no_sideways_scrolling(page)

        select = page.get_by_label("Role of column “Mitä teemme?”, table 1")
        select.focus()
        select.select_option(label="Action")
        page.get_by_role("button", name="Redraw the preview").first.focus()  # the columns'
        with page.expect_navigation():
            page.keyboard.press("Enter")

        tree = page.locator("#plan-title ~ section.preview-goal")
        assert "Harrastustakuu laajenee kouluihin" in tree.first.inner_text()
        assert "Nuorisovaltuusto kuullaan päätöksistä" in tree.last.inner_text()
        assert page.get_by_label("Role of column “Mitä teemme?”, table 1").input_value() == "action"
        assert axe_violations(page) == []
        assert no_sideways_scrolling(page)

        type_into(page, "#id_name", "Kuntalan suunnitelma")
        type_into(page, "#id_period_start", "2025")
        type_into(page, "#id_period_end", "2028")
        if page.locator("#id_organisations").count():
            type_into(page, "#id_organisations", "Kuntalan kaupunki")
        press(page, "button", "Confirm and save")

        plan = Plan.objects.get(name="Kuntalan suunnitelma")
        assert page.url.endswith(plan.get_absolute_url())
        assert "Harrastukset kaikille" in page.locator("main").inner_text()
        press(page, "link", "All actions")
        text = page.locator("main").inner_text()
        assert [row[2] for row in ROWS if row[2] not in text] == []


def test_the_preview_with_flags_and_a_refused_role_passes_axe(live_server, people, tmp_path):
    path = tmp_path / "suunnitelma.docx"
    path.write_bytes(plan_docx(bullets=BULLETS))
    with chromium_page() as page:
        page.set_viewport_size({"width": 390, "height": 844})
        log_in_by_keyboard(page, live_server.url, "alice", "/en" + reverse("plans:import"))
        page.set_input_files("input[type=file]", str(path))
        press(page, "button", "Upload and preview")
        page.select_option("#role-1-2", "action")
        page.select_option("#role-1-3", "action")  # twice: refused, and said why
        redraw(page)
        assert "only one column can be" in page.get_by_role("alert").first.inner_text()
        page.select_option("#role-1-2", "action")
        redraw(page)
        page.get_by_label("One action per bullet", exact=False).check()
        redraw(page)
        assert page.get_by_label("One action per bullet", exact=False).is_checked()
        assert axe_violations(page) == []
        assert no_sideways_scrolling(page)


def redraw(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Redraw the preview").first.click()


def no_sideways_scrolling(page) -> bool:
    """At a phone's width, the page itself does not scroll sideways (tables may, inside
    their own scroll containers)."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

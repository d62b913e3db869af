"""A child impact assessment written by keyboard on a phone-sized screen: an editor
opens the new form from the plan page, a refused save shows the error summary and keeps
the text, the saved assessment is read on its page and in the plan's list. axe-core
finds nothing on the list, the form (with and without errors) and the detail page."""

import pytest
from django.urls import reverse

from lanu.voice.models import ChildImpactAssessment
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard, press, type_into
from tests.voice_assessments import action_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def clean(page) -> None:
    assert axe_violations(page) == [], page.url
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.evaluate("window.innerWidth"), f"{page.url} is {width} px wide"


def test_assessment_written_by_keyboard_on_a_phone(live_server, people):
    plan = people.plan
    own = action_of(plan, people.first)
    base = live_server.url
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        log_in_by_keyboard(page, base, "bob", f"/en/plans/{plan.slug}/")
        press(page, "link", "New child impact assessment")
        clean(page)
        type_into(page, "#id_children", "Yläkoululaiset Kouvolassa")
        press(page, "button", "Save")  # no title, no action of bob's own
        summary = page.locator(".error-summary")
        assert "Link at least one action of your own organisation" in summary.inner_text()
        assert page.locator("#id_children").input_value() == "Yläkoululaiset Kouvolassa"
        clean(page)
        type_into(page, "#id_title", "Nuorisotilan siirto")
        checkbox = page.locator(f"input[name=actions][value='{own.pk}']")
        checkbox.focus()
        page.keyboard.press("Space")
        page.focus("#id_effect_leisure")
        page.keyboard.press("ArrowDown")  # Not assessed -> Positive
        page.keyboard.press("ArrowDown")  # -> Negative
        type_into(page, "#id_effect_leisure_description", "Matka pitenee")
        page.focus("#id_check_heard")
        page.keyboard.press("Space")
        press(page, "button", "Save")
        created = ChildImpactAssessment.objects.get()
        assert page.url.endswith(reverse("voice:assessment", args=[plan.slug, created.pk]))
        assert page.get_by_role("heading", level=1).inner_text() == "Nuorisotilan siirto"
        row = page.get_by_role("row", name="Leisure and hobbies")
        assert "Negative" in row.inner_text() and "Matka pitenee" in row.inner_text()
        assert "Done: The children concerned were heard" in page.locator(".checklist").inner_text()
        clean(page)
        page.goto(f"{base}/en/plans/{plan.slug}/voice/assessments/")
        assert page.get_by_role("link", name="Nuorisotilan siirto").count() == 1
        clean(page)
    assert created.actions.get() == own and created.checklist["heard"]["done"]

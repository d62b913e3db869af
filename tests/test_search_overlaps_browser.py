"""The overlap review and an action's similar actions in a browser at a phone's width:
axe finds nothing, nothing scrolls sideways, and a coordinator decides a pair, then
undoes the decision, with the keyboard only."""

import pytest
from django.urls import reverse

from lanu.search.models import OverlapDecision
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard

from .overlap_data import overlapping

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}
PAIR = "Koulukiusaamisen ehkäiseminen"  # the first action of the pair decided


def fits_and_passes(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []


def press_button(page, name: str) -> None:
    """Focus the pair's button by its name, press Enter: as a keyboard user does."""
    pair = page.locator(".overlap-pair", has_text=PAIR)
    pair.get_by_role("button", name=name).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_overlaps_pair_is_decided_and_undone_by_keyboard_on_a_phone(live_server, people):
    actions = overlapping(people.plan)
    overlaps = reverse("search-plan:overlaps", args=[people.plan.slug])
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        log_in_by_keyboard(page, live_server.url, "alice", overlaps)
        assert "3 paria" in page.inner_text(".overlap-count")
        fits_and_passes(page)
        press_button(page, "Samaa työtä")
        assert "Samaa työtä." in page.inner_text(".messages")
        assert page.inner_text(".overlap-count").count("1 pari") == 1
        assert "2 paria" in page.inner_text(".overlap-count")
        fits_and_passes(page)
        page.get_by_role("link", name="Päätetyt (1)").focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert "Päätetty: Samaa työtä" in page.inner_text("main")
        fits_and_passes(page)
        assert OverlapDecision.objects.get().verdict == "same_work"
        press_button(page, "Peru päätös")
        assert "odottavat taas päätöstä" in page.inner_text(".messages")
        assert not OverlapDecision.objects.exists()
        page.goto(live_server.url + reverse("plans:action", args=[people.plan.slug, actions[0].pk]))
        assert "Kiusaamista ehkäistään" in page.inner_text(".similar-actions")
        fits_and_passes(page)
        page.goto(live_server.url + reverse("plans:plan", args=[people.plan.slug]))
        assert "3 samankaltaista toimenpideparia tarkistettavana" in page.inner_text("main")
        fits_and_passes(page)

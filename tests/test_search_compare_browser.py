"""The comparison of plans in a browser at a phone's width, in Finnish and Swedish: axe
finds nothing, the page does not scroll sideways (the table scrolls in its own box), and a
coordinator accepts a suggested theme with the keyboard."""

import pytest
from django.urls import reverse

from lanu.search.models import Theme
from lanu.search.themes import add_to_theme
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard

from .compare_plans import ETELA, POHJOINEN, coordinate, small_plan, subgoal

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_the_comparison_fits_a_phone_and_a_suggestion_is_accepted_by_keyboard(live_server, people):
    etela, pohjoinen = small_plan("etela", ETELA), small_plan("pohjoinen", POHJOINEN)
    coordinate(people.alice, etela, pohjoinen)
    theme = Theme.objects.create(name="Liikunta ja harrastukset")
    add_to_theme(people.alice, etela, subgoal(etela, "Liikunnan lisääminen"), theme)
    query = "?plans=etela&plans=pohjoinen"
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        for language in ("fi", "sv"):
            with_language = reverse("search:compare").replace("/search/", f"/{language}/search/")
            url = live_server.url + (
                with_language if language == "sv" else reverse("search:compare")
            )
            page.goto(url + query)
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            assert axe_violations(page) == [], language
        log_in_by_keyboard(page, live_server.url, "alice", reverse("plans:list"))
        page.goto(live_server.url + reverse("search:compare") + query)
        assert axe_violations(page) == []
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        accept = page.get_by_role("button", name="I.3 Eroperheiden tuki – I.2 Eroauttaminen")
        accept.focus()
        with page.expect_navigation():  # the accepted theme's page, not the one before
            page.keyboard.press("Enter")
        assert "Molemmat ovat teemassa ”Eroperheiden tuki”." in page.inner_text("main")
        assert axe_violations(page) == []
    assert Theme.objects.get(name="Eroperheiden tuki").members.count() == 2

"""The search page in a browser at a phone's width, in Finnish and Swedish: axe-core finds
nothing with results and filters, nothing sideways scrolls, and a keyboard user searches,
narrows to one plan and reaches a result."""

import pytest
from django.urls import reverse

from tests.browser import axe_violations, chromium_page, press, type_into
from tests.search_data import plan_of_actions

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def test_search_page_fits_a_phone_and_is_used_by_keyboard(live_server):
    plan_of_actions(
        "eka", [("Kunta", "Kiusaamisen ehkäisy kouluissa"), ("MLL", "Kiusaamista vastaan")]
    )
    plan_of_actions("toka", [("Kunta", "Koulukiusaaminen loppuu <b>nyt</b>")])
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        for language in ("fi", "sv"):
            path = reverse("search:search")
            if language == "sv":
                path = path.replace("/search/", "/sv/search/")
            page.goto(live_server.url + path + "?q=kiusaaminen&plan=eka")
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
            assert axe_violations(page) == [], language
        page.goto(live_server.url + reverse("search:search"))
        assert axe_violations(page) == []
        type_into(page, "#id_q", "kiusaamista")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.id") == "id_plan"
        page.keyboard.press("ArrowDown")  # the first plan after "All plans"
        assert page.evaluate("document.activeElement.value") == "eka"
        press(page, "button", "Hae")
        main = page.inner_text("main")
        assert "2 tulosta." in main and "loppuu" not in main
        assert axe_violations(page) == []
        press(page, "link", "Kiusaamista (osuma) vastaan")
        assert "/plans/eka/actions/" in page.url

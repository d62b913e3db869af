"""The indicator pages in a browser: axe finds nothing on the dashboard, an indicator's
page and a sub-goal's indicators, and the dashboard's filter works by keyboard without
any script."""

import pytest
from django.urls import reverse

from lanu.indicators.synthetic import build_indicators
from tests.browser import axe_violations, chromium_page

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def pages(plan_of):
    plan = plan_of(5, slug="indikaattorit")
    first, *_rest = build_indicators(plan, 6, years=range(2019, 2025))
    return {
        "dashboard": reverse("indicators:dashboard", args=[plan.slug]),
        "indicator": reverse("indicators:indicator", args=[plan.slug, first.pk]),
        "subgoal": reverse("plans:subgoal", args=[plan.slug, first.subgoals.get().pk]),
    }


def test_the_indicator_pages_pass_axe(live_server, pages):
    found = []
    with chromium_page() as page:
        for language in ("", "/sv"):
            for url in pages.values():
                page.goto(live_server.url + language + url)
                found += [f"{url}: {violation}" for violation in axe_violations(page)]
    assert found == [], "\n".join(found)


def test_the_filter_works_by_keyboard_without_scripts(live_server, pages):
    with chromium_page() as page:
        page.goto(live_server.url + "/en" + pages["dashboard"])
        page.focus("#id_group")
        page.keyboard.press("ArrowDown")  # the first group: "8.-9. luokka"
        page.keyboard.press("Tab")  # to the "Show" button
        page.keyboard.press("Enter")
        page.wait_for_url("**group=8.-9.*")
        assert page.locator("text=6 indicators shown.").count() == 1
        assert page.locator("table.indicator-table td", has_text="lukio").count() == 0

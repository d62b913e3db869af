"""axe-core finds no accessibility violation on any public page, in any language."""

import pytest
from django.urls import reverse

from tests.browser import axe_violations, chromium_page
from tests.test_plan_pages import page_urls

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["", "/sv", "/en"])
def test_public_pages_have_no_axe_violations(live_server, plan_of, language):
    plan = plan_of(12)
    urls = page_urls(plan)
    with chromium_page() as page:
        for url in urls:
            page.goto(live_server.url + language + url)
            assert axe_violations(page) == [], url


def test_language_links_lead_to_the_same_page_in_that_language(live_server, plan_of):
    plan = plan_of(3)
    with chromium_page() as page:
        page.goto(live_server.url + reverse("plans:plan", args=[plan.slug]))
        page.get_by_role("link", name="Svenska").click()
        assert page.url.endswith(f"/sv/plans/{plan.slug}/")
        assert page.locator("html").get_attribute("lang") == "sv"
        assert page.get_by_role("heading", level=1).inner_text() == plan.name


def test_skip_link_moves_keyboard_focus_to_the_content(live_server, plan_of):
    plan = plan_of(3)
    with chromium_page() as page:
        page.goto(live_server.url + reverse("plans:plan", args=[plan.slug]))
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className") == "skip-link"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"


@pytest.mark.parametrize("prefix", ["003", "002", "004"])
def test_pages_of_the_real_plans_have_no_axe_violations(live_server, seed_path, prefix):
    from lanu.importers import read_plan
    from lanu.importers.save import save_plan

    data = read_plan(seed_path(prefix))
    data.published = True
    plan = save_plan(data, slug=f"seed-{prefix}")
    with chromium_page() as page:
        for url in page_urls(plan)[1:]:
            page.goto(live_server.url + url)
            assert axe_violations(page) == [], url

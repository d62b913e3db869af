"""Debian's chromium driven by Playwright, and axe-core's accessibility check."""

from contextlib import contextmanager

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@contextmanager
def chromium_page():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


def axe_violations(page) -> list[str]:
    """axe-core's violations on the page, one readable line each."""
    results = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def log_in_by_keyboard(page, base: str, username: str, next_url: str) -> None:
    """Log in through the login form with the keyboard only; every persona's password."""
    page.goto(f"{base}/en/accounts/login/?next={next_url}")
    page.focus("#id_username")
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type("salasana-123")
    page.keyboard.press("Enter")
    page.wait_for_url(base + next_url)


def press(page, role: str, name: str) -> None:
    """Focus a control by its role and name, press Enter, wait for the next page."""
    page.get_by_role(role, name=name, exact=True).focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")


def type_into(page, selector: str, text: str) -> None:
    """Replace a field's text by typing, as a keyboard user does."""
    page.focus(selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)

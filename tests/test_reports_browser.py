"""The reports page in a browser: axe finds nothing on it, and a coordinator reaches it
from the plan page and downloads the Word file with the keyboard, two links on."""

import io

import docx
import pytest
from django.urls import reverse

from lanu.followup.synthetic import build_rounds
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTS = (
    "Reports to the council: the plan document and the evaluations (Word, PDF, web page, Excel)"
)


def test_coordinator_downloads_the_word_file_from_the_plan_page_by_keyboard(live_server, people):
    build_rounds(people.plan, years=(2024, 2025))
    plan_page = "/en" + reverse("plans:plan", args=[people.plan.slug])
    with chromium_page() as page:
        log_in_by_keyboard(page, live_server.url, "alice", plan_page)
        page.get_by_role("link", name=REPORTS, exact=True).focus()
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_by_role("heading", level=1).inner_text() == "Reports to the council"
        assert axe_violations(page) == []
        page.get_by_role("link", name="Evaluation 2024 (Word)", exact=True).focus()
        with page.expect_download() as download:
            page.keyboard.press("Enter")
        assert download.value.suggested_filename == "yhteinen-evaluation-2024.docx"
        with open(download.value.path(), "rb") as file:
            document = docx.Document(io.BytesIO(file.read()))
        assert "Evaluation of implementation 2024" in [p.text for p in document.paragraphs]


def test_a_report_asked_for_wrongly_shows_its_error_accessibly(live_server, people):
    build_rounds(people.plan, years=(2024, 2025))
    url = "/en" + reverse("reports:reports", args=[people.plan.slug])
    with chromium_page() as page:
        log_in_by_keyboard(page, live_server.url, "alice", url)
        page.select_option("#id_kind", "evaluation")
        page.get_by_role("checkbox", name="2024").uncheck()
        with page.expect_navigation():
            page.get_by_role("button", name="Download").click()
        assert "Choose one year for a yearly evaluation." in page.inner_text("main")
        assert axe_violations(page) == []

"""A child answers a form on a phone (360 × 740) with the keyboard only: a score, a
smiley, a choice, several choices and a text, then sees the thanks page. axe-core finds
nothing on the answering page (with and without errors), the thanks, closed and results
pages, and the coordinator's share page."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from lanu.voice.answering import field_name
from lanu.voice.models import Answer, FeedbackForm, Question, Response
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard
from tests.voice_data import answer, feedback_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
FOCUSED = "() => [document.activeElement.name, document.activeElement.value]"


@pytest.fixture(autouse=True)
def no_counted_answers():
    cache.clear()
    yield
    cache.clear()


def tab_to(page, name: str, stops: int = 40) -> None:
    """Press Tab until the field of this name has the focus, as a keyboard user does."""
    for _ in range(stops):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED)[0] == name:
            return
    raise AssertionError(f"Tab never reached {name}")


def names(form) -> dict:
    return {question.kind: field_name(question) for question in form.questions.all()}


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_child_answers_by_keyboard_on_a_phone(live_server, people):
    form = feedback_form(people.plan, introduction="Kerro, miten nuorisotalolla menee.")
    field = names(form)
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + reverse("voice-short:answer", args=[form.code]))
        assert fits(page) and axe_violations(page) == []
        tab_to(page, field[Question.Kind.SCORE])  # on 0, nothing chosen yet
        for _ in range(9):
            page.keyboard.press("ArrowRight")  # 9: a promoter
        tab_to(page, field[Question.Kind.SMILEY])
        for _ in range(4):
            page.keyboard.press("ArrowDown")  # "Tosi hyvä"
        tab_to(page, field[Question.Kind.CHOICE])
        page.keyboard.press("ArrowDown")  # the second choice
        tab_to(page, field[Question.Kind.CHOICES])
        page.keyboard.press("Space")  # the first box
        tab_to(page, field[Question.Kind.TEXT])
        page.keyboard.type("Enemmän iltoja ja pelejä")
        page.keyboard.press("Tab")
        assert page.evaluate(FOCUSED)[0] == "age_group"
        tab_to(page, "")  # past the age group to the button (the honeypot is never reached)
        assert page.evaluate("document.activeElement.type") == "submit"
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.url.endswith(reverse("voice-short:thanks", args=[form.code]))
        assert page.get_by_role("heading", level=1).inner_text() == "Kiitos vastauksistasi"
        assert fits(page) and axe_violations(page) == []
    stored = {a.question.kind: a for a in Answer.objects.filter(response__form=form)}
    assert stored[Question.Kind.SCORE].number == 9 and stored[Question.Kind.SMILEY].number == 5
    assert stored[Question.Kind.CHOICE].chosen == ["Harrastuksissa"]
    assert stored[Question.Kind.CHOICES].chosen == ["Koulussa"]
    assert stored[Question.Kind.TEXT].text == "Enemmän iltoja ja pelejä"


def test_a_refused_form_is_axe_clean_and_keeps_the_answers(live_server, people):
    form = feedback_form(people.plan, language="en")
    form.questions.filter(kind=Question.Kind.SCORE).update(required=True)
    field = names(form)
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        page.goto(live_server.url + reverse("voice-short:answer", args=[form.code]))
        tab_to(page, field[Question.Kind.TEXT])
        page.keyboard.type("Pidemmät aukioloajat")
        tab_to(page, "")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        assert page.get_by_role("alert").is_visible()
        assert "This field is required." in page.get_by_role("alert").inner_text()
        assert page.locator(f"#id_{field[Question.Kind.TEXT]}").input_value() == (
            "Pidemmät aukioloajat"
        )
        assert fits(page) and axe_violations(page) == []
    assert not Response.objects.exists()


def test_the_closed_results_and_share_pages_are_axe_clean(live_server, people):
    plan = people.plan
    plan.published = True
    plan.save()
    form = feedback_form(plan, summary_published=True, organisation=people.first)
    for score in (10, 9, 7, 3):
        answer(form, score=score, smiley=4, choice="Kotona", choices=["Kotona"], text="Kiva")
    Answer.objects.filter(text="Kiva").update(moderation=Answer.Moderation.PUBLISHED)
    closed_at = timezone.now() - datetime.timedelta(days=1)
    closed = feedback_form(plan, state=FeedbackForm.State.CLOSED, closes_at=closed_at)
    share = reverse("voice:share", args=[plan.slug, form.pk])
    with chromium_page() as page:
        page.set_viewport_size(PHONE)
        for url in (
            reverse("voice-short:answer", args=[closed.code]),
            reverse("voice-short:results", args=[form.code]),
        ):
            page.goto(live_server.url + url)
            assert fits(page) and axe_violations(page) == [], url
        log_in_by_keyboard(page, live_server.url, "bob", share)
        assert fits(page) and axe_violations(page) == []
        qr_name = f"QR-koodi linkkiin {live_server.url}/v/{form.code}/"
        assert page.get_by_role("img", name=qr_name).is_visible()
        page.get_by_role("button", name="Kopioi linkki").focus()
        page.keyboard.press("Enter")
        expect(page.locator(".copy-status")).to_have_text("Linkki kopioitu")  # once copied

"""The issue's Done-when journey: a newcomer coordinator goes from a sub-goal's page to
"Ask children and youth about this", makes a form with the ready questions, opens it and
takes its short link; a child answers it on a phone (360 × 740) by keyboard, with no
login; the coordinator reads the answer in the summary with the cNPS formula written
out. axe-core finds nothing on the forms list, the new form, the questions and the
summary pages, nor on the page that says why a form with answers cannot be deleted."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from lanu.voice.answering import field_name
from lanu.voice.models import Answer, FeedbackForm, Question
from tests.browser import axe_violations, chromium_page, log_in_by_keyboard, press
from tests.test_voice_answer_browser import tab_to
from tests.voice_data import answer, feedback_form

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 740}
FORMULA = (
    "cNPS = suosittelijat 100 % − arvostelijat 0 % = +100; 1 vastaus: "
    "1 suosittelija (9–10), 0 passiivista (7–8), 0 arvostelijaa (0–6)"
)


@pytest.fixture(autouse=True)
def no_counted_answers():
    cache.clear()
    yield
    cache.clear()


def clean(page) -> None:
    assert axe_violations(page) == [], page.url


def make_and_open_a_form(page, base: str, subgoal) -> str:
    """The coordinator's part, by keyboard: the form made and opened; its short link."""
    subgoal_url = reverse("plans:subgoal", args=[subgoal.goal.plan.slug, subgoal.pk])
    log_in_by_keyboard(page, base, "alice", subgoal_url)
    clean(page)  # the sub-goal page with its voice panel
    press(page, "link", "Kysy tästä lapsilta ja nuorilta")
    assert page.locator("#id_title").input_value() == subgoal.title
    clean(page)
    press(page, "button", "Tee lomake")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Lomakkeen ")
    assert page.get_by_text("Kuinka todennäköisesti suosittelisit", exact=False).count() >= 1
    clean(page)
    press(page, "button", "Avaa lomake vastattavaksi")
    assert "Lomake on auki" in page.content()
    press(page, "link", "Jaa: lyhyt linkki ja QR-koodi")
    return page.locator("#short-link").input_value()


def answer_as_a_child(browser, link: str, form: FeedbackForm) -> None:
    """A phone with nobody logged in: a 9, the best smiley and a text, by keyboard."""
    field = {question.kind: field_name(question) for question in form.questions.all()}
    context = browser.new_context(viewport=PHONE)
    try:
        child = context.new_page()
        child.goto(link)
        tab_to(child, field[Question.Kind.SCORE])
        for _ in range(9):
            child.keyboard.press("ArrowRight")
        tab_to(child, field[Question.Kind.SMILEY])
        for _ in range(4):
            child.keyboard.press("ArrowDown")
        tab_to(child, field[Question.Kind.TEXT])
        child.keyboard.type("Lisää iltoja nuorisotalolle")
        tab_to(child, "")
        with child.expect_navigation():
            child.keyboard.press("Enter")
        assert child.url.endswith(reverse("voice-short:thanks", args=[form.code]))
    finally:
        context.close()


def test_voice_newcomer_asks_children_and_reads_the_answer(live_server, people):
    subgoal = people.plan.goals.first().subgoals.first()
    base = live_server.url
    with chromium_page() as page:
        link = make_and_open_a_form(page, base, subgoal)
        form = FeedbackForm.objects.get()
        assert link == f"{base}/v/{form.code}/"
        assert (form.subgoal, form.state) == (subgoal, FeedbackForm.State.OPEN)
        answer_as_a_child(page.context.browser, link, form)
        page.goto(base + reverse("voice:forms", args=[people.plan.slug]))
        clean(page)
        press(page, "link", form.title)
        assert FORMULA in page.locator("main").inner_text()
        assert "Lisää iltoja nuorisotalolle" in page.content()
        assert "Odottaa moderointia" in page.locator("main").inner_text()
        clean(page)
    assert Answer.objects.get(question__kind=Question.Kind.SCORE).number == 9


def test_voice_forms_pages_with_errors_and_every_kind_are_axe_clean(live_server, people):
    form = feedback_form(people.plan, kind=FeedbackForm.Kind.HEARING, target_group="Nuva")
    for score in (10, 9, 7, 3):
        answer(form, score=score, smiley=4, choice="Kotona", choices=["Kotona"], text="Kiva")
    base, slug = live_server.url, people.plan.slug
    with chromium_page() as page:
        log_in_by_keyboard(page, base, "alice", reverse("voice:summary", args=[slug, form.pk]))
        assert "cNPS = suosittelijat 50 % − arvostelijat 25 % = +25" in page.content()
        clean(page)
        page.goto(base + reverse("voice:form-new", args=[slug]))
        page.get_by_label("Kuuleminen").check()
        press(page, "button", "Tee lomake")
        assert page.get_by_role("alert").is_visible()
        clean(page)
        page.goto(base + reverse("voice:questions", args=[slug, form.pk]))
        page.locator("#id_new-kind").select_option("choice")
        page.locator("#id_new-text").fill("Kumpi?")
        press(page, "button", "Lisää kysymys lomakkeeseen")
        assert page.get_by_role("alert").is_visible()
        assert page.locator("#id_new-text").input_value() == "Kumpi?"
        clean(page)
        page.goto(base + reverse("voice:form-delete", args=[slug, form.pk]))
        assert "Lomakkeella on 4 vastausta, joten sitä ei voi poistaa täällä." in page.content()
        assert page.get_by_role("button", name="Poista").count() == 0
        clean(page)

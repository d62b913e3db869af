"""The yearly evaluation's chapter "The voice of children and youth" (lanu/reports/voice.py):
the year's hearings and feedback in figures, a text only when it is moderated and
published and the form's results are published, in every format, in a fixed number of
queries."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from lanu.followup.synthetic import build_rounds
from lanu.reports.content import Order, gather
from lanu.reports.exporters import REPORT_EXPORTERS
from lanu.voice.models import Answer, FeedbackForm, Response
from tests.test_reports_formats import READERS, missing, squeezed
from tests.voice_data import answer, feedback_form

pytestmark = pytest.mark.django_db
HELSINKI = ZoneInfo("Europe/Helsinki")
PUBLISHED_TEXT = "Nuorisotalolle lisää iltavuoroja"
PENDING_TEXT = "Odottaa vielä moderointia"
REJECTED_TEXT = "Hylätty vastaus"
HIDDEN_FORM_TEXT = "Julkaistu mutta tulokset piilossa"
HIDDEN_SUMMARY = "Koordinaattorin luonnos yhteenvedoksi"
SUMMARY = "Nuoret toivovat lisää aukioloaikoja."


def answered_on(form, day: date, **values) -> Response:
    """One person's answers, given on that day."""
    response = answer(form, **values)
    Response.objects.filter(pk=response.pk).update(submitted_on=day)
    return response


def moderate(response: Response, moderation: str) -> None:
    Answer.objects.filter(response=response).exclude(text="").update(moderation=moderation)


@pytest.fixture
def plan(plan_of):
    """A plan with closed rounds 2024 and 2025, and the voice of 2025: a hearing on a
    sub-goal with its results published, and a feedback form whose results are not."""
    plan = plan_of(8, organisations=2, slug="aani")
    build_rounds(plan, years=(2024, 2025, 2026))
    subgoal = plan.goals.first().subgoals.first()
    hearing = feedback_form(
        plan,
        title="Nuorisovaltuuston kuuleminen",
        kind=FeedbackForm.Kind.HEARING,
        target_group="Nuorisovaltuusto",
        subgoal=subgoal,
        opens_at=datetime(2025, 3, 1, 9, tzinfo=HELSINKI),
        closes_at=datetime(2025, 3, 31, 16, tzinfo=HELSINKI),
        summary=SUMMARY,
        summary_published=True,
    )
    spring = date(2025, 3, 10)
    for score in (10, 9, 9, 8, 3):
        answered_on(hearing, spring, score=score, smiley=5, choice="Koulussa", age_group="13-15")
    published = answered_on(hearing, date(2025, 3, 12), score=10, text=PUBLISHED_TEXT)
    moderate(published, Answer.Moderation.PUBLISHED)
    answered_on(hearing, date(2025, 3, 13), text=PENDING_TEXT, age_group="16-17")
    rejected = answered_on(hearing, date(2025, 3, 14), text=REJECTED_TEXT)
    moderate(rejected, Answer.Moderation.REJECTED)
    answered_on(hearing, date(2024, 11, 1), score=0, text="Viime vuonna")  # not in 2025
    feedback = feedback_form(plan, title="Perhekeskuksen palaute", summary=HIDDEN_SUMMARY)
    hidden = answered_on(feedback, date(2025, 9, 1), smiley=2, text=HIDDEN_FORM_TEXT)
    moderate(hidden, Answer.Moderation.PUBLISHED)
    feedback_form(plan, title="Vain viime vuonna")
    return plan


def chapter(plan, year=2025):
    return gather(Order(plan, "evaluation", (year,))).voice


def test_the_chapter_lists_the_years_forms_with_their_figures(plan, in_english):
    voice = chapter(plan)
    assert [form.title for form in voice.forms] == [
        "Nuorisovaltuuston kuuleminen",
        "Perhekeskuksen palaute",
    ]
    hearing = voice.forms[0]
    assert (hearing.kind_label, hearing.target_group) == ("Hearing", "Nuorisovaltuusto")
    assert hearing.about == "Sub-goal I.1: Välitavoite I.1"  # in the plan's own labels
    assert hearing.open_dates == "1.3.2025–31.3.2025"
    assert hearing.answer_dates == "10.3.2025–14.3.2025"
    assert hearing.responses == 8  # the answer of 2024 is not the year's
    assert [(g.label, g.count) for g in hearing.age_groups] == [
        ("13–15", 5),
        ("16–17", 1),
        ("Not given", 2),
    ]
    score, smiley, choice = hearing.questions[:3]
    assert score.answered == 6 and {f.label: f.count for f in score.figures}["9"] == 2
    assert score.cnps == "cNPS = promoters 67 % − detractors 17 % = +50"
    assert score.cnps_counts == "6 answers: 4 promoters (9–10), 1 passive (7–8), 1 detractor (0–6)"
    assert {f.label: f.count for f in smiley.figures}["5 Very good"] == 5
    assert {f.label: f.count for f in choice.figures}["Koulussa"] == 5
    assert voice.responses == 9 and voice.hearings == 1


def test_texts_are_shown_only_published_of_a_form_whose_results_are_published(plan):
    hearing, feedback = chapter(plan).forms
    assert [text for q in hearing.questions for text in q.texts] == [PUBLISHED_TEXT]
    assert hearing.summary == SUMMARY
    assert [text for q in feedback.questions for text in q.texts] == []
    assert feedback.summary == ""
    text_question = feedback.questions[-1]
    assert text_question.answered == 1  # counted, not shown


def test_a_year_without_answers_has_an_empty_chapter_that_says_so(plan, in_english):
    Response.objects.all().delete()
    voice = chapter(plan)
    assert voice.forms == ()
    html = b"".join(REPORT_EXPORTERS.get("html").render(Order(plan, "evaluation", (2025,))))
    assert "No hearing or feedback form of the plan got answers in 2025." in html.decode()


def queries(plan) -> int:
    with CaptureQueriesContext(connection) as captured:
        gather(Order(plan, "evaluation", (2025,)))
    return len(captured)


def test_the_chapter_reads_as_many_queries_however_many_forms_and_answers(plan):
    before = queries(plan)
    for n in range(3):
        form = feedback_form(plan, title=f"Lisälomake {n}", summary_published=True)
        for score in range(10):
            moderate(
                answered_on(form, date(2025, 5, 2), score=score, text=f"Teksti {score}"),
                "published",
            )
    assert queries(plan) == before


def rendered(plan, format: str) -> str:
    with translation.override("fi"):
        data = b"".join(REPORT_EXPORTERS.get(format).render(Order(plan, "evaluation", (2025,))))
    return data.decode() if format == "html" else READERS[format](data)


@pytest.mark.parametrize("format", ["html", "docx", "pdf", "xlsx"])
def test_every_format_shows_the_chapter_and_no_unpublished_text(plan, format):
    text = rendered(plan, format)
    expected = [
        "Lasten ja nuorten ääni",
        "Nuorisovaltuuston kuuleminen",
        "Nuorisovaltuusto",
        "Perhekeskuksen palaute",
        PUBLISHED_TEXT,
        SUMMARY,
        "67 %",
        "+50",
        "1.3.2025–31.3.2025",
    ]
    assert missing(expected, text) == []
    for hidden in (PENDING_TEXT, REJECTED_TEXT, HIDDEN_FORM_TEXT, HIDDEN_SUMMARY, "Viime vuonna"):
        assert squeezed(hidden) not in squeezed(text), hidden


def test_a_published_text_that_looks_like_a_formula_stays_text_in_the_workbook(plan):
    hearing = FeedbackForm.objects.get(title="Nuorisovaltuuston kuuleminen")
    formula = '=HYPERLINK("http://example.com","klikkaa")'
    moderate(answered_on(hearing, date(2025, 3, 20), text=formula), "published")
    with translation.override("fi"):
        data = b"".join(REPORT_EXPORTERS.get("xlsx").render(Order(plan, "evaluation", (2025,))))
    workbook = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c.value for sheet in workbook.worksheets for row in sheet.iter_rows() for c in row]
    assert "'" + formula in cells and formula not in cells

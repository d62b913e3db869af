"""load-demo gives the Kymenlaakso plan the voice of children and youth of 2023, the year
of its round: a hearing of the youth council and a family centre's feedback form, with
answers, some texts published, so that `make run` shows them and the evaluation report
2023 has its chapter. The same every time."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from lanu.demo.voice import HEARING, HEARING_ANSWERS
from lanu.plans.models import Plan
from lanu.reports.content import Order, gather
from lanu.voice.models import Answer, FeedbackForm, Response

pytestmark = pytest.mark.django_db
SLUG = "kymenlaakso-2020-2024"
PUBLISHED = [
    "Kouluterveydenhoitajalle on liian pitkä jono.",
    "Viimeinen bussi kylälle lähtee jo kuudelta.",
    "Välitunnit ovat liian lyhyitä.",
    "Kiitos että kysytte meiltä.",
]
WAITING = "Nuorisotalo voisi olla auki myös sunnuntaina."
WITH_PHONE = "Soita minulle 040 123 4567, kerron lisää."
UNPUBLISHED_RESULTS = "Lisää leluja odotushuoneeseen"  # published, its form's results not


@pytest.fixture
def demo(capsys) -> Plan:
    call_command("load-demo")
    return Plan.objects.get(slug=SLUG)


def test_the_demo_has_a_hearing_and_a_feedback_form_answered_in_2023(demo):
    forms = demo.feedback_forms.order_by("code")
    assert [(f.code, f.kind, f.subgoal.key) for f in forms] == [
        ("nuvakm", FeedbackForm.Kind.HEARING, "II.4"),
        ("perhek", FeedbackForm.Kind.FEEDBACK, "II.6"),
    ]
    assert {f.organisation.name for f in forms} == {"Kymsote", "Kouvolan kaupunki"}
    responses = Response.objects.filter(form__plan=demo)
    assert responses.count() == 16
    assert {r.submitted_on.year for r in responses} == {2023}
    flagged = Answer.objects.get(text=WITH_PHONE)
    assert flagged.moderation == Answer.Moderation.REJECTED and flagged.personal_data
    assert Answer.objects.get(text=WAITING).moderation == Answer.Moderation.PENDING


def test_the_demo_evaluation_2023_has_the_voice_chapter(demo, in_english):
    hearing, family = gather(Order(demo, "evaluation", (2023,))).voice.forms
    assert hearing.title == HEARING["title"] and hearing.responses == len(HEARING_ANSWERS)
    assert hearing.questions[0].cnps == "cNPS = promoters 60 % − detractors 20 % = +40"
    assert [text for q in hearing.questions for text in q.texts] == PUBLISHED
    assert hearing.summary.startswith("Nuoret toivoivat")
    assert family.responses == 6 and not [t for q in family.questions for t in q.texts]


def test_the_demo_report_shows_published_texts_only_to_anyone(client, demo):
    url = reverse("reports:reports", args=[SLUG])
    with translation.override("fi"):
        page = client.get(url, {"kind": "evaluation", "year": 2023, "format": "html"})
    text = b"".join(page.streaming_content).decode()
    assert "Lasten ja nuorten ääni" in text and HEARING["title"] in text
    assert all(published in text for published in PUBLISHED)
    for hidden in (WAITING, WITH_PHONE, UNPUBLISHED_RESULTS):
        assert hidden not in text


def test_loading_the_demo_again_adds_no_voice(demo, capsys):
    call_command("load-demo")
    assert demo.feedback_forms.count() == 2
    assert Response.objects.filter(form__plan=demo).count() == 16
    assert "voice: already there" in capsys.readouterr().out

"""The published results at /v/<code>/results/: only when the coordinator published
them and the plan is public; counts per question with bars and the numbers as text, the
cNPS with its formula written out, and only moderated-and-published free text."""

import pytest
from django.urls import reverse

from lanu.voice.models import Answer, FeedbackForm, Question
from tests.querycount import queries_for
from tests.voice_data import CHOICES, answer, feedback_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(people):
    people.plan.published = True
    people.plan.save()
    return feedback_form(people.plan, language="en", summary_published=True)


def results_url(form):
    return reverse("voice-short:results", args=[form.code])


def test_results_are_not_found_until_published_and_public(client, people):
    form = feedback_form(people.plan, summary_published=True)
    assert client.get(results_url(form)).status_code == 404  # the plan is a draft
    people.plan.published = True
    people.plan.save()
    assert client.get(results_url(form)).status_code == 200
    form.summary_published = False
    form.save()
    assert client.get(results_url(form)).status_code == 404
    form.summary_published, form.state = True, FeedbackForm.State.DRAFT
    form.save()
    assert client.get(results_url(form)).status_code == 404


def test_the_cnps_is_written_out_in_words_and_numbers(client, published):
    for score in (10, 9, 9, 10, 9, 9, 8, 7, 3, 6):  # 6 promoters, 2 passives, 2 detractors
        answer(published, score=score)
    html = client.get(results_url(published)).content.decode()
    assert "cNPS = promoters 60 % − detractors 20 % = +40" in html  # signed as in every report
    assert "10 answers: 6 promoters (9–10), 2 passives (7–8), 2 detractors (0–6)." in html
    assert "10 people have answered." in html


def test_counts_are_numbers_beside_their_bars(client, published):
    answer(published, smiley=5, choice=CHOICES[0], choices=CHOICES[:2])
    answer(published, smiley=5, choice=CHOICES[1], choices=CHOICES[:1])
    answer(published, smiley=2)
    html = client.get(results_url(published)).content.decode()
    assert '<th scope="row">😀 Very good</th>\n      <td class="number">2 (67 %)</td>' in html
    assert '<rect width="67" height="10">' in html
    assert '<th scope="row">Koulussa</th>\n      <td class="number">2 (100 %)</td>' in html
    assert 'aria-hidden="true" focusable="false"' in html  # the bar adds nothing to read


def test_only_published_text_is_shown(client, published):
    for text, state in [("Julkaistu ajatus", "published"), ("Odottaa", "pending")]:
        answer(published, text=text).answers.filter(text=text).update(moderation=state)
    answer(published, text="Hylätty").answers.filter(text="Hylätty").update(moderation="rejected")
    html = client.get(results_url(published)).content.decode()
    assert "Julkaistu ajatus" in html and "Odottaa" not in html and "Hylätty" not in html


def test_published_text_is_escaped(client, published):
    text = "<script>alert(1)</script> kiva"
    answer(published, text=text).answers.update(moderation=Answer.Moderation.PUBLISHED)
    html = client.get(results_url(published)).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; kiva" in html and "<script>alert" not in html


def test_the_coordinators_written_summary_is_shown(client, published):
    published.summary = "Nuoret toivoivat pidempiä aukioloja."
    published.save()
    assert "Nuoret toivoivat pidempiä aukioloja." in client.get(results_url(published)).text


def test_the_thanks_page_links_to_published_results_only(client, people, published):
    thanks = reverse("voice-short:thanks", args=[published.code])
    assert results_url(published) in client.get(thanks).text
    published.summary_published = False
    published.save()
    assert results_url(published) not in client.get(thanks).text


def test_results_queries_do_not_grow_with_questions_or_answers(client, published):
    answer(published, score=9, text="Yksi")
    few = queries_for(client, results_url(published))
    for order in range(5, 15):
        published.questions.create(kind=Question.Kind.SCORE, text=f"Kysymys {order}", order=order)
    for score in range(10):
        answer(published, score=score, smiley=3, text=f"Teksti {score}")
    assert queries_for(client, results_url(published)) == few

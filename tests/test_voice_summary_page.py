"""The summary page of a form for its people: the counts with bars and numbers, the
cNPS with its formula written out, every free-text answer with its moderation state;
the written summary and the publishing of the results; the counts as CSV and XLSX."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lanu.voice.models import Answer
from lanu.voice.summary import cnps_of
from tests.personas import as_persona
from tests.querycount import queries_for
from tests.voice_data import answer, feedback_form

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
FORMULA = (
    "cNPS = promoters 60 % − detractors 20 % = +40; 10 answers: 6 promoters (9–10), "
    "2 passives (7–8), 2 detractors (0–6)"
)


def summary_url(form):
    return reverse("voice:summary", args=[form.plan.slug, form.pk])


def ten_answers(form):
    for score in (10, 9, 9, 10, 9, 9, 7, 8, 3, 0):
        answer(form, score=score, smiley=5, choice="Koulussa", age_group="13-15")


@pytest.mark.parametrize(
    "scores, written",
    [
        ([10, 9, 9, 10, 9, 9, 7, 8, 3, 0], FORMULA),
        (
            [0, 5, 8],
            "cNPS = promoters 0 % − detractors 67 % = −67; 3 answers: "
            "0 promoters (9–10), 1 passive (7–8), 2 detractors (0–6)",
        ),
        (
            [9, 0],
            "cNPS = promoters 50 % − detractors 50 % = 0; 2 answers: "
            "1 promoter (9–10), 0 passives (7–8), 1 detractor (0–6)",
        ),
        ([], "cNPS: no scores yet."),
    ],
)
def test_voice_summary_cnps_formula_is_written_out(scores, written):
    assert cnps_of(scores).written_out == written


def test_voice_summary_page_shows_counts_bars_and_the_cnps_formula(client, people):
    form = feedback_form(people.plan)
    ten_answers(form)
    html = as_persona(client, people, "alice").get(summary_url(form)).content.decode()
    assert "10 responses" in html
    assert FORMULA in html
    assert '<th scope="row">13–15</th>\n    <td>10</td>\n    <td>100 %</td>' in html
    assert '<th scope="row">9</th>\n    <td>4</td>\n    <td>40 %</td>' in html
    assert 'width="200" height="12" fill="#1f5f8b"' in html  # the longest bar
    assert "😀 Very good" in html


def test_voice_summary_page_lists_every_text_with_its_moderation_state(client, people):
    form = feedback_form(people.plan)
    answer(form, text="Odottava <script>")
    answer(form, text="Julkaistu teksti")
    answer(form, text="Hylätty teksti")
    Answer.objects.filter(text="Julkaistu teksti").update(moderation="published")
    Answer.objects.filter(text="Hylätty teksti").update(moderation="rejected")
    html = as_persona(client, people, "alice").get(summary_url(form)).content.decode()
    assert "Odottava &lt;script&gt;" in html and "<script>" not in html.split("</header>")[-1]
    states = [
        ("Odottava &lt;script&gt;", "Waiting for moderation"),
        ("Julkaistu teksti", "Published"),
        ("Hylätty teksti", "Not published"),
    ]
    for text, state in states:
        after = html[html.index(text) : html.index(text) + 200]
        assert state in after, (text, after)
    assert reverse("voice:moderation", args=[people.plan.slug]) in html


def test_voice_summary_page_saves_the_summary_and_publishes_the_results(client, people):
    form = feedback_form(people.plan)
    as_persona(client, people, "alice")
    data = {"summary": "Nuoret toivovat  \r\nlisää iltoja.", "summary_published": "on"}
    response = client.post(summary_url(form), data)
    assert response.status_code == 302
    form.refresh_from_db()
    assert (form.summary, form.summary_published) == ("Nuoret toivovat\nlisää iltoja.", True)
    client.post(summary_url(form), {"summary": form.summary})
    form.refresh_from_db()
    assert not form.summary_published


def test_voice_summary_page_queries_do_not_grow_with_answers(client, people):
    form = feedback_form(people.plan)
    answer(form, score=9, text="Yksi")
    as_persona(client, people, "alice")
    few = queries_for(client, summary_url(form))
    ten_answers(form)
    for n in range(5):
        answer(form, text=f"Teksti {n}")
    assert queries_for(client, summary_url(form)) == few


def export(client, form, format):
    url = reverse(f"voice:summary-{format}", args=[form.plan.slug, form.pk])
    response = client.get(url)
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_voice_summary_export_has_counts_and_only_published_texts_formula_escaped(client, people):
    form = feedback_form(people.plan)
    ten_answers(form)
    answer(form, text='=HYPERLINK("http://example.com")')
    answer(form, text="Salainen odottava")
    Answer.objects.filter(text__startswith="=").update(moderation="published")
    as_persona(client, people, "alice")
    rows = list(csv.reader(io.StringIO(export(client, form, "csv").decode("utf-8-sig"))))
    assert rows[0] == ["Question", "Answer", "Count"]
    assert ["Responses", "", "12"] in rows
    score = form.questions.get(kind="score").text
    assert [score, "9", "4"] in rows
    assert [score, FORMULA, "40"] in rows
    assert [form.questions.get(kind="text").text, '\'=HYPERLINK("http://example.com")', ""] in rows
    assert not any("Salainen" in cell for row in rows for cell in row)
    sheet = load_workbook(io.BytesIO(export(client, form, "xlsx"))).active
    values = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert [score, "9", 4] in values
    assert not any("Salainen" in str(cell) for row in values for cell in row)


@pytest.mark.parametrize(
    "name, status",
    [("alice", 200), ("bob", 403), ("vera", 403), ("mallory", 404), (None, 404)],
)
def test_voice_summary_export_is_for_those_who_manage_the_form(client, people, name, status):
    form = feedback_form(people.plan, organisation=people.second)
    as_persona(client, people, name)
    url = reverse("voice:summary-csv", args=[people.plan.slug, form.pk])
    assert client.get(url).status_code == status

"""A form's summary (lanu/voice/summary.py): the figures a coordinator and the yearly
report read, the cNPS with its formula's rounding, and free text only when published
where the public may read it."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lanu.voice.models import Answer, FeedbackForm, Response
from lanu.voice.summary import cnps_of, summaries_of_year, summarise

from .voice_data import CHOICES, answer, feedback_form

pytestmark = pytest.mark.django_db


def by_kind(summary):
    return {item.question.kind: item for item in summary.questions}


def test_each_kind_of_question_is_counted(people):
    form = feedback_form(people.plan)
    answer(
        form,
        score=10,
        smiley=5,
        choice="Koulussa",
        choices=["Koulussa", "Kotona"],
        text="Kiva",
        age_group="13-15",
    )
    answer(form, score=9, smiley=4, choice="Kotona", choices=["Kotona"], age_group="13-15")
    answer(form, score=3, smiley=1, age_group="7-12")
    answer(form, score=7)
    summary = summarise(form, published_only=False)
    assert summary.responses == 4
    assert [(c.value, c.count) for c in summary.age_groups] == [("7-12", 1), ("13-15", 2), ("", 1)]
    items = by_kind(summary)
    score = items["score"]
    assert score.answered == 4
    assert [c.count for c in score.distribution] == [0, 0, 0, 1, 0, 0, 0, 1, 0, 1, 1]
    smiley = items["smiley"]
    assert smiley.answered == 3
    assert [(c.value, c.count) for c in smiley.distribution] == [
        ("1", 1),
        ("2", 0),
        ("3", 0),
        ("4", 1),
        ("5", 1),
    ]
    assert "😀" in smiley.distribution[-1].label
    assert [(c.label, c.count) for c in items["choice"].distribution] == [
        (CHOICES[0], 1),
        (CHOICES[1], 0),
        (CHOICES[2], 1),
    ]
    assert items["choices"].answered == 2
    assert [c.count for c in items["choices"].distribution] == [1, 0, 2]
    assert [t.text for t in items["text"].texts] == ["Kiva"]


def test_the_cnps_is_the_promoters_share_less_the_detractors():
    cnps = cnps_of([10, 9, 9, 8, 7, 6, 0, 10, 9, 9])  # 6 promoters, 2 passives, 2 detractors
    assert (cnps.promoters, cnps.passives, cnps.detractors, cnps.answered) == (6, 2, 2, 10)
    assert (cnps.promoter_percent, cnps.detractor_percent, cnps.score) == (60, 20, 40)


def test_the_cnps_is_the_difference_of_the_rounded_percentages():
    """2 of 3 promoters (66.7 %), 1 of 3 detractors (33.3 %): 67 % − 33 % = 34, so that
    the formula written out with the page's numbers is right."""
    cnps = cnps_of([10, 10, 0])
    assert (cnps.promoter_percent, cnps.detractor_percent, cnps.score) == (67, 33, 34)
    assert cnps_of([5, 5]).score == -100
    assert cnps_of([]).score is None


def test_a_choice_no_longer_offered_is_still_counted(people):
    form = feedback_form(people.plan)
    answer(form, choice="Koulussa")
    question = form.questions.get(kind="choice")
    question.choices = ["Harrastuksissa"]
    question.save()
    items = by_kind(summarise(form, published_only=False))
    assert [(c.label, c.count) for c in items["choice"].distribution] == [
        ("Harrastuksissa", 0),
        ("Koulussa", 1),
    ]


def test_only_published_texts_where_the_public_reads(people):
    form = feedback_form(people.plan)
    for text in ("Odottaa", "Julkaistu", "Hylätty"):
        answer(form, text=text)
    states = {"Julkaistu": Answer.Moderation.PUBLISHED, "Hylätty": Answer.Moderation.REJECTED}
    for text, state in states.items():
        Answer.objects.filter(text=text).update(moderation=state)
    public = by_kind(summarise(form, published_only=True))["text"]
    assert [t.text for t in public.texts] == ["Julkaistu"]
    everything = by_kind(summarise(form, published_only=False))["text"]
    assert [(t.text, t.moderation) for t in everything.texts] == [
        ("Odottaa", "pending"),
        ("Julkaistu", "published"),
        ("Hylätty", "rejected"),
    ]
    assert everything.answered == public.answered == 3


def test_personal_data_is_flagged_for_the_coordinator(people):
    form = feedback_form(people.plan)
    answer(form, text="Soita minulle 040 123 4567")
    (text,) = by_kind(summarise(form, published_only=False))["text"].texts
    assert text.personal_data == ["phone"]


def test_the_years_summaries_count_that_years_responses(people):
    form = feedback_form(people.plan, title="Kuuleminen", kind=FeedbackForm.Kind.HEARING)
    other = feedback_form(people.plan, title="Palaute")
    feedback_form(people.plan, title="Ei vastauksia")
    for day, score in [(datetime.date(2025, 5, 1), 10), (datetime.date(2026, 5, 1), 0)]:
        answer(form, score=score)
        Response.objects.filter(submitted_on=datetime.date.today()).update(submitted_on=day)
    answer(other, score=9)
    Response.objects.filter(form=other).update(submitted_on=datetime.date(2025, 9, 1))
    year = summaries_of_year(people.plan, 2025, published_only=True)
    assert [s.form.title for s in year] == ["Kuuleminen", "Palaute"]
    assert [s.responses for s in year] == [1, 1]
    assert by_kind(year[0])["score"].cnps.score == 100
    assert summaries_of_year(people.plan, 2024, published_only=True) == []


def queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured)


def test_the_summaries_queries_do_not_grow(people):
    form = feedback_form(people.plan)
    answer(form, score=10, text="Yksi", age_group="7-12")
    one = queries(lambda: summarise(form, published_only=False))
    year = datetime.date.today().year
    few = queries(lambda: summaries_of_year(people.plan, year, published_only=False))
    for n in range(5):
        answer(form, score=n, smiley=3, choice="Kotona", choices=CHOICES, text=f"Teksti {n}")
        answer(feedback_form(people.plan), score=n, text="Toinen")
    assert queries(lambda: summarise(form, published_only=False)) == one
    assert queries(lambda: summaries_of_year(people.plan, year, published_only=False)) == few

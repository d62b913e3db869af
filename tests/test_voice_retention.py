"""`python -m lanu delete-old-answers`: the answers older than their plan's period go, with
all their answers, and nothing else; the plans whose period is not over keep theirs; a
dry run only counts. "Today" is fixed by the test, as cron's day would be."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command, load_command_class
from django.utils import timezone, translation

from lanu.voice import retention
from lanu.voice.models import Answer, FeedbackForm, Question, Response
from lanu.voice.retention import delete_old_answers
from tests.voice_answers import text_answer, text_form

pytestmark = pytest.mark.django_db
TODAY = date(2026, 12, 1)


@pytest.fixture
def plans(plan_of):
    """An ended plan (2020–2024) and a current one (2025–2027), each with a form."""
    ended = plan_of(2, organisations=1, slug="paattynyt")
    ended.period_start, ended.period_end = 2020, 2024
    ended.save()
    current = plan_of(2, organisations=1, slug="voimassa")
    current.period_start, current.period_end = 2025, 2027
    current.save()
    return ended, current


def run(monkeypatch, *options, language="en") -> str:
    monkeypatch.setattr(timezone, "localdate", lambda: TODAY)
    out = StringIO()
    with translation.override(language):
        call_command("delete-old-answers", *options, stdout=out)
    return out.getvalue()


def texts() -> set[str]:
    return set(Answer.objects.values_list("text", flat=True))


def test_answers_older_than_the_plans_period_are_deleted_at_the_boundary(plans, monkeypatch):
    ended, current = plans
    old_form = text_form(ended)
    text_answer(old_form, "Ensimmäinen vuosi", on=date(2020, 1, 1))
    text_answer(old_form, "Viimeinen päivä", on=date(2024, 12, 31))
    text_answer(old_form, "Kauden jälkeen", on=date(2025, 1, 1))  # after the period: kept
    current_form = text_form(current)
    text_answer(current_form, "Ennen kautta", on=date(2024, 6, 1))  # period not over: kept
    output = run(monkeypatch)
    assert texts() == {"Kauden jälkeen", "Ennen kautta"}
    assert Response.objects.filter(form=old_form).count() == 1
    assert FeedbackForm.objects.filter(pk=old_form.pk).exists()  # the form stays
    assert Question.objects.filter(form=old_form).exists()
    assert output.strip() == (
        f"paattynyt (“{ended.name}”, 2020–2024): deleted 2 responses (2 answers) "
        "submitted before 1.1.2025."
    )


def test_a_plan_is_over_only_when_its_last_year_is(plans):
    ended, _current = plans
    text_answer(text_form(ended), "Kesken", on=date(2024, 3, 1))
    assert delete_old_answers(date(2024, 12, 31)) == []
    assert texts() == {"Kesken"}
    [deleted] = delete_old_answers(date(2025, 1, 1))
    assert (deleted.plan, deleted.responses, deleted.before) == (ended, 1, date(2025, 1, 1))
    assert texts() == set()


def test_every_answer_of_a_response_goes_with_it(plans, monkeypatch):
    from tests.voice_data import answer, feedback_form

    ended, _current = plans
    form = feedback_form(ended)
    response = answer(form, score=9, smiley=4, choice="Kotona", choices=["Koulussa"], text="Moi")
    Response.objects.filter(pk=response.pk).update(submitted_on=date(2023, 5, 5))
    assert "deleted 1 responses (5 answers)" in run(monkeypatch)
    assert not Answer.objects.exists() and not Response.objects.exists()


def test_a_dry_run_counts_and_deletes_nothing(plans, monkeypatch):
    ended, _current = plans
    form = text_form(ended)
    for day in (date(2021, 2, 2), date(2022, 3, 3), date(2023, 4, 4)):
        text_answer(form, f"Vastaus {day.year}", on=day)
    output = run(monkeypatch, "--dry-run")
    assert Response.objects.count() == 3 and len(texts()) == 3
    assert output.splitlines() == [
        f"paattynyt (“{ended.name}”, 2020–2024): 3 responses (3 answers) submitted "
        "before 1.1.2025 would be deleted.",
        "Dry run: nothing was deleted.",
    ]


def test_nothing_to_delete_is_said_in_the_admins_language(plans, monkeypatch):
    _ended, current = plans
    text_answer(text_form(current), "Tämä vuosi", on=TODAY)
    assert run(monkeypatch, language="fi").strip() == (
        "Yhtään suunnitelmakautta vanhempaa vastausta ei ole."
    )
    assert texts() == {"Tämä vuosi"}


def test_all_plans_go_in_one_transaction_or_none_does(plans, plan_of, monkeypatch):
    ended, _current = plans
    other = plan_of(2, organisations=1, slug="vanha")
    other.period_start, other.period_end = 2018, 2021
    other.save()
    text_answer(text_form(ended), "Ensimmäinen", on=date(2022, 1, 1))
    text_answer(text_form(other), "Toinen", on=date(2021, 1, 1))
    real = retention.old_responses

    def failing(plan):
        if plan == other:  # "vanha" comes after "paattynyt", whose answers went first
            raise RuntimeError("the database went away")
        return real(plan)

    monkeypatch.setattr(retention, "old_responses", failing)
    with pytest.raises(RuntimeError):
        delete_old_answers(TODAY)
    assert texts() == {"Ensimmäinen", "Toinen"}


def test_the_commands_help_documents_the_rule():
    command = load_command_class("lanu.voice", "delete-old-answers")
    assert "older than their plan's period" in command.help
    assert "docs/voice.md" in command.help

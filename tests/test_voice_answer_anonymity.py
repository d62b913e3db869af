"""No answer stores anything that identifies the person who answered: not their address
(nor the proxy's forwarded one), their browser, their account or their session, nor the
time of day. Every column of every row an answer makes is read and compared."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.urls import reverse

from lanu.voice.answering import field_name
from lanu.voice.models import Answer, Question, Response
from tests.voice_data import feedback_form

pytestmark = pytest.mark.django_db

ADDRESS = "198.51.100.23"
FORWARDED = "203.0.113.77"
AGENT = "Mozilla/5.0 (Linux; Android 14; Pixel 8) Mobile Safari/537.36 Tunniste-7f3a"


@pytest.fixture(autouse=True)
def no_counted_answers():
    cache.clear()
    yield
    cache.clear()


def answers(form) -> dict:
    names = {question.kind: field_name(question) for question in form.questions.all()}
    return {
        names[Question.Kind.SCORE]: "10",
        names[Question.Kind.SMILEY]: "4",
        names[Question.Kind.CHOICE]: "Kotona",
        names[Question.Kind.CHOICES]: ["Kotona"],
        names[Question.Kind.TEXT]: "Nuorisotalo saisi olla auki pidempään",
        "age_group": "16-17",
        "municipality": "Kotka",
    }


def post_as_someone(client, form) -> None:
    url = reverse("voice-short:answer", args=[form.code])
    headers = {"REMOTE_ADDR": ADDRESS, "HTTP_X_FORWARDED_FOR": FORWARDED, "HTTP_USER_AGENT": AGENT}
    response = client.post(url, answers(form), **headers)
    assert response.status_code == 302


def stored_values() -> list[str]:
    """Every value of every column of every Response and Answer row, as text."""
    values = []
    for model in (Response, Answer):
        columns = [field.attname for field in model._meta.concrete_fields]
        for row in model.objects.values_list(*columns):
            values += [str(value) for value in row]
    return values


def identifying(people, session_key: str) -> list[str]:
    user = people.bob
    found = [ADDRESS, FORWARDED, AGENT, "Tunniste-7f3a", user.username, user.email]
    return found + [session_key, "198.51.100", "203.0.113"]


def test_no_answer_stores_the_address_browser_account_or_session(client, people, settings):
    settings.CLIENT_ADDRESS_HEADER = "HTTP_X_FORWARDED_FOR"  # as behind the proxy
    form = feedback_form(people.plan, ask_municipality=True)
    client.force_login(people.bob)
    session_key = client.session.session_key
    post_as_someone(client, form)
    assert Answer.objects.count() == 5 and Response.objects.count() == 1
    values = stored_values()
    for secret in identifying(people, session_key):
        assert not [value for value in values if secret in value], secret
    # The user's id is a small number that other columns may hold by chance: no column
    # can hold it, as no column refers to a user.
    response_columns = {field.attname for field in Response._meta.concrete_fields}
    assert response_columns == {"id", "form_id", "submitted_on", "age_group", "municipality"}
    for model in (Response, Answer):
        targets = {field.related_model for field in model._meta.concrete_fields}
        assert get_user_model() not in targets and Session not in targets


def test_the_day_is_stored_never_the_time_of_day(client, people):
    form = feedback_form(people.plan)
    post_as_someone(client, form)
    submitted_on = Response.objects.get().submitted_on
    assert type(submitted_on).__name__ == "date"  # a date, not a datetime
    field = Response._meta.get_field("submitted_on")
    assert field.get_internal_type() == "DateField"
    time_columns = [
        f.name for f in Response._meta.concrete_fields if f.get_internal_type() == "DateTimeField"
    ]
    assert time_columns == []
    answer_times = {f.name for f in Answer._meta.concrete_fields if "Time" in f.get_internal_type()}
    assert answer_times == {"moderated_at"}  # the moderator's decision, empty at answering
    assert not Answer.objects.exclude(moderated_at=None).exists()


def test_an_anonymous_answerer_gets_no_session(client, people):
    form = feedback_form(people.plan)
    sessions = Session.objects.count()
    client.get(reverse("voice-short:answer", args=[form.code]))
    post_as_someone(client, form)
    client.get(reverse("voice-short:thanks", args=[form.code]))
    assert Session.objects.count() == sessions
    assert set(client.cookies) <= {"csrftoken"}

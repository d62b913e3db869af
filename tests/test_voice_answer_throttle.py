"""Flooding a form is throttled: past the client's limit the answers are refused with
429 and a plain message in the form's language, and nothing more is stored; another
client still gets through, until the form's own limit for everyone."""

import pytest
from django.core.cache import cache, caches
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import reverse

from lanu.voice.answering import field_name
from lanu.voice.models import Question, Response
from lanu.voice.throttling import keys
from tests.voice_data import feedback_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_limits(settings):
    settings.VOICE_THROTTLE_PER_CLIENT = 3
    settings.VOICE_THROTTLE_PER_FORM = 5
    cache.clear()
    yield
    cache.clear()


def post_from(client, form, address: str):
    smiley = form.questions.get(kind=Question.Kind.SMILEY)
    url = reverse("voice-short:answer", args=[form.code])
    return client.post(url, {field_name(smiley): "4"}, REMOTE_ADDR=address)


def test_flooding_from_one_address_is_refused_after_its_limit(client, people):
    form = feedback_form(people.plan)
    statuses = [post_from(client, form, "192.0.2.10").status_code for _ in range(3)]
    assert statuses == [302, 302, 302]
    refused = post_from(client, form, "192.0.2.10")
    assert refused.status_code == 429
    assert "Täältä on tullut juuri nyt liian monta vastausta" in refused.content.decode()
    assert Response.objects.filter(form=form).count() == 3


def test_the_refusal_is_in_the_forms_language(client, people):
    form = feedback_form(people.plan, language="en")
    for _ in range(3):
        post_from(client, form, "192.0.2.10")
    refused = post_from(client, form, "192.0.2.10").content.decode()
    assert "Too many answers from here just now, try again in a few minutes." in refused


def test_another_address_gets_through_until_the_forms_limit(client, people):
    form = feedback_form(people.plan)
    for _ in range(3):
        post_from(client, form, "192.0.2.10")
    assert post_from(client, form, "192.0.2.10").status_code == 429
    assert post_from(client, form, "192.0.2.20").status_code == 302
    assert post_from(client, form, "192.0.2.20").status_code == 302
    assert post_from(client, form, "192.0.2.30").status_code == 429  # five for everyone
    assert Response.objects.filter(form=form).count() == 5


def test_another_forms_answers_are_counted_apart(client, people):
    first, second = feedback_form(people.plan), feedback_form(people.plan)
    for _ in range(3):
        post_from(client, first, "192.0.2.10")
    assert post_from(client, second, "192.0.2.10").status_code == 302


def test_with_the_database_cache_every_server_process_reads_the_same_counts(
    client, people, settings
):
    """CACHE=database (production's setting): the counts are rows of the shared table, so
    a second process (its own cache object, as gunicorn's next worker has) refuses too."""
    settings.CACHES = {"default": settings.CACHE_BACKENDS["database"]}
    call_command("createcachetable", verbosity=0)
    form = feedback_form(people.plan)
    for _ in range(3):
        post_from(client, form, "192.0.2.10")
    another_process = caches.create_connection("default")
    counted = another_process.get_many([key for key, _limit in keys_of(form, "192.0.2.10")])
    assert sorted(counted.values()) == [3, 3]
    assert post_from(client, form, "192.0.2.10").status_code == 429


def keys_of(form, address: str):
    request = RequestFactory().post("/", REMOTE_ADDR=address)
    return keys(request, form)

"""The moderation queue: the plan's coordinators (and editors for their organisation's
forms) read pending free-text answers with the personal data marked and named, and
publish, reject or withdraw one or many; the decision's time is recorded."""

import pytest
from django.urls import reverse

from lanu.voice.models import Answer
from tests.personas import as_persona
from tests.querycount import queries_for
from tests.voice_answers import text_answer, text_form

pytestmark = pytest.mark.django_db
PENDING, PUBLISHED, REJECTED = (
    Answer.Moderation.PENDING,
    Answer.Moderation.PUBLISHED,
    Answer.Moderation.REJECTED,
)


def queue_url(plan, state=""):
    url = reverse("voice:moderation", args=[plan.slug])
    return url + (f"?state={state}" if state else "")


def page_text(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_coordinator_reads_pending_text_with_personal_data_marked(client, people, in_english):
    form = text_form(people.plan)
    text_answer(form, "Soita Mikolle 040 123 4567 <b>heti</b>")
    text_answer(form, "Jo julkaistu", moderation=PUBLISHED)
    html = page_text(as_persona(client, people, "alice"), queue_url(people.plan))
    assert '<mark><span class="visually-hidden">(phone number) </span>040 123 4567</mark>' in html
    assert "(name) </span>Mikolle</mark>" in html
    assert "Contains a phone number" in html and "Contains a name" in html
    assert "&lt;b&gt;heti&lt;/b&gt;" in html and "<b>heti" not in html
    assert "Jo julkaistu" not in html
    assert "Published (1)" in html and "Waiting for moderation (1)" in html
    assert "Jo julkaistu" in page_text(client, queue_url(people.plan, PUBLISHED))


def test_publish_one_reject_many_and_withdraw(client, people, in_english):
    form = text_form(people.plan)
    first, second, third = (text_answer(form, f"Vastaus {n}") for n in range(3))
    as_persona(client, people, "alice")
    response = client.post(queue_url(people.plan, PENDING), {"publish": first.pk}, follow=True)
    assert "1 answer published." in response.content.decode()
    data = {"reject": "selected", "answers": [second.pk, third.pk]}
    response = client.post(queue_url(people.plan, PENDING), data, follow=True)
    assert "2 answers will not be published." in response.content.decode()
    states = dict(Answer.objects.values_list("pk", "moderation"))
    assert states == {first.pk: PUBLISHED, second.pk: REJECTED, third.pk: REJECTED}
    assert all(answer.moderated_at for answer in Answer.objects.all())
    client.post(queue_url(people.plan, PUBLISHED), {"withdraw": first.pk})
    first.refresh_from_db()
    assert first.moderation == REJECTED
    client.post(queue_url(people.plan, REJECTED), {"publish": second.pk})
    second.refresh_from_db()
    assert second.moderation == PUBLISHED


def test_a_decision_without_an_answer_changes_nothing(client, people, in_english):
    answer = text_answer(text_form(people.plan), "Odottaa")
    as_persona(client, people, "alice")
    response = client.post(queue_url(people.plan), {"publish": "selected"}, follow=True)
    assert "Choose at least one answer" in response.content.decode()
    response = client.post(queue_url(people.plan), {"withdraw": answer.pk}, follow=True)
    assert "Choose at least one answer" in response.content.decode()
    answer.refresh_from_db()
    assert answer.moderation == PENDING and answer.moderated_at is None


def test_an_editor_moderates_only_their_organisation_forms(client, people):
    own = text_answer(text_form(people.plan, people.first), "Bobin lomake")
    other = text_answer(text_form(people.plan, people.second), "Charlien lomake")
    plan_wide = text_answer(text_form(people.plan), "Koko suunnitelman lomake")
    html = page_text(as_persona(client, people, "bob"), queue_url(people.plan))
    assert "Bobin lomake" in html
    assert "Charlien lomake" not in html and "Koko suunnitelman lomake" not in html
    data = {"publish": "selected", "answers": [own.pk, other.pk, plan_wide.pk]}
    client.post(queue_url(people.plan), data)
    states = dict(Answer.objects.values_list("pk", "moderation"))
    assert states == {own.pk: PUBLISHED, other.pk: PENDING, plan_wide.pk: PENDING}


@pytest.mark.parametrize(
    ("name", "status"),
    [("alice", 200), ("bob", 200), ("charlie", 200), ("vera", 403), ("mallory", 404)],
)
def test_who_may_open_the_queue(client, people, name, status):
    answer = text_answer(text_form(people.plan), "Ei muutu")
    as_persona(client, people, name)
    assert client.get(queue_url(people.plan)).status_code == status
    if status != 200:
        assert client.post(queue_url(people.plan), {"publish": answer.pk}).status_code == status
        answer.refresh_from_db()
        assert answer.moderation == PENDING


def test_anonymous_visitors_are_sent_to_log_in(client, people):
    response = client.get(queue_url(people.plan))
    assert response.status_code in (302, 404)
    assert Answer.objects.count() == 0


def test_the_queue_queries_do_not_grow_with_the_answers(client, people):
    form = text_form(people.plan)
    text_answer(form, "Mikko 040 123 4567")
    as_persona(client, people, "alice")
    few = queries_for(client, queue_url(people.plan))
    for n in range(20):
        text_answer(text_form(people.plan, people.first), f"Vastaus {n}, soita 040 765 43{n:02}")
    assert queries_for(client, queue_url(people.plan)) == few

"""The plan's feedback forms and hearings as its people make them: the list, a new form
with its ready questions, its settings; who may, and what a refused form keeps."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lanu.voice.models import FeedbackForm, Question
from tests.personas import as_persona
from tests.querycount import queries_for
from tests.voice_data import answer, feedback_form

pytestmark = pytest.mark.django_db

# Who gets the plan's voice pages: coordinators and editors, no one else.
MAKERS = [
    pytest.param("alice", 200, id="alice-coordinator"),
    pytest.param("bob", 200, id="bob-editor"),
    pytest.param("charlie", 200, id="charlie-editor"),
    pytest.param("vera", 403, id="vera-viewer"),
    pytest.param("mallory", 404, id="mallory-no-role"),
    pytest.param(None, 404, id="anonymous"),
]
HEARING = {
    "kind": "hearing",
    "title": "Nuorisovaltuuston kuuleminen",
    "introduction": "Kerro, mitä mieltä olet.",
    "language": "fi",
    "target_group": "Nuorisovaltuusto",
    "opens_at": "2026-12-01T10:00",
    "closes_at": "2026-12-15T16:00",
    "ask_age_group": "on",
    "question_set": "standard",
}


def new_url(plan, query=""):
    return reverse("voice:form-new", args=[plan.slug]) + query


@pytest.mark.parametrize("name, status", MAKERS)
def test_voice_forms_list_is_for_the_plan_people(client, people, name, status):
    as_persona(client, people, name)
    response = client.get(reverse("voice:forms", args=[people.plan.slug]))
    assert response.status_code == status


@pytest.mark.parametrize("name, status", MAKERS)
def test_voice_form_new_is_for_the_plan_people(client, people, name, status):
    as_persona(client, people, name)
    assert client.get(new_url(people.plan)).status_code == status


def test_voice_forms_list_shows_state_kind_subject_and_answers(client, people, in_english):
    subgoal = people.plan.goals.first().subgoals.first()
    form = feedback_form(people.plan, subgoal=subgoal, kind="hearing", target_group="Nuva")
    answer(form, score=9)
    answer(form, score=3)
    html = as_persona(client, people, "alice").get(reverse("voice:forms", args=[people.plan.slug]))
    text = html.content.decode()
    assert form.title in text and "Hearing" in text and "Open" in text and "Nuva" in text
    assert subgoal.title in text
    assert "<td>2</td>" in text
    assert reverse("voice:summary", args=[people.plan.slug, form.pk]) in text
    assert reverse("voice:moderation", args=[people.plan.slug]) in text


def test_an_open_form_past_its_closing_time_reads_ended_with_no_answer_link(
    client, people, in_english
):
    """A hearing left OPEN after its closing time no longer takes answers: the list and
    the plan page say it ended, and the plan page offers no link to answer it."""
    now = timezone.now()
    ended = feedback_form(people.plan, title="Päättynyt kuuleminen", closes_at=now - DAY)
    coming = feedback_form(people.plan, title="Tuleva kuuleminen", opens_at=now + DAY)
    running = feedback_form(people.plan, title="Käynnissä oleva kysely")
    as_persona(client, people, "alice")
    listed = client.get(reverse("voice:forms", args=[people.plan.slug])).content.decode()
    states = {form.title: state_after(listed, form.title) for form in (ended, coming, running)}
    assert states == {
        "Päättynyt kuuleminen": "Ended",
        "Tuleva kuuleminen": "Not open yet",
        "Käynnissä oleva kysely": "Open",
    }
    deleting = client.get(reverse("voice:form-delete", args=[people.plan.slug, ended.pk]))
    assert '<p class="kicker">Feedback form · Ended</p>' in deleting.content.decode()
    plan_page = client.get(reverse("plans:plan", args=[people.plan.slug])).content.decode()
    answer_links = {
        code for code in (ended.code, coming.code, running.code) if f"/v/{code}/" in plan_page
    }
    assert answer_links == {running.code}


DAY = timedelta(days=1)


def state_after(html: str, title: str) -> str:
    """The text of the state cell in the title's row of the forms list."""
    row = html[html.index(title) :]
    row = row[: row.index("</tr>")]
    cells = [cell.split("</td>")[0].strip() for cell in row.split("<td>")[1:]]
    return cells[1]  # kind, state, subject, ...


def test_voice_forms_list_shows_an_editor_only_their_organisation_forms(client, people):
    own = feedback_form(people.plan, title="Bobin lomake", organisation=people.first)
    feedback_form(people.plan, title="Charlien lomake", organisation=people.second)
    feedback_form(people.plan, title="Koordinaattorin lomake")
    text = as_persona(client, people, "bob").get(reverse("voice:forms", args=[people.plan.slug]))
    html = text.content.decode()
    assert own.title in html
    assert "Charlien lomake" not in html and "Koordinaattorin lomake" not in html


def test_voice_form_new_for_a_subgoal_starts_with_the_ready_questions(client, people, in_english):
    subgoal = people.plan.goals.first().subgoals.first()
    as_persona(client, people, "alice")
    page = client.get(new_url(people.plan, f"?subgoal={subgoal.pk}"))
    assert page.context["form"]["subgoal"].value() == subgoal.pk
    assert page.context["form"]["title"].value() == subgoal.title
    data = {**HEARING, "kind": "feedback", "subgoal": subgoal.pk, "opens_at": "", "closes_at": ""}
    response = client.post(new_url(people.plan), data)
    form = FeedbackForm.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("voice:questions", args=[people.plan.slug, form.pk])
    assert (form.subgoal, form.state, form.created_by) == (subgoal, "draft", people.alice)
    kinds = list(form.questions.values_list("kind", "text"))
    assert kinds == [
        ("score", "Kuinka todennäköisesti suosittelisit tätä kaverillesi?"),
        ("smiley", "Mitä pidit tästä?"),
        ("text", "Mitä muuttaisit?"),
    ]


@pytest.mark.parametrize(
    "language, question_set, first",
    [
        ("sv", "standard", "Hur troligt är det att du skulle rekommendera det här till en kompis?"),
        ("en", "standard", "How likely would you recommend this to a friend?"),
        ("fi", "young", "Mitä pidit tästä?"),
    ],
)
def test_voice_form_new_questions_are_in_the_form_language(
    client, people, language, question_set, first
):
    as_persona(client, people, "alice")
    data = {**HEARING, "language": language, "question_set": question_set}
    assert client.post(new_url(people.plan), data).status_code == 302
    questions = list(FeedbackForm.objects.get().questions.all())
    assert questions[0].text == first
    if question_set == "young":
        assert {question.kind for question in questions} == {Question.Kind.SMILEY}


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"opens_at": ""}, "opens_at", "A hearing needs its opening and closing time."),
        ({"closes_at": ""}, "closes_at", "A hearing needs its opening and closing time."),
        (
            {"closes_at": "2026-11-30T10:00"},
            "closes_at",
            "The closing time must be after the opening time.",
        ),
    ],
)
def test_voice_form_new_refuses_a_hearing_without_its_times_keeping_what_was_typed(
    client, people, in_english, changes, field, message
):
    as_persona(client, people, "alice")
    response = client.post(new_url(people.plan), {**HEARING, **changes})
    assert response.status_code == 200
    assert message in response.context["form"].errors[field]
    assert response.context["form"]["title"].value() == HEARING["title"]
    assert "Nuorisovaltuusto" in response.content.decode()
    assert not FeedbackForm.objects.exists()


def test_voice_form_new_an_editor_makes_forms_for_their_own_organisation_only(client, people):
    as_persona(client, people, "bob")
    refused = client.post(new_url(people.plan), {**HEARING, "organisation": people.second.pk})
    assert refused.status_code == 200 and "organisation" in refused.context["form"].errors
    plan_wide = client.post(new_url(people.plan), HEARING)
    assert plan_wide.status_code == 200 and "organisation" in plan_wide.context["form"].errors
    made = client.post(new_url(people.plan), {**HEARING, "organisation": people.first.pk})
    assert made.status_code == 302
    assert FeedbackForm.objects.get().organisation == people.first


def test_voice_form_new_for_an_action_is_its_organisation(client, people):
    action = people.plan.actions.filter(organisation=people.first).first()
    as_persona(client, people, "bob")
    page = client.get(new_url(people.plan, f"?action={action.pk}"))
    assert page.context["form"]["action"].value() == action.pk
    assert page.context["form"]["organisation"].value() == people.first.pk


@pytest.mark.parametrize(
    "name, status",
    [
        pytest.param("alice", 200, id="alice-coordinator"),
        pytest.param("bob", 200, id="bob-editor-own"),
        pytest.param("charlie", 403, id="charlie-editor-other"),
        pytest.param("vera", 403, id="vera-viewer"),
        pytest.param("mallory", 404, id="mallory-no-role"),
        pytest.param(None, 404, id="anonymous"),
    ],
)
@pytest.mark.parametrize("page", ["voice:form-edit", "voice:questions", "voice:summary"])
def test_voice_form_pages_are_for_those_who_manage_the_form(client, people, name, status, page):
    form = feedback_form(people.plan, organisation=people.first)
    as_persona(client, people, name)
    assert client.get(reverse(page, args=[people.plan.slug, form.pk])).status_code == status
    data = {"title": "Muutettu", "open": "1", "summary": "Muutettu"}
    posted = client.post(reverse(page, args=[people.plan.slug, form.pk]), data)
    if status != 200:
        assert posted.status_code == status
        form.refresh_from_db()
        assert form.title != "Muutettu" and form.summary != "Muutettu"


def test_voice_form_edit_saves_the_settings(client, people, in_english):
    form = feedback_form(people.plan, title="Vanha")
    as_persona(client, people, "alice")
    url = reverse("voice:form-edit", args=[people.plan.slug, form.pk])
    data = {**HEARING, "title": "Uusi otsikko"}
    del data["question_set"]
    response = client.post(url, data)
    assert response.status_code == 302
    form.refresh_from_db()
    assert (form.title, form.kind, form.target_group) == (
        "Uusi otsikko",
        "hearing",
        "Nuorisovaltuusto",
    )
    assert form.questions.count() == 5  # the settings leave the questions alone


def test_voice_forms_list_queries_do_not_grow_with_the_forms(client, people):
    subgoal = people.plan.goals.first().subgoals.first()
    answer(feedback_form(people.plan, subgoal=subgoal, organisation=people.first), score=9)
    url = reverse("voice:forms", args=[people.plan.slug])
    as_persona(client, people, "alice")
    few = queries_for(client, url)
    action = people.plan.actions.first()
    for n in range(4):
        answer(feedback_form(people.plan, title=f"L{n}", action=action), score=n)
    assert queries_for(client, url) == few

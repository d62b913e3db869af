"""A plan's feedback forms and hearings in its full export: restored beside the original,
the copy's coordinator reads the same counts, cNPS, moderated texts and published
results, under a new short link; the answers stay as anonymous as they were; a wrong
value refuses the restore, naming where, and writes nothing; a file from before forms
were exported restores none; an assessment keeps its hearing."""

import json
from datetime import UTC, date, datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from lanu.plans.models import Plan
from lanu.voice.models import Answer, ChildImpactAssessment, FeedbackForm, Question, Response
from lanu.voice.models.feedback import CODE_LENGTH, CODE_LETTERS
from lanu.voice.summary import summarise
from tests.querycount import queries_for
from tests.voice_assessments import action_of, assessment, draft
from tests.voice_data import CHOICES, answer, feedback_form

from .test_backup import export, import_file, round_trip, spoiled

pytestmark = pytest.mark.django_db
FORMULA = (
    "cNPS = promoters 60 % − detractors 20 % = +40; 10 answers: 6 promoters (9–10), "
    "2 passives (7–8), 2 detractors (0–6)"
)
SCORES = (10, 9, 9, 10, 9, 9, 7, 8, 3, 0)
TEXTS = {
    0: ("Nuorisotila auki myöhempään, kiitos!", Answer.Moderation.PUBLISHED),
    1: ("Soita minulle 040 123 4567", Answer.Moderation.REJECTED),
    2: ("Vielä lukematta", Answer.Moderation.PENDING),
}
SUMMARY = "Nuoret toivoivat pidempiä aukioloja ja turvallisempia koulumatkoja."
MODERATED_AT = datetime(2026, 3, 20, 9, 30, tzinfo=UTC)


def hearing_of(people) -> FeedbackForm:
    """A closed hearing of the youth council about a sub-goal: ten people answered every
    question (the cNPS +40), one only the free text; texts in each moderation state."""
    hearing = feedback_form(
        people.plan,
        kind=FeedbackForm.Kind.HEARING,
        state=FeedbackForm.State.CLOSED,
        title="Nuorisovaltuuston kuuleminen",
        language="en",
        target_group="Nuorisovaltuusto",
        opens_at=datetime(2026, 3, 1, 15, tzinfo=UTC),
        closes_at=datetime(2026, 3, 15, 15, tzinfo=UTC),
        ask_municipality=True,
        organisation=people.second,
        subgoal=action_of(people.plan, people.second).subgoals.first(),
        summary=SUMMARY,
        summary_published=True,
        created_by=people.charlie,
    )
    for n, score in enumerate(SCORES):
        text = TEXTS.get(n, ("", None))[0]
        age_group = "13-15" if n % 2 else "16-17"
        choice, choices = CHOICES[n % 3], CHOICES[: n % 3 + 1]
        municipality = "Kotka" if n < 4 else ""
        answer(
            hearing,
            score=score,
            smiley=1 + n % 5,
            choice=choice,
            choices=choices,
            text=text,
            age_group=age_group,
            municipality=municipality,
        )
    answer(hearing, text="Vain tämä")  # one answer, to the last question
    for text, state in TEXTS.values():
        Answer.objects.filter(text=text).update(moderation=state, moderated_at=MODERATED_AT)
    Response.objects.filter(form=hearing).update(submitted_on=date(2026, 3, 10))
    return hearing


@pytest.fixture
def heard(people):
    """The personas' published plan with the hearing, a draft feedback form about an
    action and no answers, and a READY assessment naming the hearing."""
    people.plan.published = True
    people.plan.save()
    people.hearing = hearing_of(people)
    people.draft_form = feedback_form(
        people.plan,
        state=FeedbackForm.State.DRAFT,
        title="Luonnos: kysely toimenpiteestä",
        action=action_of(people.plan, people.first),
        organisation=people.first,
        created_by=people.bob,
    )
    people.assessment = assessment(people.plan, feedback_form=people.hearing)
    draft(people.plan)
    return people


def copy_of(form: FeedbackForm, slug: str = "copy") -> FeedbackForm:
    return FeedbackForm.objects.get(plan__slug=slug, title=form.title)


def test_voice_backup_round_trips_forms_questions_answers_and_the_assessments_link(heard, tmp_path):
    before, after, _report = round_trip("yhteinen", tmp_path)
    assert after["feedback_forms"] == before["feedback_forms"]
    assert after["assessments"] == before["assessments"]
    hearing, draft_form = before["feedback_forms"]
    assert (hearing["kind"], hearing["state"], draft_form["state"]) == (
        "hearing",
        "closed",
        "draft",
    )
    assert hearing["subgoal"] and hearing["organisation"] == "Organisaatio 2"
    assert (hearing["created_by"], hearing["summary"], hearing["summary_published"]) == (
        "charlie",
        SUMMARY,
        True,
    )
    actions = list(heard.plan.actions.order_by("order", "id"))
    assert draft_form["action"] == actions.index(action_of(heard.plan, heard.first))
    assert [question["kind"] for question in hearing["questions"]] == list(Question.Kind.values)
    assert len(hearing["responses"]) == 11
    assert hearing["responses"][-1]["answers"][0]["question"] == 4  # the free text
    assert [item["feedback_form"] for item in before["assessments"]] == [0, None]


def test_voice_backup_responses_stay_anonymous(heard):
    """The file holds what the database holds of a response, nothing more."""
    (response, *_others) = export("yhteinen")["feedback_forms"][0]["responses"]
    assert set(response) == {"submitted_on", "age_group", "municipality", "answers"}
    assert response["submitted_on"] == "2026-03-10"
    assert set(response["answers"][0]) == {
        "question",
        "number",
        "chosen",
        "text",
        "moderation",
        "personal_data",
        "moderated_at",
    }
    rejected = response_with(export("yhteinen"), TEXTS[1][0])
    assert rejected["personal_data"] == ["phone"] and rejected["moderation"] == "rejected"
    assert rejected["moderated_at"] == MODERATED_AT.isoformat()


def response_with(document: dict, text: str) -> dict:
    answers = [
        answer
        for form in document["feedback_forms"]
        for response in form["responses"]
        for answer in response["answers"]
    ]
    return next(answer for answer in answers if answer["text"] == text)


def summary_page(client, form) -> str:
    return client.get(reverse("voice:summary", args=[form.plan.slug, form.pk])).text


def test_voice_backup_copy_beside_the_original_reads_as_the_original(
    client, heard, tmp_path, in_english
):
    _before, _after, report = round_trip("yhteinen", tmp_path)
    copy = copy_of(heard.hearing)
    assert copy.plan.slug == "copy" and copy.created_at == heard.hearing.created_at
    client.force_login(heard.alice)
    page = summary_page(client, copy)
    assert "11 responses" in page and FORMULA in page
    for text, state in [
        ("Nuorisotila auki myöhempään, kiitos!", "Published"),
        ("Soita minulle 040 123 4567", "Not published"),
        ("Vielä lukematta", "Waiting for moderation"),
    ]:
        assert state in page[page.index(text) : page.index(text) + 300], text
    assert seen(summarise(copy, published_only=False)) == seen(
        summarise(heard.hearing, published_only=False)
    )
    assert "Feedback forms and hearings: 2, with 11 anonymous responses and 44 answers." in report


def seen(summary) -> tuple:
    """What a form's summary shows, without the rows' own ids."""
    questions = [
        (
            question.question.text,
            question.answered,
            question.distribution,
            question.cnps,
            [(text.text, text.moderation, text.personal_data) for text in question.texts],
        )
        for question in summary.questions
    ]
    return summary.responses, summary.age_groups, questions


def test_voice_backup_copy_publishes_the_same_results_under_a_new_short_link(
    client, heard, tmp_path, in_english
):
    _before, _after, report = round_trip("yhteinen", tmp_path)
    copy, original = copy_of(heard.hearing), heard.hearing
    assert copy.code != original.code
    assert len(copy.code) == CODE_LENGTH and set(copy.code) <= set(CODE_LETTERS)
    assert f"“{original.title}” /v/{original.code}/ → /v/{copy.code}/" in report
    assert copy_of(heard.draft_form).code != heard.draft_form.code
    results = client.get(reverse("voice-short:results", args=[copy.code])).text
    assert "cNPS = promoters 60 % − detractors 20 % = +40" in results and SUMMARY in results
    assert "Nuorisotila auki myöhempään" in results
    assert "Soita minulle" not in results and "Vielä lukematta" not in results
    assert client.get(reverse("voice-short:results", args=[original.code])).status_code == 200


def test_voice_backup_recovered_plan_keeps_its_short_links(heard, tmp_path, in_english):
    """A plan restored where it was lost: its posters' links open its forms again."""
    document = export("yhteinen")
    codes = [form.code for form in (heard.hearing, heard.draft_form)]
    heard.plan.delete()
    report = import_file(write(tmp_path, document), "--slug", "yhteinen")
    restored = FeedbackForm.objects.filter(plan__slug="yhteinen").order_by("created_at")
    assert [form.code for form in restored] == codes
    assert "New short links" not in report
    assert Answer.objects.filter(response__form=restored[0]).count() == 10 * 4 + 3 + 1


def test_voice_backup_assessment_keeps_its_hearing(heard, tmp_path):
    round_trip("yhteinen", tmp_path)
    copied = ChildImpactAssessment.objects.filter(plan__slug="copy")
    ready = copied.get(state=ChildImpactAssessment.State.READY)
    assert ready.feedback_form == copy_of(heard.hearing)
    assert copied.get(state=ChildImpactAssessment.State.DRAFT).feedback_form is None


def write(tmp_path, document: dict):
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return path


def test_voice_backup_file_from_before_forms_restores_none(heard, tmp_path):
    document = export("yhteinen")
    del document["feedback_forms"]
    for item in document["assessments"]:
        del item["feedback_form"]
    import_file(write(tmp_path, document), "--slug", "copy")
    assert not FeedbackForm.objects.filter(plan__slug="copy").exists()
    copied = ChildImpactAssessment.objects.filter(plan__slug="copy")
    assert copied.count() == 2 and not copied.filter(feedback_form__isnull=False).exists()


HEARING, PLACE = "feedback_forms.0", "feedback_forms[0]"
ANSWER, ANSWERED = f"{HEARING}.responses.2.answers.1", f"{PLACE}.responses[2].answers[1]"


@pytest.mark.parametrize(
    "where, value, message",
    [
        (f"{ANSWER}.question", 7, f"{ANSWERED}.question: “7” is not in this file"),
        (f"{ANSWER}.question", "1", f"{ANSWERED}.question: “1” is not in this file"),
        (f"{ANSWER}.number", 11, f"{ANSWERED}.number: 11 is not between 1 and 5"),
        (f"{ANSWER}.number", "5", f"{ANSWERED}.number: expected a whole number"),
        (f"{ANSWER}.chosen", "Koulussa", f"{ANSWERED}.chosen: expected a list of texts"),
        (f"{ANSWER}.moderation", "maybe", f"{ANSWERED}.moderation: “maybe” is not one of"),
        (f"{ANSWER}.personal_data", ["address"], f"{ANSWERED}.personal_data: “address” is not"),
        (f"{ANSWER}.moderated_at", "2026-03-20T09:30", f"{ANSWERED}.moderated_at: the time has"),
        (f"{HEARING}.responses.2.answers", "many", f"{PLACE}.responses[2].answers: expected a"),
        (f"{HEARING}.responses.2.age_group", "99", f"{PLACE}.responses[2].age_group: “99” is"),
        (f"{HEARING}.responses.2.submitted_on", "10.3.2026", f"{PLACE}.responses[2].submitted_on"),
        (f"{HEARING}.responses.2.municipality", "x" * 101, f"{PLACE}.responses[2].municipality"),
        (f"{HEARING}.questions.2.choices", [1, 2], f"{PLACE}.questions[2].choices: expected a"),
        (f"{HEARING}.questions.0.kind", "poll", f"{PLACE}.questions[0].kind: “poll” is not one"),
        (f"{HEARING}.questions.0.text", "", f"{PLACE}.questions[0].text"),
        (f"{HEARING}.kind", "survey", f"{PLACE}.kind: “survey” is not one of"),
        (f"{HEARING}.title", "x" * 301, f"{PLACE}.title: at most 300"),
        (f"{HEARING}.opens_at", "2026-03-01", f"{PLACE}.opens_at: the time has no time zone"),
        (f"{HEARING}.summary_published", "yes", f"{PLACE}.summary_published: expected true or"),
        (f"{HEARING}.code", "ab/cd", f"{PLACE}.code: expected letters and digits only"),
        (f"{HEARING}.code", "x" * 13, f"{PLACE}.code: at most 12"),
        (f"{HEARING}.subgoal", "IX.9", f"{PLACE}.subgoal: “IX.9” is not in this file"),
        (f"{HEARING}.action", 99, f"{PLACE}.action: “99” is not in this file"),
        (f"{HEARING}.organisation", "Poliisi", f"{PLACE}.organisation: “Poliisi” is not in"),
        (f"{HEARING}.created_by", "eve", f"{PLACE}.created_by: “eve” is not in this file"),
        ("feedback_forms", {"a": 1}, "feedback_forms: expected a list"),
        ("assessments.0.feedback_form", 2, "assessments[0].feedback_form: “2” is not in"),
    ],
)
def test_voice_backup_spoiled_form_is_refused_where_it_is_and_writes_nothing(
    heard, tmp_path, in_english, where, value, message
):
    document = spoiled(export("yhteinen"), where, value)
    counts = written_rows()
    with pytest.raises(CommandError) as refusal:
        import_file(write(tmp_path, document), "--slug", "copy")
    assert f"backup.json: {message}" in str(refusal.value)
    assert written_rows() == counts


def written_rows() -> tuple[int, ...]:
    models = (Plan, FeedbackForm, Question, Response, Answer, ChildImpactAssessment)
    return (*(model.objects.count() for model in models), get_user_model().objects.count())


def test_voice_backup_two_forms_of_one_code_are_refused(heard, tmp_path, in_english):
    document = export("yhteinen")
    document["feedback_forms"][1]["code"] = document["feedback_forms"][0]["code"]
    with pytest.raises(CommandError) as refusal:
        import_file(write(tmp_path, document), "--slug", "copy")
    assert f"feedback_forms: “{heard.hearing.code}” appears twice" in str(refusal.value)
    assert not Plan.objects.filter(slug="copy").exists()


def test_voice_backup_two_answers_to_one_question_are_refused(heard, tmp_path, in_english):
    document = export("yhteinen")
    answers = document["feedback_forms"][0]["responses"][0]["answers"]
    answers[1]["question"] = 0
    with pytest.raises(CommandError) as refusal:
        import_file(write(tmp_path, document), "--slug", "copy")
    assert "responses[0].answers: “0” appears twice" in str(refusal.value)


def test_voice_backup_export_reads_as_many_queries_however_many_forms_and_answers(client, people):
    client.force_login(people.alice)
    url = reverse("plans:export-json", args=[people.plan.slug])
    form = feedback_form(people.plan)
    answer(form, score=9, text="Yksi")
    assessment(people.plan, feedback_form=form)
    few = queries_for(client, url)
    hearing_of(people)
    feedback_form(people.plan, action=action_of(people.plan, people.first), created_by=people.bob)
    assessment(people.plan, feedback_form=form)
    assert queries_for(client, url) == few


def test_voice_backup_restore_writes_answers_in_bulk(heard, tmp_path):
    path = write(tmp_path, export("yhteinen"))
    with CaptureQueriesContext(connection) as queries:
        import_file(path, "--slug", "copy")
    inserts = [q["sql"] for q in queries if q["sql"].startswith('INSERT INTO "voice_answer"')]
    assert len(inserts) == 1
    assert Answer.objects.filter(response__form__plan__slug="copy").count() == 10 * 4 + 3 + 1


def test_voice_backup_created_at_missing_is_the_restore_time(heard, tmp_path):
    document = export("yhteinen")
    del document["feedback_forms"][1]["created_at"]
    started = timezone.now()
    import_file(write(tmp_path, document), "--slug", "copy")
    assert copy_of(heard.draft_form).created_at >= started
    assert copy_of(heard.hearing).created_at == heard.hearing.created_at

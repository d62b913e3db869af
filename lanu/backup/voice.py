"""A plan's voice (lanu.voice) in its full export, and back: its feedback forms and
hearings with their anonymous answers, and its child impact assessments.

"feedback_forms" holds one object per form, drafts too, oldest first: its settings,
short code, summary and author (by username), its sub-goal by key, its action by its
position in the document's "actions", its organisation by name; its questions in order,
and its responses with their answers, each answer naming its question by its position in
the form's questions. A response is as anonymous in the file as in the database: the
day, the optional age group and municipality, the answers, nothing else. A form whose
code this database already has (the plan restored beside its original) gets a new one,
and the import report says so.

"assessments" holds one object per assessment, drafts too: its texts, state, effects
and checklist as the assessment stores them, its sub-goals by key, its actions by their
position in the document's "actions", who wrote it by username, and its feedback form
or hearing by its position in "feedback_forms" (or null). A file from before forms were
exported has neither forms nor assessments' links; one from before assessments has none.
"""

import re
from datetime import date
from itertools import islice

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from lanu.plans.models import Plan
from lanu.voice.assessments import AREAS, CHECKLIST, DIRECTIONS
from lanu.voice.models import Answer, ChildImpactAssessment, FeedbackForm, Question, Response
from lanu.voice.models.feedback import new_code
from lanu.voice.personal_data import Finding
from lanu.voice.scales import SCORES, SMILEY_NUMBERS

from .checks import Checker
from .rows import keep_times

FORM_FIELDS = (
    "kind",
    "state",
    "title",
    "introduction",
    "language",
    "target_group",
    "opens_at",
    "closes_at",
    "ask_age_group",
    "ask_municipality",
    "summary",
    "summary_published",
    "code",
    "created_at",
)
QUESTION_FIELDS = ("kind", "text", "help_text", "choices", "required")
RESPONSE_FIELDS = ("submitted_on", "age_group", "municipality")
ANSWER_FIELDS = ("number", "chosen", "text", "moderation", "personal_data", "moderated_at")
SCALES = {Question.Kind.SCORE: SCORES, Question.Kind.SMILEY: SMILEY_NUMBERS}
CODE = re.compile(r"[A-Za-z0-9]+")  # a short link's code (/v/<code>/)
ASSESSMENT_FIELDS = (
    "title",
    "decider",
    "decision_date",
    "state",
    "description",
    "children",
    "vulnerable_groups",
    "effects",
    "children_views",
    "hearing",
    "alternatives",
    "conclusion",
    "mitigation",
    "follow_up",
    "checklist",
)
CHECK_KEYS = {key for key, _label in CHECKLIST}


# The export ---------------------------------------------------------------------------


def feedback_forms_of(plan: Plan, positions, people) -> list[dict]:
    """The plan's forms and hearings, oldest first, drafts too, with their questions and
    responses: 4 queries however many forms and answers."""
    answers = Prefetch("answers", queryset=Answer.objects.order_by("pk"))
    responses = Response.objects.order_by("pk").prefetch_related(answers)
    rows = FeedbackForm.objects.filter(plan=plan).order_by("created_at", "pk")
    rows = rows.select_related("subgoal__goal", "organisation", "created_by").prefetch_related(
        Prefetch("questions", queryset=Question.objects.order_by("order", "pk")),
        Prefetch("responses", queryset=responses),
    )
    forms = list(rows)
    positions.forms = {form.pk: n for n, form in enumerate(forms)}
    return [form_dict(form, positions, people) for form in forms]


def form_dict(form: FeedbackForm, positions, people) -> dict:
    questions = list(form.questions.all())
    asked = {question.pk: n for n, question in enumerate(questions)}
    return {name: written(getattr(form, name)) for name in FORM_FIELDS} | {
        "subgoal": form.subgoal.key if form.subgoal else None,
        "action": positions.actions[form.action_id] if form.action_id else None,
        "organisation": form.organisation.name if form.organisation else None,
        "created_by": people.name(form.created_by),
        "questions": [{name: getattr(q, name) for name in QUESTION_FIELDS} for q in questions],
        "responses": [response_dict(response, asked) for response in form.responses.all()],
    }


def response_dict(response: Response, asked: dict[int, int]) -> dict:
    """The response as anonymous as it is stored: its day, age group, municipality, answers."""
    return {name: written(getattr(response, name)) for name in RESPONSE_FIELDS} | {
        "answers": [
            {"question": asked[answer.question_id]}
            | {name: written(getattr(answer, name)) for name in ANSWER_FIELDS}
            for answer in response.answers.all()
        ]
    }


def assessments_of(plan: Plan, positions, people) -> list[dict]:
    """The plan's assessments, oldest first: 3 queries however many (after the forms)."""
    rows = ChildImpactAssessment.objects.filter(plan=plan).select_related("created_by")
    rows = rows.prefetch_related("subgoals__goal", "actions").order_by("pk")
    return [
        {name: written(getattr(assessment, name)) for name in ASSESSMENT_FIELDS}
        | {
            "subgoals": sorted(subgoal.key for subgoal in assessment.subgoals.all()),
            "actions": sorted(positions.actions[action.pk] for action in assessment.actions.all()),
            "feedback_form": positions.forms.get(assessment.feedback_form_id),
            "created_by": people.name(assessment.created_by),
        }
        for assessment in rows
    ]


def written(value):
    """A date or time as ISO 8601 (a time with its zone); anything else as it is."""
    return value.isoformat() if isinstance(value, date) else value


# Reading ------------------------------------------------------------------------------


def read_feedback_forms(check: Checker, document: dict, known) -> list[dict] | None:
    """The forms of the file, checked; None if it has none (a file from before them)."""
    if "feedback_forms" not in document:
        return None
    forms = [
        read_form(check, item, where, known)
        for where, item in check.items(document, "feedback_forms")
    ]
    check.unique([form["code"] for form in forms if form["code"]], "feedback_forms")
    return forms


def read_form(check: Checker, item: dict, where: str, known) -> dict:
    fields = check.fields(FeedbackForm, item, FORM_FIELDS, where)
    if fields["code"] is not None and not CODE.fullmatch(fields["code"]):
        check.problem(f"{where}.code", _("expected letters and digits only"))
    questions = read_questions(check, item, where)
    return fields | {
        "subgoal": check.reference(item.get("subgoal"), known.subgoals, f"{where}.subgoal", True),
        "action": check.reference(item.get("action"), known.metrics, f"{where}.action", True),
        "organisation": check.reference(
            item.get("organisation"), known.organisations, f"{where}.organisation", True
        ),
        "created_by": check.reference(
            item.get("created_by"), known.people, f"{where}.created_by", True
        ),
        "questions": questions,
        "responses": [
            read_response(check, response, at, questions)
            for at, response in check.items(item, "responses", where)
        ],
    }


def read_questions(check: Checker, item: dict, where: str) -> list[dict]:
    questions = []
    for at, question in check.items(item, "questions", where):
        fields = check.fields(Question, question, QUESTION_FIELDS, at)
        check_texts(check, fields["choices"], f"{at}.choices")
        questions.append(fields)
    return questions


def read_response(check: Checker, item: dict, where: str, questions: list[dict]) -> dict:
    answers = [
        read_answer(check, answer, at, questions)
        for at, answer in check.items(item, "answers", where)
    ]
    asked = [answer["question"] for answer in answers if answer["question"] is not None]
    check.unique(asked, f"{where}.answers")
    return check.fields(Response, item, RESPONSE_FIELDS, where) | {"answers": answers}


def read_answer(check: Checker, item: dict, where: str, questions: list[dict]) -> dict:
    """An answer to one of the form's questions: a number on its scale, chosen texts, a text."""
    fields = check.fields(Answer, item, ANSWER_FIELDS, where)
    check_texts(check, fields["chosen"], f"{where}.chosen")
    check_texts(check, fields["personal_data"], f"{where}.personal_data", Finding.values)
    position = check.reference(item.get("question"), range(len(questions)), f"{where}.question")
    if position is not None:
        check_scale(check, questions[position]["kind"], fields["number"], f"{where}.number")
    return fields | {"question": position}


def check_texts(check: Checker, values, where: str, allowed=None) -> None:
    """A list of texts (a question's choices, those chosen, the kinds of personal data
    found, which must be `allowed`)."""
    if values is None:
        return  # the field's own check said what is wrong
    if not isinstance(values, list) or not all(isinstance(value, str) for value in values):
        check.problem(where, _("expected a list of texts"))
        return
    for value in values:
        if allowed is not None and value not in allowed:
            message = _("“%(value)s” is not one of: %(allowed)s.")
            check.problem(where, message % {"value": value, "allowed": ", ".join(allowed)})


def check_scale(check: Checker, kind, number, where: str) -> None:
    """A score is 0–10, a smiley 1–5."""
    scale = SCALES.get(kind)
    if scale is not None and number is not None and number not in scale:
        values = {"value": number, "low": scale[0], "high": scale[-1]}
        check.problem(where, _("%(value)d is not between %(low)d and %(high)d.") % values)


def read_assessments(check: Checker, document: dict, known) -> list[dict] | None:
    """The assessments of the file, checked; None if it has none."""
    if "assessments" not in document:
        return None
    found = []
    for where, item in check.items(document, "assessments"):
        fields = check.fields(ChildImpactAssessment, item, ASSESSMENT_FIELDS, where)
        check_effects(check, fields.get("effects"), f"{where}.effects")
        check_checklist(check, fields.get("checklist"), f"{where}.checklist")
        subgoals = [
            check.reference(key, known.subgoals, f"{where}.subgoals")
            for key in listed(check, item, "subgoals", where)
        ]
        actions = [
            check.reference(position, set(known.metrics), f"{where}.actions")
            for position in listed(check, item, "actions", where)
        ]
        author = check.reference(item.get("created_by"), known.people, f"{where}.created_by", True)
        form = check.reference(
            item.get("feedback_form"), known.forms, f"{where}.feedback_form", True
        )
        found.append(
            fields
            | {
                "subgoals": subgoals,
                "actions": actions,
                "created_by": author,
                "feedback_form": form,
            }
        )
    return found


def listed(check: Checker, item: dict, key: str, where: str) -> list:
    values = item.get(key, [])
    if not isinstance(values, list):
        check.problem(f"{where}.{key}", _("expected a list"))
        return []
    return values


def check_effects(check: Checker, effects, where: str) -> None:
    """An object of areas, each with a known direction (or none) and a text."""
    if not isinstance(effects, dict):
        check.problem(where, _("expected an object"))
        return
    for area, effect in effects.items():
        good = (
            area in AREAS.values
            and isinstance(effect, dict)
            and effect.get("direction", "") in ["", *DIRECTIONS.values]
            and isinstance(effect.get("description", ""), str)
        )
        if not good:
            check.problem(f"{where}.{area}", _("expected an area's direction and description"))


def check_checklist(check: Checker, checklist, where: str) -> None:
    """An object of checklist items, each done or not, with a note."""
    if not isinstance(checklist, dict):
        check.problem(where, _("expected an object"))
        return
    for key, item in checklist.items():
        good = (
            key in CHECK_KEYS
            and isinstance(item, dict)
            and isinstance(item.get("done", False), bool)
            and isinstance(item.get("note", ""), str)
        )
        if not good:
            check.problem(f"{where}.{key}", _("expected a checklist item done or not, with a note"))


# Restoring ----------------------------------------------------------------------------


def restore_feedback_forms(plan: Plan, forms, targets, people, report) -> list[FeedbackForm]:
    """The plan's forms as the file has them, with their questions, responses and answers:
    each written in bulk. A code this database already has is replaced, and reported."""
    forms = forms or []
    codes = replaced_codes([item["code"] for item in forms])
    rows = FeedbackForm.objects.bulk_create(
        new_form(plan, item, codes.get(item["code"], item["code"]), targets, people)
        for item in forms
    )
    times = [item["created_at"] or row.created_at for row, item in zip(rows, forms, strict=True)]
    keep_times(rows, times, "created_at")
    restore_answers(rows, forms)
    if forms:
        report.append(forms_line(forms))
    if codes:
        report.append(new_codes_line(forms, codes))
    return rows


def new_form(plan: Plan, item: dict, code: str, targets, people) -> FeedbackForm:
    fields = {name: item[name] for name in FORM_FIELDS if name not in ("code", "created_at")}
    subgoal, action = item["subgoal"], item["action"]
    return FeedbackForm(
        plan=plan,
        subgoal=targets.subgoals[subgoal] if subgoal else None,
        action=targets.actions[action] if action is not None else None,
        organisation=targets.organisation(item["organisation"]),
        created_by=people.get(item["created_by"]),
        code=code,
        **fields,
    )


def restore_answers(rows: list[FeedbackForm], forms: list[dict]) -> None:
    """The forms' questions, then their responses, then the answers: 3 bulk inserts."""
    questions = iter(
        Question.objects.bulk_create(
            Question(form=row, order=order, **question)
            for row, item in zip(rows, forms, strict=True)
            for order, question in enumerate(item["questions"])
        )
    )
    asked = [list(islice(questions, len(item["questions"]))) for item in forms]
    answered = [
        (row, of_form, response)
        for row, of_form, item in zip(rows, asked, forms, strict=True)
        for response in item["responses"]
    ]
    responses = Response.objects.bulk_create(
        Response(form=row, **{name: item[name] for name in RESPONSE_FIELDS})
        for row, _of_form, item in answered
    )
    Answer.objects.bulk_create(
        Answer(
            response=response,
            question=of_form[answer["question"]],
            **{name: answer[name] for name in ANSWER_FIELDS},
        )
        for response, (_row, of_form, item) in zip(responses, answered, strict=True)
        for answer in item["answers"]
    )


def replaced_codes(codes: list[str]) -> dict[str, str]:
    """Each of the file's codes that this database already has -> a new, unused one."""
    taken = FeedbackForm.objects.filter(code__in=codes).values_list("code", flat=True)
    used = set(codes)
    return {code: unused_code(used) for code in sorted(taken)}


def unused_code(used: set[str]) -> str:
    """A new code (the model's default), in neither the file nor this database."""
    while True:
        code = new_code()
        if code not in used and not FeedbackForm.objects.filter(code=code).exists():
            used.add(code)
            return code


def forms_line(forms: list[dict]) -> str:
    """For the import report: how many forms, responses and answers came back."""
    responses = [response for item in forms for response in item["responses"]]
    counts = {
        "forms": len(forms),
        "responses": len(responses),
        "answers": sum(len(response["answers"]) for response in responses),
    }
    return (
        _(
            "Feedback forms and hearings: %(forms)d, with %(responses)d anonymous responses "
            "and %(answers)d answers."
        )
        % counts
    )


def new_codes_line(forms: list[dict], codes: dict[str, str]) -> str:
    """For the import report: the forms whose short link changed, old link -> new."""
    changed = [
        f"“{item['title']}” /v/{item['code']}/ → /v/{codes[item['code']]}/"
        for item in forms
        if item["code"] in codes
    ]
    message = _(
        "New short links for feedback forms whose code this database already has (the old "
        "links still open the original forms): %s"
    )
    return message % ", ".join(changed)


def restore_assessments(
    plan: Plan, assessments: list[dict] | None, targets, people, forms: list[FeedbackForm]
) -> None:
    """The plan's assessments as the file has them, linked to the restored plan's own."""
    for item in assessments or []:
        fields = {name: item[name] for name in ASSESSMENT_FIELDS}
        form = item.get("feedback_form")
        created = ChildImpactAssessment.objects.create(
            plan=plan,
            created_by=people.get(item["created_by"]),
            feedback_form=forms[form] if form is not None else None,
            **fields,
        )
        created.subgoals.set(targets.subgoals[key] for key in item["subgoals"])
        created.actions.set(targets.actions[position] for position in item["actions"])

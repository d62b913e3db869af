"""The Kymenlaakso demo's voice of children and youth: a hearing of the youth council (a
"Mikä vituttaa?" evening, seed 000's sub-goal II.4) and a feedback form of the family
centre for children (sub-goal II.6), answered in 2023, the year of the demo's round, so
that the evaluation report 2023 has its chapter "Lasten ja nuorten ääni".

Deterministic: the same forms (their short codes too), answers, days and moderation
every time. The hearing's results are published with some of its texts; one text waits
for moderation and one, with a phone number in it, was not published. The family
centre's form keeps its results to the plan's people, so its published text shows
nowhere in the report. The answers are illustrative, written for the demo.
"""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from lanu.plans.models import Organisation, Plan, SubGoal
from lanu.voice.answering import field_name, save_response
from lanu.voice.models import Answer, FeedbackForm, Question, Response
from lanu.voice.moderation import decide

HELSINKI = ZoneInfo("Europe/Helsinki")
SCORE, SMILEY, CHOICE, TEXT = (
    Question.Kind.SCORE,
    Question.Kind.SMILEY,
    Question.Kind.CHOICE,
    Question.Kind.TEXT,
)
TOPICS = ["Koulu", "Harrastukset", "Mielenterveys", "Kulkuyhteydet"]
HEARING = {
    "code": "nuvakm",  # the short link /v/nuvakm/
    "kind": FeedbackForm.Kind.HEARING,
    "title": "Mikä vituttaa? -ilta: nuorisovaltuuston kuuleminen",
    "introduction": (
        "Kerro, mikä arjessa harmittaa ja mitä pitäisi muuttaa. Vastaat nimettömästi: "
        "nimeäsi, sähköpostiasi tai laitteesi osoitetta ei tallenneta."
    ),
    "target_group": "Kymenlaakson hyvinvointialueen nuorisovaltuusto",
    "opens_at": datetime(2023, 10, 2, 17, tzinfo=HELSINKI),
    "closes_at": datetime(2023, 10, 31, 21, tzinfo=HELSINKI),
    "summary": (
        "Nuoret toivoivat matalan kynnyksen mielenterveyspalveluja koulun yhteyteen ja "
        "parempia iltavuoroja linja-autoihin. Palauteilta jatkuu keväällä 2024."
    ),
    "summary_published": True,
}
HEARING_QUESTIONS: list[tuple[str, str, list[str]]] = [
    (SCORE, "Kuinka todennäköisesti suosittelisit palauteiltaa kaverille?", []),
    (CHOICE, "Mistä haluaisit puhua seuraavassa illassa?", TOPICS),
    (TEXT, "Mikä vituttaa? Kerro omin sanoin.", []),
]
# day, age group, score, topic, text, moderation decision ("" stays waiting)
HEARING_ANSWERS = [
    (5, "13-15", 10, "Mielenterveys", "Kouluterveydenhoitajalle on liian pitkä jono.", "publish"),
    (5, "13-15", 9, "Koulu", "", ""),
    (5, "16-17", 8, "Kulkuyhteydet", "Viimeinen bussi kylälle lähtee jo kuudelta.", "publish"),
    (5, "16-17", 10, "Harrastukset", "", ""),
    (5, "13-15", 6, "Koulu", "Välitunnit ovat liian lyhyitä.", "publish"),
    (5, "16-17", 9, "Mielenterveys", "Soita minulle 040 123 4567, kerron lisää.", "reject"),
    (19, "16-17", 7, "Kulkuyhteydet", "", ""),
    (19, "13-15", 10, "Harrastukset", "Nuorisotalo voisi olla auki myös sunnuntaina.", ""),
    (19, "16-17", 4, "Mielenterveys", "", ""),
    (19, "18-29", 9, "Koulu", "Kiitos että kysytte meiltä.", "publish"),
]
FAMILY_CENTRE = {
    "code": "perhek",
    "kind": FeedbackForm.Kind.FEEDBACK,
    "title": "Miltä perhekeskuksessa tuntui?",
    "introduction": "Lapset vastaavat hymiöillä, aikuinen voi auttaa lukemaan.",
    "target_group": "Perhekeskuksen lapset ja perheet",
}
FAMILY_QUESTIONS: list[tuple[str, str, list[str]]] = [
    (SMILEY, "Miltä perhekeskuksessa käynti tuntui?", []),
    (TEXT, "Mitä toivoisit perhekeskukseen?", []),
]
# day (month, day), age group, smiley, text, moderation decision
FAMILY_ANSWERS = [
    ((3, 14), "0-6", 5, "Lisää leluja odotushuoneeseen", "publish"),
    ((3, 14), "7-12", 4, "", ""),
    ((5, 9), "adult", 4, "Aukiolo myös iltaisin", ""),
    ((5, 9), "0-6", 3, "", ""),
    ((9, 26), "7-12", 5, "", ""),
    ((9, 26), "adult", 2, "Odottaminen kesti pitkään", "publish"),
]


def load_demo_voice(plan: Plan) -> int:
    """The plan's demo hearing and feedback form with their answers (none if the plan has
    forms already); how many responses were added."""
    if plan.feedback_forms.exists():
        return 0
    hearing = demo_form(plan, HEARING, ("II", "4"), "Kymsote", HEARING_QUESTIONS)
    for day, age_group, score, topic, text, decision in HEARING_ANSWERS:
        values = {SCORE: score, CHOICE: topic, TEXT: text}
        answered(hearing, date(2023, 10, day), age_group, values, decision)
    family = demo_form(plan, FAMILY_CENTRE, ("II", "6"), "Kouvolan kaupunki", FAMILY_QUESTIONS)
    for (month, day), age_group, smiley, text, decision in FAMILY_ANSWERS:
        answered(family, date(2023, month, day), age_group, {SMILEY: smiley, TEXT: text}, decision)
    return len(HEARING_ANSWERS) + len(FAMILY_ANSWERS)


def demo_form(plan: Plan, fields: dict, subgoal_key, organisation: str, questions):
    goal_number, number = subgoal_key
    form = FeedbackForm.objects.create(
        plan=plan,
        subgoal=SubGoal.objects.filter(
            goal__plan=plan, goal__number=goal_number, number=number
        ).first(),
        organisation=Organisation.objects.filter(
            participations__plan=plan, name=organisation
        ).first(),
        state=FeedbackForm.State.OPEN,
        language="fi",
        **fields,
    )
    for order, (kind, text, choices) in enumerate(questions):
        form.questions.create(kind=kind, text=text, choices=choices, order=order)
    return form


def answered(form: FeedbackForm, day: date, age_group: str, values: dict, decision: str):
    """One person's answers, stored by the answering path, given on that day, and its
    text moderated as the demo's moderator decided."""
    cleaned = {field_name(q): values.get(q.kind) for q in form.questions.all()}
    response = save_response(form, cleaned | {"age_group": age_group})
    Response.objects.filter(pk=response.pk).update(submitted_on=day)
    if decision:
        texts = Answer.objects.filter(response=response).exclude(text="")
        decide(texts, decision, list(texts.values_list("pk", flat=True)))

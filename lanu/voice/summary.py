"""A form's answers summarised: pure data (dataclasses), drawn by the summary pages and the
yearly report.

summarise(form, published_only=...) gives the number of responses, the age groups, and
per question the number who answered it and:
- SCORE: the distribution 0–10 and the cNPS (children's Net Promoter Score);
- SMILEY: the distribution 1–5, each with its face and word;
- CHOICE, CHOICES: the count of each choice (choices no longer offered after an edit
  are counted after the offered ones, never hidden);
- TEXT: the texts with their moderation state and personal-data warnings; with
  published_only=True only the PUBLISHED ones (what a public page or report may show).

The cNPS: promoters answer 9–10, detractors 0–6, passives 7–8. Each share is a
percentage of those who answered, rounded to a whole number (halves up); the score is
the promoters' percentage minus the detractors' (−100 … 100), so that the formula
written out with the rounded numbers ("cNPS = promoters 60 % − detractors 20 % = +40") is
always right. Cnps.formula and Cnps.counts are its only wording: the summary page, the
public results, the exports and the yearly report all write it so.

The queries do not grow with the answers: three for one form, four for a year's forms
(whatever their number).
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count as CountOf
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from lanu.plans.models import Plan

from .models import Answer, FeedbackForm, Question, Response
from .scales import DETRACTORS, PROMOTERS, SCORES, SMILEY_NUMBERS, smiley_label


@dataclass(frozen=True)
class Count:
    """How many gave this value (a score, a smiley, a choice, an age group)."""

    value: str  # what is stored ("9", "5", the choice's text, "13-15")
    label: str  # what a reader sees ("9", "😀 Very good", the choice, "13–15")
    count: int


@dataclass(frozen=True)
class Cnps:
    promoters: int
    passives: int
    detractors: int
    answered: int
    score: int | None  # None when nobody answered

    @property
    def promoter_percent(self) -> int:
        return percent(self.promoters, self.answered)

    @property
    def detractor_percent(self) -> int:
        return percent(self.detractors, self.answered)

    @property
    def formula(self) -> str:
        """ "cNPS = promoters 60 % − detractors 20 % = +40": the score from its rounded shares."""
        if self.score is None:
            return _("cNPS: no scores yet.")
        return _("cNPS = promoters %(promoters)s %% − detractors %(detractors)s %% = %(score)s") % {
            "promoters": self.promoter_percent,
            "detractors": self.detractor_percent,
            "score": signed(self.score),
        }

    @property
    def counts(self) -> str:
        """ "10 answers: 6 promoters (9–10), 2 passives (7–8), 2 detractors (0–6)"."""
        parts = [
            ngettext("%d promoter (9–10)", "%d promoters (9–10)", self.promoters) % self.promoters,
            ngettext("%d passive (7–8)", "%d passives (7–8)", self.passives) % self.passives,
            ngettext("%d detractor (0–6)", "%d detractors (0–6)", self.detractors)
            % self.detractors,
        ]
        answers = ngettext("%d answer", "%d answers", self.answered) % self.answered
        return f"{answers}: {', '.join(parts)}"

    @property
    def written_out(self) -> str:
        """The formula and the counts it comes from, on one line (a summary, an export cell)."""
        return f"{self.formula}; {self.counts}" if self.answered else self.formula


def signed(score: int) -> str:
    """+40, −20 (a minus sign, not a hyphen), 0."""
    return f"+{score}" if score > 0 else (f"−{-score}" if score < 0 else "0")


@dataclass(frozen=True)
class TextAnswer:
    pk: int
    text: str
    moderation: str  # Answer.Moderation
    personal_data: list[str]  # personal_data.Finding values
    submitted_on: object  # a date


@dataclass
class QuestionSummary:
    question: Question
    answered: int = 0
    distribution: list[Count] = field(default_factory=list)
    cnps: Cnps | None = None
    texts: list[TextAnswer] = field(default_factory=list)


@dataclass
class FormSummary:
    form: FeedbackForm
    responses: int
    age_groups: list[Count]
    questions: list[QuestionSummary]
    published_only: bool


def percent(part: int, whole: int) -> int:
    """part of whole as a whole percentage, halves rounded up (0 of nothing is 0)."""
    if not whole:
        return 0
    exact = Decimal(100 * part) / Decimal(whole)
    return int(exact.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def cnps_of(numbers: list[int]) -> Cnps:
    promoters = sum(number in PROMOTERS for number in numbers)
    detractors = sum(number in DETRACTORS for number in numbers)
    answered = len(numbers)
    cnps = Cnps(promoters, answered - promoters - detractors, detractors, answered, None)
    if not answered:
        return cnps
    return Cnps(**{**cnps.__dict__, "score": cnps.promoter_percent - cnps.detractor_percent})


def summarise(form: FeedbackForm, *, published_only: bool) -> FormSummary:
    """The form's answers, all of them (a form's summary page)."""
    return summaries([form], Response.objects.filter(form=form), published_only)[0]


def summaries_of_year(plan: Plan, year: int, *, published_only: bool) -> list[FormSummary]:
    """The plan's forms that got responses in this calendar year, with those responses."""
    responses = Response.objects.filter(form__plan=plan, submitted_on__year=year)
    forms = FeedbackForm.objects.filter(pk__in=responses.values("form")).order_by("created_at")
    return summaries(list(forms), responses, published_only)


def summaries(forms: list[FeedbackForm], responses, published_only: bool) -> list[FormSummary]:
    """The forms' summaries, of these responses only (a queryset of Response)."""
    if not forms:
        return []
    questions = Question.objects.filter(form__in=forms).order_by("form", "order", "pk")
    answers = Answer.objects.filter(response__in=responses).values_list(
        "question_id",
        "number",
        "chosen",
        "text",
        "moderation",
        "personal_data",
        "pk",
        "response__submitted_on",
    )
    by_question: dict[int, list] = {}
    for row in answers.order_by("pk"):
        by_question.setdefault(row[0], []).append(row)
    groups = responses.values_list("form_id", "age_group").annotate(n=CountOf("pk"))
    age_groups: dict[int, Counter] = {}
    for form_id, age_group, n in groups:
        age_groups.setdefault(form_id, Counter())[age_group] += n
    listed: dict[int, list[QuestionSummary]] = {form.pk: [] for form in forms}
    for question in questions:
        rows = by_question.get(question.pk, [])
        listed[question.form_id].append(question_summary(question, rows, published_only))
    return [
        FormSummary(
            form=form,
            responses=sum(age_groups.get(form.pk, Counter()).values()),
            age_groups=age_group_counts(age_groups.get(form.pk, Counter())),
            questions=listed[form.pk],
            published_only=published_only,
        )
        for form in forms
    ]


def age_group_counts(counts: Counter) -> list[Count]:
    """Each age group's count in the scale's order, those who did not say last."""
    shown = [
        Count(value, str(label), counts[value])
        for value, label in Response.AgeGroup.choices
        if counts[value]
    ]
    return shown + ([Count("", "", counts[""])] if counts[""] else [])


def question_summary(question: Question, rows: list, published_only: bool) -> QuestionSummary:
    summary = QuestionSummary(question, answered=len(rows))
    kind = Question.Kind
    if question.kind == kind.SCORE:
        numbers = [row[1] for row in rows if row[1] is not None]
        summary.distribution = number_counts(numbers, SCORES, str)
        summary.cnps = cnps_of(numbers)
    elif question.kind == kind.SMILEY:
        numbers = [row[1] for row in rows if row[1] is not None]
        summary.distribution = number_counts(numbers, SMILEY_NUMBERS, smiley_label)
    elif question.kind in (kind.CHOICE, kind.CHOICES):
        summary.distribution = choice_counts(question.choices, [row[2] for row in rows])
    else:
        published = Answer.Moderation.PUBLISHED
        summary.texts = [
            TextAnswer(row[6], row[3], row[4], list(row[5]), row[7])
            for row in rows
            if row[3] and (row[4] == published or not published_only)
        ]
    return summary


def number_counts(numbers: list[int], scale, label) -> list[Count]:
    counted = Counter(numbers)
    return [Count(str(number), label(number), counted[number]) for number in scale]


def choice_counts(offered: list[str], chosen_lists: list[list[str]]) -> list[Count]:
    counted = Counter(choice for chosen in chosen_lists for choice in chosen)
    gone = [choice for choice in counted if choice not in offered]
    return [Count(choice, choice, counted[choice]) for choice in [*offered, *gone]]

"""The yearly evaluation's chapter "The voice of children and youth": the plan's hearings
and feedback forms that got answers in the report's year, as plain data for every
renderer.

The figures come from the voice app's summaries (lanu/voice/summary.py,
summaries_of_year with published_only=True): nothing is counted twice. The rule for
text, the same in every format: figures only. A free-text answer appears only when a
moderator has published it AND the form's results are published (summary_published);
the coordinator's written summary only when the form's results are published. A
report may be read by whoever may read the plan, so nothing else of the answers
reaches it.

Six queries whatever the number of forms and answers (none beyond one when the year
has no answers).
"""

from dataclasses import dataclass

from django.db.models import Max, Min
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lanu.plans.models import Plan
from lanu.voice.models import FeedbackForm, Question, Response
from lanu.voice.scales import SMILEYS
from lanu.voice.summary import Count, FormSummary, QuestionSummary, summaries_of_year


@dataclass(frozen=True)
class Figure:
    """One value of a question (a score, a smiley, a choice, an age group) and how many."""

    label: str
    count: int


@dataclass(frozen=True)
class VoiceQuestion:
    text: str
    kind: str  # Question.Kind
    kind_label: str
    answered: int
    figures: tuple[Figure, ...]  # empty for a free-text question
    cnps: str  # the cNPS with its formula written out, "" if not a score question
    cnps_counts: str  # "10 answers: 6 promoters (9–10), ...", "" if not a score question
    texts: tuple[str, ...]  # published free texts of a form whose results are published


@dataclass(frozen=True)
class VoiceForm:
    title: str
    kind: str  # FeedbackForm.Kind: "hearing" or "feedback"
    kind_label: str
    target_group: str
    about: str  # "Välitavoite I.1: ...", "Toimenpide 12: ...", or the whole plan
    organisation: str
    open_dates: str  # "1.3.2023–31.3.2023", "" when the form has no opening hours
    answer_dates: str  # the first and the last answer of the year, "3.2.2023–28.11.2023"
    responses: int
    age_groups: tuple[Figure, ...]
    questions: tuple[VoiceQuestion, ...]
    summary: str  # the coordinator's written summary, if the results are published


@dataclass(frozen=True)
class VoiceChapter:
    year: int
    forms: tuple[VoiceForm, ...]

    @property
    def rule(self) -> str:
        return text_rule()

    @property
    def hearings(self) -> int:
        return sum(form.kind == FeedbackForm.Kind.HEARING for form in self.forms)

    @property
    def responses(self) -> int:
        return sum(form.responses for form in self.forms)


def text_rule() -> str:
    return _(
        "Figures only: a free-text answer is shown only when a moderator has published it "
        "and the form's results are published; the written summary only when the results "
        "are published. No answer identifies the person who gave it."
    )


def voice_chapter(plan: Plan, year: int, labels: dict[str, str]) -> VoiceChapter:
    """The plan's forms with answers in the year, each summarised from that year's answers."""
    summaries = summaries_of_year(plan, year, published_only=True)
    if not summaries:
        return VoiceChapter(year, ())
    pks = [summary.form.pk for summary in summaries]
    related = FeedbackForm.objects.filter(pk__in=pks).select_related(
        "subgoal__goal", "action", "organisation"
    )
    forms = {form.pk: form for form in related}
    spans = dict(
        (row["form"], (row["first"], row["last"]))
        for row in Response.objects.filter(form__in=pks, submitted_on__year=year)
        .values("form")
        .annotate(first=Min("submitted_on"), last=Max("submitted_on"))
    )
    return VoiceChapter(
        year,
        tuple(
            voice_form(summary, forms[summary.form.pk], spans.get(summary.form.pk), labels)
            for summary in summaries
        ),
    )


def voice_form(summary: FormSummary, form: FeedbackForm, span, labels) -> VoiceForm:
    published = form.summary_published
    return VoiceForm(
        title=form.title,
        kind=form.kind,
        kind_label=str(form.get_kind_display()),
        target_group=form.target_group,
        about=about(form, labels),
        organisation=form.organisation.name if form.organisation else "",
        open_dates=dates(local_day(form.opens_at), local_day(form.closes_at)),
        answer_dates=dates(*span) if span else "",
        responses=summary.responses,
        age_groups=tuple(age_figure(count) for count in summary.age_groups),
        questions=tuple(voice_question(q, published) for q in summary.questions),
        summary=form.summary.strip() if published else "",
    )


def about(form: FeedbackForm, labels) -> str:
    """What the form asks about, in the plan's own level labels."""
    if form.subgoal:
        return f"{labels['subgoal']} {form.subgoal.key}: {form.subgoal.title}"
    if form.action:
        return f"{labels['action']} {form.action.number}: {form.action.title}"
    return _("The whole plan")


def local_day(moment):
    return timezone.localtime(moment).date() if moment else None


def dates(first, last) -> str:
    """ "1.3.2023–31.3.2023", one day alone, or one end only ("from 1.3.2023")."""
    shown = [date_format(day, "j.n.Y") if day else "" for day in (first, last)]
    if first and last:
        return shown[0] if first == last else f"{shown[0]}–{shown[1]}"
    if first:
        return _("from %(day)s") % {"day": shown[0]}
    if last:
        return _("until %(day)s") % {"day": shown[1]}
    return ""


def age_figure(count: Count) -> Figure:
    return Figure(count.label or _("Not given"), count.count)


def voice_question(question: QuestionSummary, results_published: bool) -> VoiceQuestion:
    kind = question.question.kind
    texts = tuple(t.text for t in question.texts) if results_published else ()
    cnps = question.cnps if kind == Question.Kind.SCORE else None
    return VoiceQuestion(
        text=question.question.text,
        kind=kind,
        kind_label=str(question.question.get_kind_display()),
        answered=question.answered,
        figures=tuple(figure(kind, count) for count in question.distribution),
        cnps=cnps.formula if cnps else "",
        cnps_counts=cnps.counts if cnps else "",
        texts=texts,
    )


def figure(kind: str, count: Count) -> Figure:
    """A smiley by its number and word (a face alone says nothing in print or aloud)."""
    if kind == Question.Kind.SMILEY:
        words = {str(number): str(word) for number, _face, word in SMILEYS}
        return Figure(f"{count.value} {words.get(count.value, '')}".strip(), count.count)
    return Figure(count.label, count.count)

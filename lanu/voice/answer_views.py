"""The public side of a form: /v/<code>/ where a child or a parent answers it, the
thanks page, the published results, and the share page of the plan's people.

The answering pages are shown in the FORM's language, whatever the address or the
browser, and show the form only (title, introduction, questions): nothing else of the
plan, which may still be a draft while its children are heard. They set no cookie but
Django's CSRF cookie, keep no session and store nothing of the person
(answering.save_response). A draft form, or an unknown code, is not found; a closed
form, or one not yet open, says so with its dates and takes no answer.
"""

import dataclasses
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.forms import BoundField
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone, translation
from django.views.decorators.http import require_GET

from lanu.plans.access import permitted_plan

from . import sharing
from .answering import TEXT_LENGTH, AnswerForm, save_response
from .models import FeedbackForm, Question
from .permissions import may_make_forms, may_manage
from .scales import SMILEYS
from .summary import QuestionSummary, percent, summarise
from .throttling import count_answer, throttled

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


@dataclass
class Option:
    """One radio button or box of a question, with the face and word of a smiley."""

    widget: object  # a BoundWidget
    face: str = ""
    word: str = ""


@dataclass
class Shown:
    """A question as the answering page draws it."""

    question: Question
    field: BoundField
    options: list[Option] = dataclasses.field(default_factory=list)

    @property
    def target(self) -> str:
        """The id the error summary links to: the first box of the question."""
        return self.field.subwidgets[0].id_for_label or self.field.auto_id


def answerable(code: str) -> FeedbackForm:
    """The form of the short link; a draft is not found, as an unknown code."""
    form = get_object_or_404(FeedbackForm.objects.select_related("plan"), code=code)
    if form.state == FeedbackForm.State.DRAFT:
        raise Http404
    return form


def language_of(form: FeedbackForm) -> str:
    return form.language if form.language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def in_form_language(form: FeedbackForm, request, template: str, context: dict, status=200):
    """The page rendered in the form's language, and said to be in it."""
    language = language_of(form)
    with translation.override(language):
        response = render(request, template, {"feedback_form": form} | context, status=status)
    response["Content-Language"] = language
    return response


def results_public(form: FeedbackForm) -> bool:
    return form.summary_published and form.plan.published


def answer(request, code):
    """The form to answer (GET), its answers taken (POST: stored, then the thanks page)."""
    form = answerable(code)
    if not form.is_open():
        return closed(request, form)
    questions = list(form.questions.all())
    with translation.override(language_of(form)):  # the labels and errors in its words
        bound = AnswerForm(form, questions, request.POST if request.method == "POST" else None)
        if request.method == "POST":
            if bound.is_robot():
                return redirect("voice-short:thanks", code=form.code)  # stores nothing
            if throttled(request, form):
                return in_form_language(form, request, "voice/answer_throttled.html", {}, 429)
            if bound.is_valid():
                return take(request, form, bound)
        context = {"form": bound, "shown": shown(bound), "text_length": TEXT_LENGTH}
        return in_form_language(form, request, "voice/answer.html", context)


def closed(request, form: FeedbackForm):
    """A closed form, or one not open yet, with its dates: it takes no answer."""
    not_yet = form.state == form.State.OPEN and bool(
        form.opens_at and timezone.now() < form.opens_at
    )
    context = {"not_yet": not_yet, "results": results_public(form)}
    return in_form_language(form, request, "voice/answer_closed.html", context)


def take(request, form: FeedbackForm, bound: AnswerForm):
    """Store the answers (answering.save_response: nothing of the person) and count
    them against the form's and the client's limits."""
    save_response(form, bound.cleaned_data)
    count_answer(request, form)
    return redirect("voice-short:thanks", code=form.code)


def shown(bound: AnswerForm) -> list[Shown]:
    """The questions with their fields; the smileys with their faces and words apart."""
    faces = {str(number): (face, str(word)) for number, face, word in SMILEYS}
    listed = []
    for question, bound_field in bound.question_fields():
        item = Shown(question, bound_field)
        if question.kind != Question.Kind.TEXT:
            item.options = [
                Option(widget, *faces.get(str(widget.data["value"]), ("", "")))
                for widget in bound_field
            ]
        listed.append(item)
    return listed


@require_GET
def thanks(request, code):
    form = answerable(code)
    return in_form_language(
        form, request, "voice/answer_thanks.html", {"results": results_public(form)}
    )


@require_GET
def results(request, code):
    """The published results: only when the coordinator published them and the plan is
    public; only moderated and published free text."""
    form = answerable(code)
    if not results_public(form):
        raise Http404
    with translation.override(language_of(form)):
        summary = summarise(form, published_only=True)
    drawn = [(question, bars(question)) for question in summary.questions]
    context = {"summary": summary, "questions": drawn}
    return in_form_language(form, request, "voice/results.html", context)


@dataclass(frozen=True)
class Bar:
    """One value's count drawn as a bar, the number and percentage beside it."""

    label: str
    count: int
    percent: int  # of those who answered the question


def bars(question: QuestionSummary) -> list[Bar]:
    return [
        Bar(count.label, count.count, percent(count.count, question.answered))
        for count in question.distribution
    ]


def managed_form(request, slug: str, pk: int) -> FeedbackForm:
    """The plan's form, if this person manages it (coordinators; editors their
    organisation's): 404 if they may not read the plan, else 403."""
    plan = permitted_plan(request, slug, may_make_forms)
    form = get_object_or_404(FeedbackForm.objects.select_related("plan"), pk=pk, plan=plan)
    if not may_manage(request.user, form):
        raise PermissionDenied
    return form


@login_required
@require_GET
def share(request, slug, pk):
    """The short link with a copy button, the QR code and a poster to print."""
    form = managed_form(request, slug, pk)
    url = sharing.short_link(request, form)
    context = {"plan": form.plan, "feedback_form": form, "url": url}
    context["qr"] = sharing.qr_svg_inline(url)
    return render(request, "voice/share.html", context)


@login_required
@require_GET
def share_qr(request, slug, pk):
    """The QR code as an SVG file to download, for a poster or a slide."""
    form = managed_form(request, slug, pk)
    svg = sharing.qr_svg_file(sharing.short_link(request, form))
    response = HttpResponse(svg, content_type="image/svg+xml")
    response["Content-Disposition"] = f'attachment; filename="lanu-{form.code}-qr.svg"'
    return response

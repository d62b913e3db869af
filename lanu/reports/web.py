"""The report as a web page: one HTML document, its style sheet inside, readable offline;
the PDF (pdf.py) is drawn from the same document."""

from functools import cache

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from .content import Comparison, Evaluation, GoalPart, GoalStatus, PlanDocument, Report

STYLESHEET = "css/report.css"


def kind_of(report: Report) -> str:
    return {Evaluation: "evaluation", PlanDocument: "plan", Comparison: "comparison"}[type(report)]


def document_html(report: Report) -> str:
    kind = kind_of(report)
    context = {"report": report, "kind": kind, "contents": contents(report), "css": stylesheet()}
    return render_to_string("reports/document.html", context)


@cache
def stylesheet() -> str:
    path = finders.find(STYLESHEET)
    with open(str(path), encoding="utf-8") as css:
        return css.read()


def contents(report: Report) -> list[tuple[str, str]]:
    """(id, title) of each section, for the table of contents."""
    parts: list[GoalStatus | GoalPart] = list(report.goals)
    goals = [
        (f"goal-{n}", f"{report.labels['goal']} {goal.number}: {goal.title}")
        for n, goal in enumerate(parts, 1)
    ]
    if isinstance(report, PlanDocument):
        sections = [(f"section-{n}", s.title) for n, s in enumerate(report.sections, 1)]
        return sections + goals
    if isinstance(report, Evaluation):
        return [
            ("highlights", _("Key highlights and notes")),
            ("distribution", _("Status distribution")),
            *goals,
            ("organisations", _("Organisations")),
            ("voice", _("The voice of children and youth")),
            ("actions", _("Annex: the actions and their reports")),
            ("indicators", _("Annex: the welfare indicators")),
        ]
    years = {"first": report.years[0], "last": report.years[-1]}
    return [
        ("distribution", _("Status distribution per year")),
        ("movement", _("How the statuses moved from %(first)s to %(last)s") % years),
        *goals,
        ("never-started", _("Actions that never started")),
        ("ended", _("Actions that ended")),
        ("indicators", _("Annex: the welfare indicators")),
    ]

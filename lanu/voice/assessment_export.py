"""Child impact assessments out of Lanu: one assessment as a Word document, a plan's
assessments as a spreadsheet (XLSX or CSV, one row each, every cell formula-escaped),
and the plan's JSON document's "child_impact_assessments" (READY ones only).

The pages' lists (assessments.py `effects_of`, `checks_of`) are what every format
reads, so a label translated once reads the same everywhere.
"""

import csv
import io
from collections.abc import Iterator

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Font

from lanu.lib.exporters import Exporter, encoded
from lanu.lib.spreadsheet import safe_cell
from lanu.plans.models import Plan

from .assessments import AREAS, CHECKLIST, checks_of, effects_of, public_assessments, with_links
from .models import ChildImpactAssessment

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_STYLE = "Table Grid"


def day(value) -> str:
    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def subgoal_lines(assessment) -> list[str]:
    return [f"{subgoal.key} {subgoal.title}" for subgoal in assessment.subgoals.all()]


def action_lines(assessment) -> list[str]:
    return [
        f"{action.number}. {action.organisation}: {action.title}"
        for action in assessment.actions.all()
    ]


def sections(assessment) -> list[tuple[str, list[tuple[str, str]]]]:
    """The assessment's texts under the practice's six questions: (heading, [(label, text)])."""
    form = assessment.feedback_form
    return [
        (
            _("What is decided"),
            [
                (_("Who decides"), assessment.decider),
                (_("Decision date"), day(assessment.decision_date)),
                (_("The decision and its schedule"), assessment.description),
            ],
        ),
        (
            _("Which children and families does the decision affect?"),
            [
                (_("Children and families affected"), assessment.children),
                (_("Children in a vulnerable position"), assessment.vulnerable_groups),
            ],
        ),
        (
            _("The children's own view and how the children were heard"),
            [
                (_("The children's own views"), assessment.children_views),
                (_("How the children were heard"), assessment.hearing),
                (_("Feedback form or hearing of the plan"), form.title if form else ""),
            ],
        ),
        (_("Alternatives"), [(_("Alternatives"), assessment.alternatives)]),
        (
            _("Conclusion"),
            [
                (_("Conclusion"), assessment.conclusion),
                (_("How negative effects are prevented or reduced"), assessment.mitigation),
                (_("Follow-up"), assessment.follow_up),
            ],
        ),
    ]


# One assessment as a Word document ----------------------------------------------------


def docx_bytes(assessment: ChildImpactAssessment, plan: Plan) -> bytes:
    document = Document()
    document.add_heading(_("Child impact assessment"), 0)
    document.add_heading(assessment.title, 1)
    document.add_paragraph(f"{plan.name} · {assessment.get_state_display()}")
    first, *rest = sections(assessment)
    write_section(document, *first)
    write_links(document, assessment)
    write_section(document, *rest[0])
    document.add_heading(_("Assessed effects by area"), 2)
    rows = [[e.area_label, e.direction_label, e.description] for e in effects_of(assessment)]
    table(document, [_("Area"), _("Effect"), _("Description")], rows)
    for heading, items in rest[1:]:
        write_section(document, heading, items)
    document.add_heading(_("Checklist"), 2)
    checks = checks_of(assessment)
    rows = [[_("Done") if c.done else _("Not done"), c.label, c.note] for c in checks]
    table(document, [_("Done"), _("Item"), _("Note")], rows)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def write_section(document, heading: str, items: list[tuple[str, str]]) -> None:
    document.add_heading(heading, 2)
    for label, text in items:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(text or "–")


def write_links(document, assessment) -> None:
    for label, lines in (
        (_("Sub-goals"), subgoal_lines(assessment)),
        (_("Actions"), action_lines(assessment)),
    ):
        if lines:
            document.add_paragraph().add_run(f"{label}:").bold = True
            for line in lines:
                document.add_paragraph(line, style="List Bullet")


def table(document, headers: list[str], rows: list[list[str]]) -> None:
    """A table with a header row repeated on each page (as lanu/reports/word.py draws them)."""
    drawn = document.add_table(rows=1, cols=len(headers))
    drawn.style = TABLE_STYLE
    for cell, header in zip(drawn.rows[0].cells, headers, strict=True):
        cell.paragraphs[0].add_run(header).bold = True
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    drawn.rows[0]._tr.get_or_add_trPr().append(header)
    for values in rows:
        for cell, value in zip(drawn.add_row().cells, values, strict=True):
            cell.text = value


class AssessmentDocx(Exporter):
    name = "docx"
    extension = "docx"
    content_type = DOCX_TYPE
    text = False

    def __init__(self, plan: Plan):
        self.plan = plan

    def render(self, subject: ChildImpactAssessment) -> Iterator[bytes]:
        yield docx_bytes(subject, self.plan)


# A plan's assessments as a spreadsheet -------------------------------------------------


def headings() -> list[str]:
    fixed = [_("Decision"), _("State"), _("Who decides"), _("Decision date")]
    fixed += [_("Sub-goals"), _("Actions")]
    texts = [label for _heading, items in sections(ChildImpactAssessment()) for label, _t in items]
    texts = [label for label in texts if label not in (_("Who decides"), _("Decision date"))]
    areas = []
    for _area, label in AREAS.choices:
        areas += [str(label), _("%(area)s: description") % {"area": label}]
    return fixed + texts + areas + [_("Checklist: items done (of %d)") % len(CHECKLIST)]


def row(assessment: ChildImpactAssessment) -> list:
    fixed = [assessment.title, assessment.get_state_display(), assessment.decider]
    fixed += [day(assessment.decision_date)]
    fixed += ["\n".join(subgoal_lines(assessment)), "\n".join(action_lines(assessment))]
    texts = [text for _heading, items in sections(assessment) for _label, text in items]
    texts = texts[2:]  # the decider and the date are in the fixed columns
    areas = []
    for effect in effects_of(assessment):
        areas += [effect.direction_label, effect.description]
    done = sum(check.done for check in checks_of(assessment))
    return [safe_cell(value) for value in fixed + texts + areas] + [done]


def csv_lines(assessments) -> Iterator[str]:
    writer = csv.writer(Echo())
    yield "\ufeff"  # so that spreadsheet programs read the file as UTF-8
    yield writer.writerow(headings())
    for assessment in assessments:
        yield writer.writerow(row(assessment))


class Echo:
    def write(self, line: str) -> str:
        return line


def xlsx_bytes(assessments) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])
    sheet = workbook.create_sheet(_("Child impact assessments")[:31])
    sheet.append(headings())
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for assessment in assessments:
        sheet.append(row(assessment))
    sheet.freeze_panes = "A2"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


class AssessmentsCsv(Exporter):
    name = "csv"
    extension = "csv"
    content_type = "text/csv; charset=utf-8"

    def render(self, subject) -> Iterator[bytes]:
        yield from encoded(csv_lines(subject))


class AssessmentsXlsx(Exporter):
    name = "xlsx"
    extension = "xlsx"
    content_type = XLSX_TYPE
    text = False

    def render(self, subject) -> Iterator[bytes]:
        yield xlsx_bytes(subject)


# The plan's JSON document ---------------------------------------------------------------


def assessment_dict(assessment: ChildImpactAssessment) -> dict:
    """The assessment as data: keys, not labels (the codes are the model's choices)."""
    form = assessment.feedback_form
    return {
        "title": assessment.title,
        "state": assessment.state,
        "decider": assessment.decider,
        "decision_date": assessment.decision_date.isoformat() if assessment.decision_date else None,
        **{name: getattr(assessment, name) for name in TEXT_FIELDS},
        "effects": [
            {"area": e.area, "direction": e.direction, "description": e.description}
            for e in effects_of(assessment)
            if e.direction or e.description
        ],
        "checklist": [
            {"item": c.key, "done": c.done, "note": c.note} for c in checks_of(assessment)
        ],
        "subgoals": [subgoal.key for subgoal in assessment.subgoals.all()],
        "actions": [
            {"number": action.number, "organisation": action.organisation.name}
            for action in assessment.actions.all()
        ],
        "feedback_form": form.code if form else None,
    }


TEXT_FIELDS = (
    "description",
    "children",
    "vulnerable_groups",
    "children_views",
    "hearing",
    "alternatives",
    "conclusion",
    "mitigation",
    "follow_up",
)


def published_assessments(plan: Plan) -> list[dict] | None:
    """The plan's READY assessments for its JSON document; None (no key) if it has none.
    Drafts never: the document is what anyone reading the plan downloads."""
    found = [assessment_dict(a) for a in with_links(public_assessments(plan))]
    return found or None

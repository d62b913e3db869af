"""The report as a Word document (python-docx), which a coordinator edits further.

Real Word structure, not pictures: the title in the Title style, sections in Heading 1–3,
tables in a table style with their header row repeated on each page, lists in List
Bullet, a table of contents field (Word fills it in when the file is opened), and the
document's language set. Each status is its colour (a square) and its word.

A municipality's own look (fonts, colours, logo): a .docx made in Word whose styles
(Title, Heading 1–3, Normal, List Bullet, the table style "Table Grid") and page
header and footer (the logo) are theirs. Set REPORT_DOCX_TEMPLATE to its path (or give
`python -m lanu report --template FILE`): Lanu opens it, empties its body (keeping the
page setup, header and footer) and writes the report with its styles. A template
lacking one of the styles gets Word's built-in one.
"""

import io

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.table import _Cell

from .content import Comparison, Evaluation, Paragraph, PlanDocument, Report
from .voice import VoiceChapter
from .web import contents

TABLE_STYLE = "Table Grid"
SQUARE = "■"


class Writer:
    def __init__(self, template: str = "", language: str = "fi"):
        self.document = Document(template or None)
        self.empty_body()
        self.set_language(language)

    def empty_body(self) -> None:
        """The template's body text goes; its section (page, header, footer) stays."""
        body = self.document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)

    def set_language(self, language: str) -> None:
        region = {"fi": "fi-FI", "sv": "sv-FI", "en": "en-GB"}.get(language, language)
        rpr = self.document.styles["Normal"].element.get_or_add_rPr()
        lang = rpr.find(qn("w:lang"))
        if lang is None:
            lang = OxmlElement("w:lang")
            rpr.append(lang)
        lang.set(qn("w:val"), region)
        self.document.core_properties.language = region

    def heading(self, text: str, level: int):
        return self.document.add_heading(text, level)

    def paragraph(self, text: str = "", bold: str = "", style: str | None = None):
        paragraph = self.document.add_paragraph(style=self.style(style))
        if bold:
            paragraph.add_run(bold).bold = True
        if text:
            paragraph.add_run(text)
        return paragraph

    def paragraphs(self, paragraphs: tuple[Paragraph, ...]) -> None:
        for paragraph in paragraphs:
            if paragraph.items:
                self.bullets(paragraph.items)
            else:
                self.paragraph(paragraph.text)

    def bullets(self, items) -> None:
        for item in items:
            self.paragraph(item, style="List Bullet")

    def style(self, name: str | None):
        """The style if the document (the template) has it, else None (Normal)."""
        if name is None:
            return None
        return name if any(s.name == name for s in self.document.styles) else None

    def table(self, headers: list[str], rows: list[list], caption: str = ""):
        """A table with its header row repeated on each page; a cell is a text, or a
        list of (text, colour or None) runs, or a list of Paragraphs."""
        if caption:
            self.paragraph(bold=caption)
        table = self.document.add_table(rows=1, cols=len(headers))
        table.style = self.style(TABLE_STYLE)
        for cell, header in zip(table.rows[0].cells, headers, strict=True):
            cell.paragraphs[0].add_run(header).bold = True
        repeat_header(table.rows[0])
        for values in rows:
            row = table.add_row()
            # Not row.cells: python-docx finds a row's cells by listing the whole table's,
            # which would make a table of a thousand rows take a million steps.
            cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
            for cell, value in zip(cells, values, strict=True):
                fill(cell, value)
        return table

    def page_break(self) -> None:
        self.document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table_of_contents(self) -> None:
        self.heading(_("Contents"), 1)
        paragraph = self.document.add_paragraph()
        field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', _("The table of contents: update the field."))
        update_fields_on_open(self.document)

    def saved(self) -> bytes:
        out = io.BytesIO()
        self.document.save(out)
        return out.getvalue()


def fill(cell, value) -> None:
    paragraph = cell.paragraphs[0]
    if isinstance(value, str):
        paragraph.add_run(value)
        return
    for n, part in enumerate(value):
        if isinstance(part, Paragraph):
            text = part.text or "\n".join(f"– {item}" for item in part.items)
            (paragraph if n == 0 else cell.add_paragraph()).add_run(text)
            continue
        text, colour = part
        run = paragraph.add_run(text)
        if colour:
            run.font.color.rgb = RGBColor.from_string(colour.lstrip("#").upper())


def repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def field(paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (begin, instruction, separate, shown text, end) in the paragraph."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = text
            run._r.append(code)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def update_fields_on_open(document) -> None:
    settings_element = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    settings_element.append(update)


def status_runs(distribution) -> list[tuple[str, str | None]]:
    """The colour square and the word with the count of each level some actions are at."""
    runs: list[tuple[str, str | None]] = []
    for segment in distribution.segments:
        if segment.count:
            runs += [
                (SQUARE, segment.level.colour),
                (f" {segment.level.name} {segment.count}  ", None),
            ]
    return runs or [("–", None)]


def level_runs(level) -> list[tuple[str, str | None]]:
    return [(SQUARE, level.colour), (f" {level.name}", None)]


# The reports.


def docx_bytes(report: Report, template: str = "") -> bytes:
    writer = Writer(template or settings.REPORT_DOCX_TEMPLATE, report.cover.language)
    write_cover(writer, report)
    if isinstance(report, Evaluation):
        write_evaluation(writer, report)
    elif isinstance(report, PlanDocument):
        write_plan(writer, report)
    else:
        write_comparison(writer, report)
    return writer.saved()


def write_cover(writer: Writer, report: Report) -> None:
    cover = report.cover
    if not isinstance(report, PlanDocument):
        writer.paragraph(cover.plan)
    writer.heading(cover.title, 0)
    writer.document.core_properties.title = f"{cover.title} – {cover.plan}"
    if cover.region:
        writer.paragraph(cover.region, bold=_("Region") + ": ")
    writer.paragraph(cover.period, bold=_("Plan period") + ": ")
    approved = cover.approved_by or _("Not recorded in Lanu")
    if cover.approved_on:
        approved += f", {cover.approved_on}"
    writer.paragraph(approved, bold=_("Approved by") + ": ")
    writer.page_break()
    writer.table_of_contents()
    writer.page_break()


def write_levels(writer: Writer, levels) -> None:
    rows = [[level_runs(level), level.description] for level in levels]
    writer.table([_("Status"), _("Meaning")], rows, _("The status scale"))


def distribution_table(writer, levels, rows, first: str, caption: str) -> None:
    headers = [first, *(level.name for level in levels), _("Total")]
    cells = [
        [label, *(str(s.count) for s in distribution.segments), str(distribution.total)]
        for label, distribution in rows
    ]
    writer.table(headers, cells, caption)


def write_evaluation(writer: Writer, report: Evaluation) -> None:
    titles = dict(contents(report))
    labels = report.labels
    writer.heading(titles["highlights"], 1)
    writer.paragraphs(report.notes)
    writer.heading(titles["distribution"], 1)
    write_levels(writer, report.levels)
    goal_rows = [(f"{g.number} {g.title}", g.distribution) for g in report.goals]
    goal_rows.append((_("The whole plan"), report.whole))
    caption = _("Status of the actions per %(goal)s") % {"goal": labels["goal"]}
    distribution_table(writer, report.levels, goal_rows, labels["goal"], caption)
    for goal in report.goals:
        writer.heading(f"{labels['goal']} {goal.number}: {goal.title}", 1)
        rows = [
            [
                f"{s.key} {s.title}",
                status_runs(s.distribution),
                [Paragraph(f"{p.by}: {p.text}" if p.by else p.text) for p in s.priorities] or "–",
                [Paragraph(f"– {text}") for text in s.highlights] or "–",
            ]
            for s in goal.subgoals
        ]
        headers = [labels["subgoal"], _("Progress of the actions"), _("Added priorities")]
        writer.table(headers + [_("Joint highlights")], rows)
    write_organisations(writer, report, titles["organisations"])
    write_voice(writer, report.voice, titles["voice"])
    writer.heading(titles["actions"], 1)
    headers = [_("No."), labels["action"], _("Organisation"), labels["subgoal"], _("Status")]
    rows = [
        [
            str(a.number),
            a.title,
            a.organisation,
            a.subgoals,
            level_runs(a.level),
            "\n".join([a.account, *a.values]).strip(),
        ]
        for a in report.actions
    ]
    writer.table(headers + [_("What was done")], rows)
    write_indicators(writer, report.indicators, titles["indicators"])


def write_voice(writer: Writer, chapter: VoiceChapter | None, title: str) -> None:
    """The hearings and feedback of the year: figures, and only published texts."""
    writer.heading(title, 1)
    if not chapter or not chapter.forms:
        year = chapter.year if chapter else ""
        writer.paragraph(
            _("No hearing or feedback form of the plan got answers in %(year)s.") % {"year": year}
        )
        return
    writer.paragraph(chapter.rule)
    for form in chapter.forms:
        writer.heading(f"{form.kind_label}: {form.title}", 2)
        for label, value in voice_facts(form):
            writer.paragraph(value, bold=f"{label}: ")
        if form.summary:
            writer.paragraph(bold=_("The coordinator's summary"))
            for text in form.summary.split("\n\n"):
                writer.paragraph(text.strip())
        for question in form.questions:
            write_voice_question(writer, question)


def voice_facts(form) -> list[tuple[str, str]]:
    groups = ", ".join(f"{g.label}: {g.count}" for g in form.age_groups)
    facts = [
        (_("About"), form.about),
        (_("Target group"), form.target_group),
        (_("Organisation"), form.organisation),
        (_("Open for answers"), form.open_dates),
        (_("Answers given"), form.answer_dates),
        (_("Number of answers"), str(form.responses)),
        (_("Age groups"), groups),
    ]
    return [(label, value) for label, value in facts if value]


def write_voice_question(writer: Writer, question) -> None:
    caption = f"{question.text} ({question.kind_label}, {answered_text(question.answered)})"
    if question.figures:
        rows = [[figure.label, str(figure.count)] for figure in question.figures]
        writer.table([_("Answer"), _("Count")], rows, caption)
    else:
        writer.paragraph(bold=caption)
    if question.cnps:
        writer.paragraph(question.cnps)
        writer.paragraph(question.cnps_counts)
    writer.bullets(question.texts)


def answered_text(count: int) -> str:
    return ngettext("%(answered)s answered", "%(answered)s answered", count) % {"answered": count}


RATING_COLOURS = {"good": "#1e7b34", "neutral": "#8a6d00", "worrying": "#b3261e"}


def write_indicators(writer: Writer, indicators, title: str) -> None:
    """The indicator annex; a rating is its symbol and word in its colour."""
    writer.heading(title, 1)
    if not indicators:
        writer.paragraph(_("The plan follows no indicators in Lanu yet."))
        return
    headers = [_("Indicator"), _("Population group"), _("Area"), _("Year"), _("Value")]
    headers += [_("Reference"), _("Rating"), _("Change")]
    rows = [
        [
            row.name,
            row.breakdown,
            row.area,
            str(row.year or "–"),
            row.value,
            row.reference,
            [(row.rating, RATING_COLOURS.get(row.rating_key))],
            row.change or "–",
        ]
        for row in indicators
    ]
    writer.table(headers, rows)


def write_organisations(writer: Writer, report: Evaluation, title: str) -> None:
    writer.heading(title, 1)
    if report.imported:
        writer.paragraph(
            _(
                "The round was read from an evaluation document: which organisations "
                "reported is not recorded."
            )
        )
    elif report.not_reported:
        writer.paragraph(
            ", ".join(report.not_reported), bold=_("Did not report in the round:") + " "
        )
    else:
        writer.paragraph(_("Every organisation reported in the round."))
    rows = [(o.name, o.distribution) for o in report.organisations]
    caption = _("Status of the actions per organisation")
    distribution_table(writer, report.levels, rows, _("Organisation"), caption)


def write_plan(writer: Writer, report: PlanDocument) -> None:
    labels = report.labels
    for section in report.sections:
        writer.heading(section.title, 1)
        writer.paragraphs(section.paragraphs)
    for goal in report.goals:
        writer.heading(f"{labels['goal']} {goal.number}: {goal.title}", 1)
        writer.paragraphs(goal.description)
        writer.heading(labels["subgoal"], 2)
        for subgoal in goal.subgoals:
            writer.paragraph(
                subgoal.description,
                bold=f"{subgoal.key} {subgoal.title}" + (". " if subgoal.description else ""),
            )
        for group in goal.organisations:
            if report.multi_organisational:
                writer.heading(group.name, 2)
            write_action_table(writer, labels, group.actions)


def write_action_table(writer: Writer, labels, actions) -> None:
    headers = [labels["subgoal"], labels["action"], _("Metrics"), _("Schedule")]
    headers += [_("Responsible"), _("Monitoring")]
    rows = [
        [
            a.subgoals,
            [Paragraph(a.description), *(Paragraph(f"– {item}") for item in a.items)],
            [Paragraph(f"– {m}") for m in a.metrics] or "",
            a.schedule,
            a.responsible or a.organisation,
            a.monitoring,
        ]
        for a in actions
    ]
    writer.table(headers, rows)


def write_comparison(writer: Writer, report: Comparison) -> None:
    titles = dict(contents(report))
    labels = report.labels
    writer.heading(titles["distribution"], 1)
    write_levels(writer, report.levels)
    rows = [(str(y.year), y.distribution) for y in report.trend]
    levels = [s.level for s in report.trend[0].distribution.segments] if report.trend else []
    distribution_table(
        writer, levels, rows, _("Year"), _("Reported status of the actions per year")
    )
    writer.heading(titles["movement"], 1)
    first, last = str(report.years[0]), str(report.years[-1])
    rows_moved = [
        [level_runs(m.before), level_runs(m.after), str(m.count)] for m in report.movements
    ]
    writer.table([first, last, _("Actions")], rows_moved)
    for goal in report.goals:
        writer.heading(f"{labels['goal']} {goal.number}: {goal.title}", 1)
        rows_goal = [[f"{s.key} {s.title}", status_runs(s.distribution)] for s in goal.subgoals]
        writer.table([labels["subgoal"], _("Progress of the actions")], rows_goal)
    for key, actions in (("never-started", report.never_started), ("ended", report.ended)):
        writer.heading(titles[key], 1)
        if not actions:
            writer.paragraph(_("None."))
            continue
        last_column = _("Reported as ending in") if key == "ended" else _("Status in the last year")
        headers = [_("No."), labels["action"], _("Organisation"), labels["subgoal"], last_column]
        writer.table(
            headers,
            [
                [
                    str(a.number),
                    a.title,
                    a.organisation,
                    a.subgoals,
                    ", ".join(a.values) if key == "ended" else level_runs(a.level),
                ]
                for a in actions
            ],
        )
    write_indicators(writer, report.indicators, titles["indicators"])

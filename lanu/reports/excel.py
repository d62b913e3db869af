"""The report as an Excel workbook (openpyxl): a sheet per part, a row per sub-goal,
organisation or action, so that figures can be sorted and summed further. Every text
cell is formula-escaped (lib.spreadsheet.safe_cell); a status cell has its colour and
its word."""

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.worksheet import Worksheet

from lanu.lib.spreadsheet import safe_cell

from .content import Comparison, Evaluation, Paragraph, PlanDocument, Report
from .voice import VoiceChapter

WRAP = Alignment(wrap_text=True, vertical="top")
BOLD = Font(bold=True)


def sheet(workbook: Workbook, title: str, headers: list[str], rows) -> Worksheet:
    """A sheet (its title cut to Excel's 31 characters) with a bold, frozen header row."""
    found = workbook.create_sheet(title[:31])
    found.append([safe_cell(h) for h in headers])
    for cell in found[1]:
        cell.font = BOLD
    for row in rows:
        found.append([safe_cell(value) for value in row])
    found.freeze_panes = "A2"
    for column in found.columns:
        found.column_dimensions[column[0].column_letter].width = 18
    return found


def colour_column(found: Worksheet, column: int, colours: list[str]) -> None:
    """The status cells (under the header) filled with their level's colour."""
    for row, colour in enumerate(colours, start=2):
        fill = colour.lstrip("#").upper()
        found.cell(row=row, column=column).fill = PatternFill("solid", fgColor=fill)


def text_of(paragraphs: tuple[Paragraph, ...]) -> str:
    return "\n".join(p.text or "\n".join(f"– {i}" for i in p.items) for p in paragraphs)


def cover_sheet(workbook: Workbook, report: Report) -> Worksheet:
    cover = report.cover
    found = workbook.worksheets[0]
    found.title = _("Report")[:31]
    rows = [
        (_("Report"), cover.title),
        (_("Plan"), cover.plan),
        (_("Region"), cover.region),
        (_("Plan period"), cover.period),
        (_("Approved by"), ", ".join(filter(None, [cover.approved_by, cover.approved_on]))),
    ]
    for label, value in rows:
        found.append([safe_cell(label), safe_cell(value)])
        found.cell(row=found.max_row, column=1).font = BOLD
    found.column_dimensions["A"].width = 24
    found.column_dimensions["B"].width = 90
    return found


def levels_rows(found: Worksheet, levels) -> None:
    found.append([])
    found.append([safe_cell(_("Status")), safe_cell(_("Meaning"))])
    for level in levels:
        found.append([safe_cell(level.name), safe_cell(level.description)])
        colour = level.colour.lstrip("#").upper()
        found.cell(row=found.max_row, column=1).fill = PatternFill("solid", fgColor=colour)


def counts(distribution) -> list[int]:
    return [segment.count for segment in distribution.segments] + [distribution.total]


def xlsx_bytes(report: Report) -> bytes:
    workbook = Workbook()
    cover = cover_sheet(workbook, report)
    if isinstance(report, Evaluation):
        write_evaluation(workbook, cover, report)
    elif isinstance(report, PlanDocument):
        write_plan(workbook, cover, report)
    else:
        write_comparison(workbook, cover, report)
    for found in workbook.worksheets:
        for row in found.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = WRAP
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def write_evaluation(workbook: Workbook, cover: Worksheet, report: Evaluation) -> None:
    labels, level_names = report.labels, [level.name for level in report.levels]
    cover.append([])
    cover.append([safe_cell(_("Key highlights and notes")), safe_cell(text_of(report.notes))])
    levels_rows(cover, report.levels)
    headers = [labels["goal"], labels["subgoal"], _("Title"), *level_names, _("Total")]
    headers += [_("Added priorities"), _("Joint highlights")]
    sheet(
        workbook,
        labels["subgoal"],
        headers,
        (
            [
                goal.number,
                subgoal.key,
                subgoal.title,
                *counts(subgoal.distribution),
                "\n".join(f"{p.by}: {p.text}" if p.by else p.text for p in subgoal.priorities),
                "\n".join(subgoal.highlights),
            ]
            for goal in report.goals
            for subgoal in goal.subgoals
        ),
    )
    reported = {None: "", True: _("Yes"), False: _("No")}
    sheet(
        workbook,
        _("Organisations"),
        [_("Organisation"), _("Reported"), *level_names, _("Total")],
        ([o.name, reported[o.submitted], *counts(o.distribution)] for o in report.organisations),
    )
    actions = sheet(
        workbook,
        labels["action"],
        [_("No."), labels["action"], _("Organisation"), labels["subgoal"], _("Status")]
        + [_("What was done"), _("Metrics")],
        (
            [a.number, a.title, a.organisation, a.subgoals, a.level.name, a.account]
            + ["\n".join(a.values)]
            for a in report.actions
        ),
    )
    colour_column(actions, 5, [a.level.colour for a in report.actions])
    voice_sheets(workbook, cover, report.voice)
    indicator_sheet(workbook, report.indicators)


def voice_sheets(workbook: Workbook, cover: Worksheet, chapter: VoiceChapter | None) -> None:
    """The hearings and feedback of the year: a row per form, a row per answer value
    (the cNPS and the published texts of a question below its counts)."""
    year = chapter.year if chapter else ""
    none = _("No hearing or feedback form of the plan got answers in %(year)s.") % {"year": year}
    told = chapter.rule if chapter and chapter.forms else none
    cover.append([safe_cell(_("The voice of children and youth")), safe_cell(told)])
    cover.cell(row=cover.max_row, column=1).font = BOLD
    forms = chapter.forms if chapter else ()
    sheet(
        workbook,
        _("Hearings and feedback"),
        [
            _("Kind"),
            _("Title"),
            _("About"),
            _("Target group"),
            _("Organisation"),
            _("Open for answers"),
        ]
        + [_("Answers given"), _("Number of answers"), _("Age groups")]
        + [_("The coordinator's summary")],
        (
            [f.kind_label, f.title, f.about, f.target_group, f.organisation, f.open_dates]
            + [
                f.answer_dates,
                f.responses,
                ", ".join(f"{g.label}: {g.count}" for g in f.age_groups),
            ]
            + [f.summary]
            for f in forms
        ),
    )
    sheet(
        workbook,
        _("Answers to questions"),
        [_("Title"), _("Question"), _("Kind"), _("Answered"), _("Answer"), _("Count")],
        (
            [f.title, q.text, q.kind_label, q.answered, answer, count]
            for f in forms
            for q in f.questions
            for answer, count in [
                *((figure.label, figure.count) for figure in q.figures),
                *([(q.cnps, None), (q.cnps_counts, None)] if q.cnps else []),
                *((text, None) for text in q.texts),
            ]
        ),
    )


def indicator_sheet(workbook: Workbook, indicators) -> None:
    headers = [_("Indicator"), _("Population group"), _("Area"), _("Year"), _("Value")]
    headers += [_("Reference"), _("Rating"), _("Change")]
    sheet(
        workbook,
        _("Indicators"),
        headers,
        (
            [r.name, r.breakdown, r.area, r.year, r.value, r.reference, r.rating, r.change]
            for r in indicators
        ),
    )


def write_plan(workbook: Workbook, cover: Worksheet, report: PlanDocument) -> None:
    labels = report.labels
    for section in report.sections:
        cover.append([safe_cell(section.title), safe_cell(text_of(section.paragraphs))])
        cover.cell(row=cover.max_row, column=1).font = BOLD
    sheet(
        workbook,
        labels["goal"],
        [labels["goal"], labels["subgoal"], _("Title"), _("Description")],
        (
            row
            for goal in report.goals
            for row in [
                [goal.number, "", goal.title, text_of(goal.description)],
                *([goal.number, s.key, s.title, s.description] for s in goal.subgoals),
            ]
        ),
    )
    sheet(
        workbook,
        labels["action"],
        [labels["goal"], _("Organisation"), labels["subgoal"], labels["action"], _("Metrics")]
        + [_("Schedule"), _("Responsible"), _("Monitoring")],
        (
            [
                goal.number,
                group.name,
                a.subgoals,
                "\n".join([a.description, *(f"– {item}" for item in a.items)]).strip(),
                "\n".join(a.metrics),
                a.schedule,
                a.responsible,
                a.monitoring,
            ]
            for goal in report.goals
            for group in goal.organisations
            for a in group.actions
        ),
    )


def write_comparison(workbook: Workbook, cover: Worksheet, report: Comparison) -> None:
    labels = report.labels
    levels_rows(cover, report.levels)
    names = [s.level.name for s in report.trend[0].distribution.segments] if report.trend else []
    sheet(
        workbook,
        _("Years"),
        [_("Year"), *names, _("Total")],
        ([y.year, *counts(y.distribution)] for y in report.trend),
    )
    first, last = str(report.years[0]), str(report.years[-1])
    sheet(
        workbook,
        _("Movement"),
        [first, last, _("Actions")],
        ([m.before.name, m.after.name, m.count] for m in report.movements),
    )
    level_names = [level.name for level in report.levels]
    sheet(
        workbook,
        labels["subgoal"],
        [labels["goal"], labels["subgoal"], _("Title"), *level_names, _("Total")],
        (
            [goal.number, s.key, s.title, *counts(s.distribution)]
            for goal in report.goals
            for s in goal.subgoals
        ),
    )
    for title, actions, last_column in (
        (_("Never started"), report.never_started, _("Status in the last year")),
        (_("Ended"), report.ended, _("Reported as ending in")),
    ):
        sheet(
            workbook,
            title,
            [_("No."), labels["action"], _("Organisation"), labels["subgoal"], last_column],
            (
                [a.number, a.title, a.organisation, a.subgoals, ", ".join(a.values) or a.level.name]
                for a in actions
            ),
        )
    indicator_sheet(workbook, report.indicators)

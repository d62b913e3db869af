"""Plans whose actions are tables per organisation (Kymenlaakso 2020–2024, part II).

The document: a title page; a table of contents naming the organisations under
"2 Toimenpiteet"; chapter 1 with the indicators and their explanations; chapter 2
with every organisation's action tables one after another. Each table stands under
a "PÄÄTAVOITE I: title" line and has a header row (välitavoite / toimenpide /
mittari / aikataulu / toimija(t) / seuranta), a row of guiding questions and rows
numbered by sub-goal. Organisation names appear only in the table of contents: a
new organisation's section starts when the numbering cycles back to sub-goal 1 of
the first main goal.

The modules, in reading order: document (chapters and their texts), contents (title
page, table of contents, organisations), indicators (chapter 1's explanations),
tables (the action tables and their rows), sections (each organisation's rows,
checked against the goals), actions (rows into actions, cross references), report
(the import report). Each reads into one shared `Reading`.
"""

from ..data import ImportRefused, PlanData
from . import actions, contents, document, indicators, report, tables


def detect(text: str) -> bool:
    return bool(tables.HEADER.search(text))


def read(text: str, source: str) -> PlanData:
    reading = document.Reading(text.splitlines(), source)
    chapters = document.chapters(reading)
    data = contents.plan_head(reading, chapters[0].start if chapters else len(reading.lines))
    data.organisations = [contents.organisation(name) for name in contents.toc_names(reading)]
    data.indicators = indicators.descriptions(reading, chapters)
    data.sections = document.sections(reading, chapters)
    found = tables.tables(reading, chapters)
    data.goals, data.actions = actions.goals_and_actions(reading, found, data.organisations)
    data.notes = "\n\n".join(reading.notes + report.remark_block(reading))
    data.report = reading.report + report.summary(reading, data)
    if reading.problems:
        raise ImportRefused(reading.problems)
    return data

"""Which of a table's rows is its header, and what each column holds.

A plan's action table is recognised by its header row, whatever the words: the
vocabulary (`vocabulary.py`) gives each header cell a role, the goal-level columns are
ranked from the outermost in, and a column whose word means an organisation in some
plans and a responsible unit in others ("toteuttaja", "toimija", "vastuutaho") is
decided by its values. The person may change every role in the preview (`apply`);
a table nobody can read is refused with what was found (`describe_refusal`).
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .document import Cell, Table
from .organisation_words import first_part, organisation_word
from .result import ROLES, Column, TableFound
from .vocabulary import HEADER_WORDS_MAX, LEVEL_ROLES, Match, match, plain, role_of, words

HEADER_SEARCH_ROWS = 8  # the header is among a table's first rows (titles may be above)


def find(table: Table) -> TableFound:
    """The table's header row and each column's guessed role.

    The header row is the first of the first `HEADER_SEARCH_ROWS` rows with the most
    recognised headers, as long as it has at least two (or is the row's only filled
    cell): one known word among unknown ones is a table of another kind (an indicator
    table "Indikaattori | Kymenlaakso | Koko maa"). Rows of questions just under it
    ("Missä on onnistuttava?") describe the columns: `body_row` is where data starts.
    A table without a header row has header_row -1 and the role "" in every column:
    it is not an action table unless the person gives its columns roles.

    The goal-level columns are "goal", "subgoal", "subgoal2" by their words' rank
    (painopiste > tavoite > välitavoite), left before right at the same rank; a table
    with one goal-level column has it as "goal", whatever the word: whether it is a
    sub-goal under the goals of the headings above is for the reader of the document
    to say (level_of(column.header) tells the word's rank). Unknown columns are
    "other" (kept in the action's notes).
    """
    return find_all([table])[0]


def find_all(tables: list[Table]) -> list[TableFound]:
    """`find` for each of a document's tables, the tables of one layout deciding alike:
    a column decided by its values ("toteuttaja") is decided on the values of every
    table with the same header words, so that a plan's tables (one per goal, or a
    table a page break split) do not get different roles from a row or two each."""
    layouts = [layout_of(table) for table in tables]
    pooled: dict[tuple[str, int], list[str]] = {}
    for table, layout in zip(tables, layouts, strict=True):
        if layout is None:
            continue
        for index in layout.valued:
            key = (layout.signature, index)
            pooled.setdefault(key, []).extend(column_values(table, index, layout.body_row))
    decided: dict[tuple, list[str]] = {}  # each layout's roles, worked out once
    return [
        found_in(table, layout, roles_of_layout(layout, pooled, decided))
        if layout
        else unrecognised(table)
        for table, layout in zip(tables, layouts, strict=True)
    ]


def roles_of_layout(layout: "Layout", pooled: dict, decided: dict) -> list[str]:
    """The layout's guessed roles, decided once on the pooled values of all its tables:
    a document of a thousand one-row tables reads in linear time."""
    key = (layout.signature, tuple(map(tuple, layout.spans)), tuple(layout.valued))
    if key not in decided:
        decided[key] = guessed_roles(layout, lambda index: pooled[(layout.signature, index)])
    return decided[key]


@dataclass
class Layout:
    """A table's header as the vocabulary reads it, before any value is looked at."""

    header_row: int
    body_row: int
    headers: list[str]
    matches: list[Match | None]
    spans: list[list[int]] = field(default_factory=list)  # headers merged across, alone

    @property
    def signature(self) -> str:
        return signature_of(self.headers)

    @property
    def valued(self) -> list[int]:
        """The columns whose role depends on their values (see `guessed_roles`)."""
        by_values = [i for i, m in enumerate(self.matches) if m and m.by_values]
        return by_values + [index for group in self.spans for index in group]


def layout_of(table: Table) -> Layout | None:
    header_row = header_row_of(table)
    if header_row < 0:
        return None
    headers = [cell.text for cell in table.rows[header_row]]
    matches = [match(header) for header in headers]
    body_row = header_row + 1
    groups = spanned_groups(table.rows[header_row])
    if body_row < len(table.rows) and is_sub_header(table.rows[body_row], groups):
        headers, matches = with_sub_headers(headers, matches, table.rows[body_row], groups)
        body_row, groups = body_row + 1, []
    body_row += description_rows(table, body_row - 1)
    return Layout(header_row, body_row, headers, matches, groups)


def spanned_groups(row: list[Cell]) -> list[list[int]]:
    """The places of each header cell merged across several columns ("Aikataulu" over
    the years), from its own place on."""
    groups: list[list[int]] = []
    for index, cell in enumerate(row):
        if cell.merged == "left" and groups and groups[-1][-1] == index - 1:
            groups[-1].append(index)
        elif cell.merged != "left":
            groups.append([index])
    return [group for group in groups if len(group) > 1]


def is_sub_header(row: list[Cell], groups: list[list[int]]) -> bool:
    """A second header row: its filled cells are short and all under headers merged
    across ("Vastuu" over "Taho | Henkilö", "Aikataulu" over "2024 | 2025"), and the
    other headers reach down over it (merged), or it names only years or numbers. A
    first data row has its own text beside the merged header, never a merge from it."""
    inside = {index for group in groups for index in group}
    filled = [index for index, cell in enumerate(row) if cell.text.strip()]
    if not filled or any(
        index not in inside or len(row[index].text.split()) > 3 for index in filled
    ):
        return False
    outside = [cell for index, cell in enumerate(row) if index not in inside]
    if outside and all(cell.merged == "up" for cell in outside):
        return True
    return len(filled) > 1 and all(YEARS.fullmatch(row[index].text.strip()) for index in filled)


YEARS = re.compile(r"(?:\d{4}|[IVX]+|Q\d|\d{1,2})(?:\s*[-–/]\s*(?:\d{2,4}|Q\d))?")


def with_sub_headers(
    headers: list[str], matches: list[Match | None], row: list[Cell], groups: list[list[int]]
) -> tuple[list[str], list[Match | None]]:
    """Each place under a merged header is named by both ("Aikataulu / 2024") and takes
    the role of its own header if known, else its merged header's; one of numbers only
    (a year) has none: such columns are kept as "other"."""
    headers, matches = list(headers), list(matches)
    for group in groups:
        top, top_match = headers[group[0]], matches[group[0]]
        for index in group:
            sub = row[index].text.strip()
            headers[index] = " / ".join(text for text in (top, sub) if text)
            if sub:
                has_letters = any(c.isalpha() for c in sub)
                matches[index] = (match(sub) or top_match) if has_letters else None
            else:
                matches[index] = top_match if index == group[0] else None
    return headers, matches


def found_in(table: Table, layout: Layout, roles: list[str]) -> TableFound:
    pairs = zip(layout.headers, roles, strict=True)
    return TableFound(
        number=table.number,
        where=where_of(table),
        header_row=layout.header_row,
        body_row=layout.body_row,
        columns=[Column(index, text, role) for index, (text, role) in enumerate(pairs)],
        headers=layout.headers,
        signature=layout.signature,
    )


def unrecognised(table: Table) -> TableFound:
    """A table with no header row the vocabulary knows: its first row is shown as its
    headers (in the refusal and the preview), every column without a role."""
    first = [cell.text for cell in table.rows[0]] if table.rows else []
    return TableFound(
        number=table.number,
        where=where_of(table),
        header_row=-1,
        body_row=0,
        columns=[Column(i, header, "") for i, header in enumerate(first)],
        headers=first,
        signature=signature_of(first),
    )


def header_row_of(table: Table) -> int:
    """The index of the header row, or -1 (see `find`). A row with a long cell (more
    words than a header has) is data, whatever words it uses: "Vastuutahot
    tarkentuvat | Toteutui / ei toteutunut" beside an action's text is not a header."""
    best, best_count = -1, 0
    for index, row in enumerate(table.rows[:HEADER_SEARCH_ROWS]):
        filled = [cell.text for cell in row if cell.text.strip()]
        if any(len(text.split()) > HEADER_WORDS_MAX for text in filled):
            continue
        recognised = sum(1 for text in filled if role_of(text))
        if recognised >= min(2, len(filled)) and recognised > best_count:
            best, best_count = index, recognised
    return best


def description_rows(table: Table, header_row: int) -> int:
    """How many rows under the header describe the columns rather than hold data: rows
    whose filled cells are mostly questions ("Missä on onnistuttava?", "Milloin?")."""
    count = 0
    for row in table.rows[header_row + 1 : header_row + 3]:
        filled = [cell.text.strip() for cell in row if cell.text.strip()]
        questions = sum(1 for text in filled if text.rstrip(")").endswith("?"))
        if not filled or questions * 2 < len(filled):
            break
        count += 1
    return count


def guessed_roles(layout: Layout, values: Callable[[int], list[str]]) -> list[str]:
    """Each column's role from its header, the goal levels ranked, the organisation
    decided by the values where the word leaves it open. A role only one column can
    have (SINGLE_ROLES) goes to the first column with it, the others are "other":
    "Toimenpide | Toimenpiteen kuvaus" is the action and its notes."""
    matches = spans_placed(layout, values)
    roles = [m.role if m else "other" for m in matches]
    rank_goal_levels(roles, matches)
    decide_by_values(roles, matches, values)
    for index, role in enumerate(roles):
        if role in SINGLE_ROLES and role in roles[:index]:
            roles[index] = "other"
    return roles


def spans_placed(layout: Layout, values: Callable[[int], list[str]]) -> list[Match | None]:
    """A header merged across several columns with no second header row under it
    ("Toimenpide" over a number column and a text column) is the role of the column
    with the most text under it; the others are "other"."""
    matches = list(layout.matches)
    for group in layout.spans:
        top = matches[group[0]]
        richest = max(group, key=lambda index: sum(map(letters, values(index))))
        for index in group:
            matches[index] = top if index == richest else None
    return matches


def letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def rank_goal_levels(roles: list[str], found: list[Match | None]) -> None:
    """The goal-level columns become goal, subgoal, subgoal2 from the outermost word
    in; a fourth is "other"."""
    levels = sorted((m.level, index) for index, m in enumerate(found) if m and m.role == "goal")
    for place, (_level, index) in enumerate(levels):
        roles[index] = LEVEL_ROLES[place] if place < len(LEVEL_ROLES) else "other"


def decide_by_values(
    roles: list[str], found: list[Match | None], values: Callable[[int], list[str]]
) -> None:
    """A "toteuttaja", "toimija", "aktör" or "vastuutaho" column is the organisation
    when its values are organisation names and no other column already is the
    organisation (by a word such as "Organisaatio", or an earlier such column);
    otherwise it is the responsible party."""
    pairs = zip(roles, found, strict=True)
    taken = any(role == "organisation" and not (m and m.by_values) for role, m in pairs)
    for index, m in enumerate(found):
        if not (m and m.by_values):
            continue
        if not taken and organisation_like(values(index)):
            roles[index], taken = "organisation", True
        else:
            roles[index] = "responsible"


def column_values(table: Table, index: int, body_row: int) -> list[str]:
    """The column's texts below the header; places covered by a merge are left out."""
    cells: list[Cell] = [row[index] for row in table.rows[body_row:] if index < len(row)]
    return [cell.text for cell in cells if not cell.merged]


PLACEHOLDERS = ("-", "–", "—", "?", "x")
NAME_WORDS_MAX = 5
NAME_CHARS_MAX = 60


def organisation_like(values: list[str]) -> bool:
    """Whether a column's values are organisation names rather than units, people or
    descriptions of who does what. The rule:

    1. empty cells and placeholders ("-") are left out; with nothing left, False;
    2. at least 80 % of the values are short: one line, at most 5 words and 60
       characters (a name, not "Varhaiskasvatuksen ja perusopetuksen henkilöstö …");
    3. and either at least half of the distinct values name an organisation
       (`names_organisation`: "Kouvolan kaupunki", "Pyhtään kunta", "Kotkan
       seurakuntayhtymä", "Kymenlaakson hyvinvointialue", "MLL:n … piiri ry", "Borgå
       stad", "Ekenäs församling", "Västra Nylands välfärdsområde", "MLL", "HVA"), or the
       values repeat (at least 4 of them, each distinct one on two rows on average) and
       at least one of them names an organisation.

    Bare place names ("Kotka", "Hamina") are not recognised: such a column is
    "responsible" until the person chooses "organisation" in the preview.
    """
    names = [value.strip() for value in values if value.strip() not in ("", *PLACEHOLDERS)]
    if not names:
        return False
    short = sum(1 for name in names if is_short(name))
    if short * 5 < len(names) * 4:
        return False
    distinct = list({plain(name): name for name in names}.values())
    named = sum(1 for name in distinct if names_organisation(name))
    if named * 2 >= len(distinct):
        return True
    return len(names) >= 4 and len(distinct) * 2 <= len(names) and named > 0


def is_short(value: str) -> bool:
    """One line of a name's length."""
    one_line = "\n" not in value
    return one_line and len(value) <= NAME_CHARS_MAX and len(value.split()) <= NAME_WORDS_MAX


def names_organisation(value: str) -> bool:
    """Whether the value is an organisation's name: its first part (before a comma,
    slash, semicolon or bracket) ends with a word of organisation_words' table
    ("Kouvolan kaupunki", "MLL:n Kaakkois-Suomen piiri ry", "Borgå stad"), begins with
    one followed by "of" ("City of Espoo"), or is an abbreviation in capitals ("MLL",
    "HVA"). A name is its last word in Finnish and Swedish: "Kaupungin eri toimijat"
    (the city's various actors) is not an organisation, nor is a municipality's
    department ("Liikuntatoimi", "Ungdomsväsendet")."""
    first = first_part(value)
    return bool(ABBREVIATION.fullmatch(first)) or organisation_word(first) is not None


ABBREVIATION = re.compile(r"[A-ZÅÄÖ]{2,6}")


def signature_of(headers: list[str]) -> str:
    """The header words, normalised and joined: the key a chosen mapping is kept
    under, so that next year's file of the same layout maps the same way."""
    return "|".join(" ".join(words(header)) for header in headers)


def where_of(table: Table) -> str:
    """The table as a person finds it: "table 3", "sheet Toimenpiteet", "table 2 (page 4)"."""
    if table.name:
        return _("sheet %(name)s") % {"name": table.name}
    page = PAGE_ORIGIN.fullmatch(table.origin)
    if page:
        values = {"number": table.number, "page": int(page[1])}
        return _("table %(number)d (page %(page)d)") % values
    return _("table %(number)d") % {"number": table.number}


# Readers keep a table's origin untranslated with the upload ("table 3", "page 4"); it is
# put in the reader's language here, where it is shown. A Word or ODT table's origin
# says no more than its number.
PAGE_ORIGIN = re.compile(r"page (\d+)")


def apply(found: TableFound, roles: list[str]) -> TableFound:
    """The table with the roles a person chose, one per column ("" keeps the guess).

    Raises ValueError with a message for the person when a role is unknown, when the
    number of roles is not the number of columns, or when a role that places the
    action (goal, subgoal, subgoal2, action, organisation) is given to two columns. A
    table without a recognised header takes its first row as the header."""
    check_roles(found, roles)
    columns = [
        Column(c.index, c.header, role or c.role, chosen=bool(role) or c.chosen)
        for c, role in zip(found.columns, roles, strict=True)
    ]
    header_row, body_row = found.header_row, found.body_row
    if header_row < 0 and any(roles):
        header_row, body_row = 0, 1
    return TableFound(
        number=found.number,
        where=found.where,
        header_row=header_row,
        body_row=body_row,
        columns=columns,
        headers=found.headers,
        actions=found.actions,
        signature=found.signature,
    )


SINGLE_ROLES = ("goal", "subgoal", "subgoal2", "action", "organisation")


def check_roles(found: TableFound, roles: list[str]) -> None:
    """Raises ValueError, with a message for the person, when the roles cannot be
    read: not one per column, a name that is not a role, or a role that places the
    action given to two columns (see `apply`)."""
    if len(roles) != len(found.columns):
        raise ValueError(
            _("%(where)s has %(columns)d columns, but %(roles)d roles were given.")
            % {"where": found.where, "columns": len(found.columns), "roles": len(roles)}
        )
    for role in roles:
        if role and role not in ROLES:
            raise ValueError(
                _("“%(role)s” is not a column role; the roles are: %(roles)s.")
                % {"role": role, "roles": ", ".join(ROLES)}
            )
    for role in SINGLE_ROLES:
        if roles.count(role) > 1:
            raise ValueError(
                _("%(where)s: only one column can be “%(role)s”.")
                % {"where": found.where, "role": role}
            )


REFUSAL_TABLES_MAX = 8  # tables named in a refusal; more are counted


def describe_refusal(tables: list[TableFound]) -> str:
    """Why no actions were found and what to do: how many tables the document has,
    their headers as written, and the three ways forward."""
    advice = _(
        "Rename the action column's header (e.g. “Toimenpide”), choose the columns' "
        "roles in the preview, or fill the downloadable template."
    )
    if not tables:
        return " ".join((_("The document has no tables."), advice))
    shown = " | ".join(headers_text(found) for found in tables[:REFUSAL_TABLES_MAX])
    if len(tables) > REFUSAL_TABLES_MAX:
        shown += " | " + _("%(count)d more") % {"count": len(tables) - REFUSAL_TABLES_MAX}
    found_text = ngettext(
        "%(count)d table; headers: %(headers)s; it has no column for the actions.",
        "%(count)d tables; headers: %(headers)s; none has a column for the actions.",
        len(tables),
    ) % {"count": len(tables), "headers": shown}
    return " ".join((found_text, advice))


HEADER_CHARS_MAX = 40


def headers_text(found: TableFound) -> str:
    """One table's headers as a person reads them: "Periaate / Tavoite / Toimenpide"."""
    texts = [" ".join(header.split()) for header in found.headers if header.strip()]
    cut = [t if len(t) <= HEADER_CHARS_MAX else t[: HEADER_CHARS_MAX - 1] + "…" for t in texts]
    return f"{found.where}: {' / '.join(cut) or '–'}"

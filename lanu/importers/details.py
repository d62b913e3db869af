"""What a plan document says about the plan itself (its name, period and organisation),
what it leaves unsaid, and what the person gives instead (`PlanDetails`).

A document that does not name its organisation, its period or its title is not
refused for its structure: it is read, and `missing_details()` says which of the
three the person must give (the command line's --organisation, --period, --name;
the web preview asks). `apply_details()` fills them in.

The organisation is guessed from the cover or the title: a line naming a city,
municipality, welfare area, parish… ("Raaseporin kaupunki", "Västra Nylands
välfärdsområde"), or the title's genitive ("Espoon kaupungin lasten ja nuorten …",
"Raseborgs stads …") turned into the organisation's name. The words and their kinds
are general/organisation_words.py's table.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .data import ActionData, OrganisationData, PlanData, Problem
from .general.organisation_words import (
    KNOWN_KINDS,
    kind_of,
    known_kind,
    nominative,
    pattern,
)
from .general.result import PlanDetails

# The words that end an organisation's name and their genitives: general/organisation_words.py.
PLACE = r"(?:[A-ZÄÖÅ][\w-]*\s+(?:(?:ja|och)\s+)?)*[A-ZÄÖÅ][\w-]*"  # capitalised words
NAME_WORDS_MAX = 8  # a line naming an organisation, not a sentence mentioning one
GENITIVE = re.compile(rf"\b({PLACE})\s+((?i:{pattern(KNOWN_KINDS, 'genitive')}))(?!\w)")


@dataclass
class MissingDetail(Problem):
    """What the document does not say: "name", "period" or "organisation"."""

    detail: str = ""


def organisation_named(lines: list[str]) -> str:
    """The first line that is an organisation's name, e.g. "Raaseporin kaupunki"."""
    return next((line for line, _kind in organisation_lines(lines)), "")


def organisation_lines(lines: list[str]) -> list[tuple[str, str]]:
    """The lines (a cover's) that are an organisation's name, with its kind: short lines
    ending with a word of organisation_words' table of a kind a plan model names (a
    printer's "Taitto: Painotalo Oy" is not the plan's organisation)."""
    short = [line.strip() for line in lines if len(line.split()) <= NAME_WORDS_MAX]
    return [(line, kind) for line in short if (kind := known_kind(line))]


def organisation_in_title(title: str) -> str:
    """The organisation a title names in the genitive: "Espoon kaupungin lasten ja
    nuorten hyvinvointisuunnitelma" -> "Espoon kaupunki"; "" if it names none."""
    found = GENITIVE.search(title)
    return f"{found[1]} {nominative(found[2])}" if found else ""


def missing_details(data: PlanData) -> list[MissingDetail]:
    """What the plan lacks that only the person can give: its name, period, organisation."""
    missing = []
    if not data.name.strip():
        message = _("The document does not say the plan's name.")
        missing.append(MissingDetail(message, detail="name"))
    if not data.period_start or not data.period_end:
        message = _("The document does not say the plan's period (e.g. 2024–2026).")
        missing.append(MissingDetail(message, detail="period"))
    if not data.organisations or any(not action.organisation for action in data.actions):
        message = _(
            "The document does not name the plan's organisation (a “… kaupunki”, "
            "“… kunta” or “… hyvinvointialue” on its cover or in its title)."
        )
        missing.append(MissingDetail(message, detail="organisation"))
    return missing


def apply_details(data: PlanData, details: PlanDetails | None) -> PlanData:
    """The plan with what the person said in place of the document's guesses; the
    actions the document gives no organisation are the first given organisation's."""
    if details is None:
        return data
    data.name = details.name or data.name
    if details.period_start and details.period_end:
        data.period_start, data.period_end = details.period_start, details.period_end
    if details.organisations:
        give_organisations(data, details.organisations)
    return data


def give_organisations(data: PlanData, names: list[str]) -> None:
    known = {organisation.name for organisation in data.organisations}
    data.organisations += [OrganisationData(n, kind=kind_of(n)) for n in names if n not in known]
    unnamed: list[ActionData] = [action for action in data.actions if not action.organisation]
    for action in unnamed:
        action.organisation = names[0]

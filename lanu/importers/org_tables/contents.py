"""The title page, the table of contents, and the organisations it names."""

import re

from django.utils.translation import gettext as _

from ..data import OrganisationData, PlanData
from ..general.organisation_words import kind_of
from .cells import clean
from .document import Reading

PLAN_NAME = re.compile(r"^(\S+)\s.*hyvinvointisuunnitelma\s+(\d{4})\s*[–-]\s*(\d{4})$")
TOC_LINE = re.compile(r"^\d+(?:\.\d+)*\s+.+?(?:\.{2,}\s*\d*|\t\s*\d+)$")
TOC_ACTIONS = re.compile(r"^(\d+)\s+(?:Toimenpiteet|Åtgärder)\b")
# This plan's own short names, which say no kind (the kinds of names ending with
# "kaupunki", "ry"…: general/organisation_words.py): Kymsote, the social and health
# care authority the welfare area replaced, and its other names.
KINDS = {"Kymsote": "welfare_area"}
ALIASES = {"Kymsote": ["HVA", "Kymenlaakson hyvinvointialue"]}


def plan_head(reading: Reading, front_end: int) -> PlanData:
    """The plan's name, region and period, from the front page (the lines before chapter 1)."""
    front = reading.lines[:front_end]
    match = next((m for line in front if (m := PLAN_NAME.match(line.strip()))), None)
    if match is None:
        reading.problem(_("No plan name with its period (“… 2020–2024”) was found."), 1)
        return PlanData(name="", period_start=0, period_end=0, source=reading.source)
    keep_front_page(reading, front, match[0])
    return PlanData(
        name=match[0],
        region=match[1].removesuffix("n"),
        period_start=int(match[2]),
        period_end=int(match[3]),
        source=reading.source,
    )


def keep_front_page(reading: Reading, front: list[str], name: str) -> None:
    """The front page's lines, but the plan's name and the table of contents, as a note."""
    squeezed = name.replace("–", "-")
    kept = []
    for line in (clean(raw) for raw in front if not TOC_LINE.match(raw.strip())):
        if line and line.replace("–", "-") not in squeezed and line not in kept:
            kept.append(line)
    if kept:
        reading.notes.append(_("Title page and figure captions:") + "\n" + "\n".join(kept))


def toc_names(reading: Reading) -> list[str]:
    """The organisations: the entries under "Toimenpiteet" in the table of contents."""
    lines = reading.lines
    start = next((i for i, line in enumerate(lines) if TOC_ACTIONS.match(line)), None)
    names = toc_entries(lines, start) if start is not None else []
    reading.toc_line = (start or 0) + 1
    if not names:
        message = _("The table of contents names no organisations under “Toimenpiteet”.")
        reading.problem(message, reading.toc_line)
    return names


def toc_entries(lines: list[str], start: int) -> list[str]:
    heading = TOC_ACTIONS.match(lines[start])
    if heading is None:  # toc_names found it there
        return []
    entry = re.compile(rf"^{heading[1]}\.\d+\s+(.+?)\s*(?:\.{{2,}}\s*\d*|\t\s*\d+)$")
    names = []
    for line in (line.strip() for line in lines[start + 1 :]):
        if not line:
            continue
        match = entry.match(line)
        if not match:
            break
        names.append(match[1])
    return names


def organisation(name: str) -> OrganisationData:
    """The organisation of this name, its kind from its last word ("Pyhtään kunta") or
    this plan's own names ("Kymsote")."""
    kind = KINDS.get(name) or kind_of(name)
    return OrganisationData(name=name, kind=kind, aliases=list(ALIASES.get(name, [])))

"""What a plan document says about the plan itself (its name, period and organisation),
what it leaves unsaid, and what the person gives instead (`PlanDetails`).

A document that does not name its organisation, its period or its title is not
refused for its structure: it is read, and `missing_details()` says which of the
three the person must give (the command line's --organisation, --period, --name;
the web preview asks). `apply_details()` fills them in.

The organisation is guessed from the cover or the title: a line naming a city,
municipality or welfare area ("Raaseporin kaupunki", "Västra Nylands
välfärdsområde"), or the title's genitive ("Espoon kaupungin lasten ja nuorten …",
"Raseborgs stads …") turned into the organisation's name.
"""

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .data import ActionData, OrganisationData, PlanData, Problem
from .general.result import PlanDetails

# The word that ends an organisation's name: its genitive in a title, and its kind.
ORGANISATION_WORDS = {
    "hyvinvointialue": ("hyvinvointialueen", "welfare_area"),
    "välfärdsområde": ("välfärdsområdes", "welfare_area"),
    "kaupunki": ("kaupungin", "municipality"),
    "kunta": ("kunnan", "municipality"),
    "stad": ("stads", "municipality"),
    "kommun": ("kommuns", "municipality"),
}
PLACE = r"(?:[A-ZÄÖÅ][\w-]*\s+(?:(?:ja|och)\s+)?)*[A-ZÄÖÅ][\w-]*"  # capitalised words
NAMED = re.compile(rf"^({PLACE})\s+((?i:{'|'.join(ORGANISATION_WORDS)}))$")
GENITIVES = "|".join(genitive for genitive, _kind in ORGANISATION_WORDS.values())
GENITIVE = re.compile(rf"\b({PLACE})\s+((?i:{GENITIVES}))\b")
NOMINATIVE = {genitive: word for word, (genitive, _kind) in ORGANISATION_WORDS.items()}


@dataclass
class MissingDetail(Problem):
    """What the document does not say: "name", "period" or "organisation"."""

    detail: str = ""


def organisation_named(lines: list[str]) -> str:
    """The first line that is an organisation's name, e.g. "Raaseporin kaupunki"."""
    return next((line.strip() for line in lines if NAMED.match(line.strip())), "")


def organisation_in_title(title: str) -> str:
    """The organisation a title names in the genitive: "Espoon kaupungin lasten ja
    nuorten hyvinvointisuunnitelma" -> "Espoon kaupunki"; "" if it names none."""
    found = GENITIVE.search(title)
    return f"{found[1]} {NOMINATIVE[found[2].lower()]}" if found else ""


def kind_of(name: str) -> str:
    """The kind of organisation its name's last word says, else "other"."""
    last = name.split()[-1].lower() if name.split() else ""
    return ORGANISATION_WORDS.get(last, ("", "other"))[1]


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

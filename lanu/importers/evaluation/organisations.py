"""Which of the plan's organisations a document means by the name it writes."""

import re
import unicodedata
from dataclasses import dataclass, field

# Short names the documents use that are neither a name nor an alias of the organisation.
ABBREVIATIONS = {
    "kletu": "Kymenlaakson ensi- ja turvakotiyhdistys ry",
    "keltu": "Kymenlaakson ensi- ja turvakotiyhdistys ry",  # misspelt once in seed 000
    "mll": "MLL:n Kaakkois-Suomen piiri",
    "hva": "Kymenlaakson hyvinvointialue",  # the welfare area, which the 2020 plan calls Kymsote
}


@dataclass
class OrganisationRef:
    """One of the plan's organisations, as read from the database."""

    pk: int
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)


def normalised(name: str) -> str:
    """Lower case, punctuation as spaces, accents kept (ä and ö are letters of their own)."""
    name = unicodedata.normalize("NFC", name).casefold()
    return " ".join(re.sub(r"[^\w]+", " ", name).split())


def match_organisation(
    written: str, organisations: list[OrganisationRef]
) -> OrganisationRef | None:
    """The organisation a document means by `written` ("Kletu", "HVA", "Kouvola"), if one.

    Compared normalised: the name, short name or an alias; a known abbreviation
    (ABBREVIATIONS) of one of those; or the name's first word, in the genitive
    ("Kouvola" = "Kouvolan kaupunki", "MLL" = "MLL:n Kaakkois-Suomen piiri").
    Only an unambiguous match counts.
    """
    wanted = normalised(written)
    if not wanted:
        return None
    wanted_names = {wanted, normalised(ABBREVIATIONS.get(wanted, ""))} - {""}
    for organisation in organisations:
        names = {normalised(n) for n in [organisation.name, organisation.short_name]}
        if wanted_names & (names | {normalised(a) for a in organisation.aliases}):
            return organisation
    by_first_word = [
        organisation
        for organisation in organisations
        if normalised(organisation.name).split()[0] in {wanted, wanted + "n"}
    ]
    return by_first_word[0] if len(by_first_word) == 1 else None

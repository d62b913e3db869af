"""The words that end an organisation's name, in Finnish, Swedish and English, with
their genitives and the kind of organisation each gives.

Plans name their organisations as Finnish and Swedish names are made: a place or a
name, then what the organisation is ("Kotkan kaupunki", "Borgå stad", "Västra
Nylands välfärdsområde", "MLL:n Kaakkois-Suomen piiri ry"); a title names it in the
genitive "Espoon kaupungin lasten ja nuorten hyvinvointisuunnitelma", definite="Raseborgs
stads välfärdsplan". What the last word is, the name's kind is: those words live in
one data table, `ORGANISATION_WORDS`, not in each reader. It answers, for every reader:
- whether a column's values are organisations (`columns.organisation_like`);
- which cover line names the plan's organisation and of what kind
  (`details.organisation_named`: the general reader's cover and the priority-table
  seeds' front page);
- which genitive in a title names it (`details.organisation_in_title`);
- an organisation's kind (`kind_of`: the general reader, the table-of-contents
  organisations of `org_tables`, the priority-table seeds).
Adding a word a new document uses is adding a row.

How a name is matched (`organisation_word`):
- its head is its last word with a letter in it ("Järjestö 2.0": järjestö), in its
  first part, before a comma, slash, semicolon, bracket, line break or spaced dash
  ("Kaakkois-Suomen poliisilaitos, ennalta estävän toiminnan ryhmä": poliisilaitos);
  an English name may begin with it ("City of Espoo");
- the head is compared plain (lower case, å ä ö → a a o: `vocabulary.plain`) with
  each word's nominative and plural, and a one-word name with its Swedish definite
  ("Polisen", "Kommunen"); a `compound` word matches also as a compound's
  last part ("turvakotiyhdistys", "idrottsförening", "perusturvakuntayhtymä"), the
  longest match winning ("seurakuntayhtymä" is a parish, not a kuntayhtymä);
- the other words match only whole: "kunta" ends "liikunta" (sport), "poliisi"
  ends "nuorisopoliisi" (a person), "stad" ends "Jakobstad" (a place). A word not
  in the table is no organisation: a "-toimi", "-palvelut", "-väsendet" or
  "-sektorn" is a municipality's department "liikuntatoimi", definite="ungdomsväsendet",
  and "Kaupungin eri toimijat" (the city's various actors) ends with no such word.

The kinds are those of `plans.models.Organisation.Kind`. A word whose kind no plan
model names (a company's "oy", a federation's "liitto") is kind "other": it still
names an organisation in a column, but a cover line ending with it (a printer's
"Painotalo Oy") is not taken for the plan's organisation.
"""

import re
from dataclasses import dataclass

from .vocabulary import plain, words


@dataclass(frozen=True)
class OrganisationWord:
    word: str  # as written at the end of a name: "kaupunki", "välfärdsområde", "ry"
    genitive: str  # as a title writes it: "kaupungin" ("Espoon kaupungin …"); "" if none
    kind: str  # a plans.models.Organisation.Kind value
    plural: str = ""  # "kunnat": "Miehikkälän ja Virolahden kunnat"
    # Swedish's definite form names an organisation alone: "Polisen", "Kommunen" (the
    # plan's own), never after a place ("… i kommunen" is a sentence's end)
    definite: str = ""
    compound: bool = False  # also a compound's last part: "turvakotiyhdistys"


W = OrganisationWord
# word, genitive, kind, plural, Swedish definite; compound=True: also a compound's end
ORGANISATION_WORDS: tuple[OrganisationWord, ...] = (
    # fi
    W("hyvinvointialue", "hyvinvointialueen", "welfare_area", "hyvinvointialueet"),
    W("kuntayhtymä", "kuntayhtymän", "welfare_area", "kuntayhtymät", compound=True),
    W("sairaanhoitopiiri", "sairaanhoitopiirin", "welfare_area", "sairaanhoitopiirit"),
    W("kaupunki", "kaupungin", "municipality", "kaupungit"),
    W("kunta", "kunnan", "municipality", "kunnat"),
    W("seurakunta", "seurakunnan", "parish", "seurakunnat", compound=True),
    W("seurakuntayhtymä", "seurakuntayhtymän", "parish", "seurakuntayhtymät", compound=True),
    W("srk", "srk:n", "parish"),  # "Kotkan srk"
    W("poliisi", "poliisin", "police"),
    W("poliisilaitos", "poliisilaitoksen", "police", "poliisilaitokset"),
    W("ry", "ry:n", "ngo"),
    W("yhdistys", "yhdistyksen", "ngo", "yhdistykset", compound=True),
    W("järjestö", "järjestön", "ngo", "järjestöt", compound=True),
    W("säätiö", "säätiön", "ngo", "säätiöt", compound=True),
    W("piiri", "piirin", "ngo", "piirit"),  # an NGO's district: "MLL:n … piiri"
    W("liitto", "liiton", "other", "liitot", compound=True),
    W("oy", "oy:n", "other"),
    W("oyj", "oyj:n", "other"),
    # sv
    W("välfärdsområde", "välfärdsområdes", "welfare_area", "välfärdsområden", "välfärdsområdet"),
    W("samkommun", "samkommuns", "welfare_area", "samkommuner", "samkommunen"),
    W("stad", "stads", "municipality", "städer", "staden"),
    W("kommun", "kommuns", "municipality", "kommuner", "kommunen"),
    W("församling", "församlings", "parish", "församlingar", "församlingen", compound=True),
    W("samfällighet", "samfällighets", "parish", "", "samfälligheten"),  # kyrklig samfällighet
    W("polis", "", "police", "", "polisen"),
    W("polisinrättning", "polisinrättnings", "police", "", "polisinrättningen"),
    W("rf", "rf:s", "ngo"),
    W("förening", "förenings", "ngo", "föreningar", "föreningen", compound=True),
    W("stiftelse", "stiftelses", "ngo", "stiftelser", "stiftelsen", compound=True),
    W("förbund", "förbunds", "other", "förbund", "förbundet", compound=True),
    W("ab", "ab:s", "other"),
    # en
    W("county", "", "welfare_area", "counties"),  # "… Wellbeing Services County"
    W("municipality", "", "municipality", "municipalities"),
    W("city", "", "municipality", "cities"),
    W("parish", "", "parish", "parishes"),
    W("police", "", "police"),
    W("association", "", "ngo", "associations"),
    W("foundation", "", "ngo", "foundations"),
)

# What ends a name's first part: "Kouvolan kaupunki, sivistystoimi", "… / Raseborgs stad".
FIRST_PART = re.compile(r"[,/;(\n]|\s[-–—]\s")


def first_part(text: str) -> str:
    """The text before a comma, slash, semicolon, bracket, line break or spaced dash."""
    return FIRST_PART.split(text.strip(), maxsplit=1)[0].strip()


def organisation_word(text: str) -> OrganisationWord | None:
    """The table's word the text ends with as a name ("Kotkan kaupunki": kaupunki), or
    begins with before "of" ("City of Espoo"); None when it ends with no such word."""
    lettered = [word for word in words(text) if not word.isdigit()]
    if not lettered:
        return None
    if len(lettered) > 2 and lettered[1] == "of" and (found := word_of(lettered[0])):
        return found
    return word_of(lettered[-1], alone=len(lettered) == 1)


def word_of(head: str, alone: bool = False) -> OrganisationWord | None:
    """The row a plain word is: its nominative or plural (or, `alone` in its name, its
    definite), or for a compound word its last part, the longest match winning."""
    found = [
        (len(form), row)
        for row in ORGANISATION_WORDS
        for form in forms(row, alone)
        if head == form or (row.compound and head.endswith(form))
    ]
    return max(found, key=lambda pair: pair[0])[1] if found else None


def kind_of(name: str) -> str:
    """The kind of organisation the name's first part says ("Kotkan kaupunki":
    municipality; "Raaseporin seurakuntayhtymä": parish), else "other"."""
    found = organisation_word(first_part(name))
    return found.kind if found else "other"


def known_kind(text: str) -> str:
    """The kind the whole text says as a name, "" when it is no name or of kind "other"
    (a company, a federation): the kinds whose name on a cover is the plan's owner."""
    found = organisation_word(text)
    return found.kind if found and found.kind != "other" else ""


def nominative(genitive: str) -> str:
    """The name's word for a title's genitive: "kaupungin" -> "kaupunki",
    "turvakotiyhdistyksen" -> "turvakotiyhdistys"; "" when it is none of the table's
    (of a known kind)."""
    word = genitive.lower()
    for row in sorted(KNOWN_KINDS, key=lambda row: len(row.genitive), reverse=True):
        if row.genitive and (word == row.genitive or row.compound and word.endswith(row.genitive)):
            return word.removesuffix(row.genitive) + row.word
    return ""


def pattern(rows: tuple[OrganisationWord, ...], form: str) -> str:
    """A regular expression alternation of the rows' nominatives ("word") or genitives
    ("genitive"), as written; a compound word with any first part before it."""
    found = [
        (r"[\w-]*" if row.compound else "") + re.escape(getattr(row, form))
        for row in rows
        if getattr(row, form)
    ]
    return "|".join(sorted(found, key=len, reverse=True))


def forms(row: OrganisationWord, alone: bool) -> list[str]:
    """The row's forms that end a name, plain."""
    return [plain(form) for form in (row.word, row.plural, alone and row.definite) if form]


# The words whose kind a plan model names: a cover's or a title's organisation.
KNOWN_KINDS = tuple(row for row in ORGANISATION_WORDS if row.kind != "other")

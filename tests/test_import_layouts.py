"""Plans in the layouts municipalities use, in every file type, import as they were written.

Each seed plan (read from its text) is written as a Word file in a layout of issue 9
(tests/plan_layouts.py), copied to ODT and PDF by LibreOffice, or as an Excel sheet
and a CSV file; reading the file must give the same goals, sub-goals, actions (every
text of each, under the same sub-goal and organisation) and organisations. A layout
that names no organisation is read with the organisation the coordinator gives, as in
the preview; one with an organisation column imports by itself (`read_plan`).
"""

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from conftest import seed
from lanu.importers import read_document_of, read_general, read_plan
from lanu.importers.data import ImportRefused, PlanData
from lanu.importers.general.result import Choices, PlanDetails
from lanu.importers.save import save_plan
from lanu.plans.models import Organisation, Plan
from tests import plan_layouts as documents

SWEDISH_NAME = "Välfärdsplan för barn och unga i Esbo 2017–2021"


@dataclass
class Layout:
    seed: str
    write: dict  # file kind -> builder(data, path)
    organisation: str = ""  # make the plan of this organisation's actions only
    name: str = ""  # the plan's name on the cover, if not the seed's

    @property
    def kinds(self) -> tuple[str, ...]:
        """The files written, and LibreOffice's ODT and PDF copies of a Word file."""
        return tuple(self.write) + (("odt", "pdf") if "docx" in self.write else ())


LAYOUTS = {
    "principle-tables": Layout("002", {"docx": documents.principle_tables_docx}),
    "heading-tables": Layout("004", {"docx": documents.heading_tables_docx}),
    "merged-table": Layout("004", {"docx": documents.merged_table_docx}),
    "merged-table-sv": Layout(
        "002",
        {"docx": partial(documents.merged_table_docx, language="sv")},
        name=SWEDISH_NAME,
    ),
    "sheet": Layout(
        "003",
        {"xlsx": documents.sheet_xlsx, "csv": documents.sheet_csv},
        organisation="Kouvolan kaupunki",
    ),
    "organisation-tables": Layout("003", {"docx": documents.organisation_tables_docx}),
}
CASES = [(name, kind) for name, layout in LAYOUTS.items() for kind in layout.kinds]
FIRST_KINDS = [(name, layout.kinds[0]) for name, layout in LAYOUTS.items()]
# The columns besides the action and its metrics that each layout has.
KEPT = {
    "heading-tables": ("responsible", "schedule"),
    "merged-table": ("responsible",),
    "sheet": ("responsible",),
    "organisation-tables": ("schedule",),
}


@dataclass
class Written:
    data: PlanData  # the plan the files were written from
    files: dict[str, Path]  # file kind -> the file


def plan_of(layout: Layout) -> PlanData:
    data = read_plan(seed(layout.seed))
    if layout.organisation:
        data = one_organisation(data, layout.organisation)
    return replace(data, name=layout.name) if layout.name else data


def one_organisation(data: PlanData, name: str) -> PlanData:
    """The plan with only one organisation's actions: a single organisation's plan."""
    organisations = [o for o in data.organisations if o.name == name]
    actions = [a for a in data.actions if a.organisation == name]
    return replace(data, organisations=organisations, actions=actions)


@pytest.fixture(scope="session")
def written(tmp_path_factory) -> dict[str, Written]:
    """Every layout's files; the ODT and PDF copies made in one LibreOffice run each."""
    folder = tmp_path_factory.mktemp("layouts")
    found = {name: write_layout(name, layout, folder) for name, layout in LAYOUTS.items()}
    found["no-actions"] = Written(None, refusal_files(folder))
    for kind in ("odt", "pdf"):
        words = [found[name].files["docx"] for name, _kind in copied(kind)]
        for path in documents.convert([*words, found["no-actions"].files["docx"]], kind, folder):
            found[path.stem].files[kind] = path
    return found


def copied(kind: str) -> list[tuple[str, str]]:
    return [case for case in CASES if case[1] == kind]


def write_layout(name: str, layout: Layout, folder: Path) -> Written:
    data = plan_of(layout)
    return Written(
        data, {kind: write(data, folder / f"{name}.{kind}") for kind, write in layout.write.items()}
    )


def refusal_files(folder: Path) -> dict[str, Path]:
    return {
        "docx": documents.contacts_docx(folder / "no-actions.docx"),
        "xlsx": documents.contacts_xlsx(folder / "no-actions.xlsx"),
        "csv": documents.contacts_csv(folder / "no-actions.csv"),
    }


@pytest.fixture(scope="session")
def readings(written):
    """The plan read from each layout's file, read once for all the tests."""
    found = {}

    def reading(name: str, kind: str) -> PlanData:
        if (name, kind) not in found:
            found[name, kind] = import_file(written[name], kind)
        return found[name, kind]

    return reading


def import_file(written: Written, kind: str) -> PlanData:
    """As a coordinator imports the file: by itself when it names the organisations,
    else with the plan's name, period and organisation given, as in the preview."""
    path = written.files[kind]
    if len(written.data.organisations) > 1:
        return read_plan(path)
    reading = read_general(read_document_of(path.read_bytes(), path.name), given(written.data), {})
    assert not reading.problems, "\n".join(str(problem) for problem in reading.problems)
    return reading.data


def given(data: PlanData) -> Choices:
    organisations = [organisation.name for organisation in data.organisations]
    details = PlanDetails(data.name, data.period_start, data.period_end, organisations)
    return Choices(details=details)


# What is compared ---------------------------------------------------------------------

SOFT_HYPHEN = "\u00ad"
SPACE_AFTER_BREAK = re.compile(r"(?<=[-–/]) ")


def same_text(text: str) -> str:
    """The text as the reader may give it back: runs of white space one space, no soft
    hyphens, and no space after a hyphen or slash (where a PDF's lines may break)."""
    text = unicodedata.normalize("NFC", text).replace(SOFT_HYPHEN, "")
    return SPACE_AFTER_BREAK.sub("", " ".join(text.split()))


def places(data: PlanData) -> dict[str, tuple[str, str]]:
    """Each sub-goal's key -> its goal's and its own title."""
    return {
        f"{goal.number}.{sub.number}": (same_text(goal.title), same_text(sub.title))
        for goal in data.goals
        for sub in goal.subgoals
    }


def actions_by_place(data: PlanData, shown) -> dict[tuple[str, str, str], list]:
    """(goal, sub-goal, organisation) -> what `shown` gives of each action there."""
    where = places(data)
    found = defaultdict(list)
    for action in data.actions:
        for key in action.subgoals:
            found[(*where[key], same_text(action.organisation))].append(shown(action))
    return dict(found)


def texts(action) -> dict:
    kept = [same_text(text) for text in (action.description, *action.items)]
    return {"texts": [t for t in kept if t], "metrics": [same_text(m.text) for m in action.metrics]}


def assert_same_plan(read: PlanData, written: PlanData) -> None:
    assert [same_text(g.title) for g in read.goals] == [same_text(g.title) for g in written.goals]
    assert sorted(places(read).values()) == sorted(places(written).values())
    assert sorted(same_text(o.name) for o in read.organisations) == sorted(
        same_text(o.name) for o in written.organisations
    )
    assert_same_actions(read, written, texts)


def assert_same_actions(read: PlanData, written: PlanData, shown) -> None:
    """The same actions under each sub-goal and organisation, as `shown` shows them."""
    got, want = actions_by_place(read, shown), actions_by_place(written, shown)
    assert sorted(got) == sorted(want)
    for place, actions in want.items():
        assert got[place] == actions, place


# The layouts --------------------------------------------------------------------------


@pytest.mark.parametrize("layout, kind", CASES)
def test_plan_document_imports_as_written(readings, written, layout, kind):
    assert_same_plan(readings(layout, kind), written[layout].data)


@pytest.mark.parametrize("layout, kind", [case for case in CASES if case[0] in KEPT])
def test_responsible_and_schedule_are_kept(readings, written, layout, kind):
    def shown(action):
        return [same_text(getattr(action, column)) for column in KEPT[layout]]

    assert_same_actions(readings(layout, kind), written[layout].data, shown)


@pytest.mark.parametrize("layout, kind", FIRST_KINDS)
def test_cover_gives_the_plan_name_and_period(written, layout, kind):
    """What the preview prefills: the name (its case kept, Swedish too) and the period."""
    data, path = written[layout].data, written[layout].files[kind]
    guesses = read_general(read_document_of(path.read_bytes(), path.name), Choices(), {}).guesses
    assert (guesses.period_start, guesses.period_end) == (data.period_start, data.period_end)
    assert without_period(guesses.name) == without_period(data.name)


def without_period(name: str) -> str:
    return same_text(re.sub(r"\s*\d{4}\s*[-–]\s*\d{4}\s*$", "", name))


def test_espoo_plan_as_word_imports_like_its_text(written):
    """Seed 002's own layout as a Word file: the same goals, sub-goals (numbered alike),
    actions with their items, and metrics with their breakdown by mother tongue."""
    from_text = read_plan(seed("002"))
    from_word = import_file(written["principle-tables"], "docx")
    assert espoo_shape(from_word) == espoo_shape(from_text)


def espoo_shape(data: PlanData) -> dict:
    return {
        "goals": [(goal.number, same_text(goal.title)) for goal in data.goals],
        "subgoals": [
            [(sub.number, same_text(sub.title)) for sub in goal.subgoals] for goal in data.goals
        ],
        "organisations": [o.name for o in data.organisations],
        "actions": [
            (
                action.subgoals,
                same_text(action.description),
                [same_text(item) for item in action.items],
                [(same_text(m.text), m.by_mother_tongue) for m in action.metrics],
            )
            for action in data.actions
        ],
    }


# Refusals -----------------------------------------------------------------------------

FOUND = ("Yhteyshenkilö", "Sähköposti")  # the headers of the table found
TO_DO = ("rename", "preview", "template", "choose")


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["docx", "odt", "pdf", "xlsx", "csv"])
def test_document_without_actions_is_refused_and_nothing_written(
    written, plan_of, kind, in_english
):
    plan_of(3)  # an existing plan, which a refusal must leave alone
    before = (Plan.objects.count(), Organisation.objects.count())
    with pytest.raises(ImportRefused) as refusal:
        save_plan(read_plan(written["no-actions"].files[kind]))
    message = str(refusal.value)
    assert all(header in message for header in FOUND), message
    assert any(advice in message.lower() for advice in TO_DO), message
    assert (Plan.objects.count(), Organisation.objects.count()) == before


@pytest.mark.django_db
def test_import_plan_command_refuses_it_in_finnish(written, plan_of):
    plan_of(3)
    before = (Plan.objects.count(), Organisation.objects.count())
    with pytest.raises(CommandError) as refusal:
        call_command("import-plan", str(written["no-actions"].files["docx"]))
    message = str(refusal.value)
    assert "taulukk" in message.lower() and all(header in message for header in FOUND), message
    assert (Plan.objects.count(), Organisation.objects.count()) == before

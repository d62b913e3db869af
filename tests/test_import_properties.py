"""Property tests: whatever a file holds, every importer gives a plan or a refusal.

Random and mutated versions of real exports (JSON, CSV, XLSX) and of read plans go
to `read_plan_bytes`, `read_changes_bytes` (and `apply_changes`) and `save_plan`;
each must end in a plan (or changes) or `ImportRefused` whose message a page can
show, never another exception, on SQLite and PostgreSQL alike. Hypothesis runs with
a fixed seed and a bounded number of examples (the "lanu" profile below).
"""

import copy
import csv
import dataclasses
import io
import json
from datetime import date

import openpyxl
import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lanu.importers import read_changes_bytes, read_plan_bytes
from lanu.importers.changes import apply_changes
from lanu.importers.data import ImportRefused, IndicatorDescriptionData, SectionData
from lanu.importers.save import save_plan
from lanu.importers.synthetic import build_plan, synthetic_plan_data
from lanu.plans.export import export_plan

settings.register_profile(
    "lanu",
    derandomize=True,  # the same examples on every run: a failure is repeatable
    max_examples=50,
    deadline=None,
    database=None,  # nothing written under .hypothesis/
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
LANU = settings.get_profile("lanu")

pytestmark = pytest.mark.django_db

# Values -------------------------------------------------------------------------------

TRICKY_TEXTS = [
    "",
    "I",
    "I.1",
    "x" * 301,
    "s" * 501,
    "a\x00b",
    "=SUM(A1)",
    '"; "\n,',
    "permanent",
    "easy",
    "other",
    "Organisaatio 1",
    "2024-01-31",
    "31.1.2024",
    "ÅÄÖ åäö",
    "\ufeff",
]
texts = st.text(max_size=12) | st.sampled_from(TRICKY_TEXTS)
numbers = st.integers(-3, 3) | st.sampled_from([0, 2024, 32768, 10**12, -(2**63), 2**64])
json_scalars = st.none() | st.booleans() | numbers | st.floats(allow_nan=False) | texts
json_values = st.recursive(
    json_scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=6,
)
python_values = json_values | st.dates() | st.lists(texts, max_size=3)


def atomic_attempt(write) -> None:
    """Write in a savepoint that is always rolled back: each example starts alike."""
    with transaction.atomic():
        try:
            write()
        except ImportRefused as refused:
            assert_shown(refused)
        transaction.set_rollback(True)


def assert_shown(refused: ImportRefused) -> None:
    """A refusal has problems, and a page can show each of them."""
    assert refused.problems
    str(refused).encode("utf-8")


def import_new(raw: bytes, name: str) -> None:
    try:
        data = read_plan_bytes(raw, name)
    except ImportRefused as refused:
        assert_shown(refused)
        return
    atomic_attempt(lambda: save_plan(data))


def import_into(raw: bytes, name: str, plan) -> None:
    try:
        found = read_changes_bytes(raw, name, plan)
    except ImportRefused as refused:
        assert_shown(refused)
        return
    atomic_attempt(lambda: apply_changes(found, None))


# JSON ---------------------------------------------------------------------------------


@pytest.fixture
def export(plan_of):
    """A real export (with a section and an indicator) of a plan of four actions."""
    plan = plan_of(4, organisations=2, slug="ominaisuus")
    plan.sections.create(kind="introduction", title="Johdanto", body="Teksti")
    plan.indicator_descriptions.create(number=1, name="Indikaattori", source="THL")
    return export_plan(plan)


def mutated(document, data) -> object:
    """The document with one to three values replaced, removed or wrapped in a list."""
    document = copy.deepcopy(document)
    for _n in range(data.draw(st.integers(1, 3))):
        parent, key = data.draw(st.sampled_from(list(places(document))))
        how = data.draw(st.sampled_from(["replace", "remove", "wrap"]))
        if how == "remove" and isinstance(parent, dict):
            parent.pop(key)
        elif how == "wrap":
            parent[key] = [parent[key]]
        else:
            parent[key] = data.draw(json_values)
    return document


def places(node):
    """Every (container, key) of a JSON document, depth first."""
    keys = node.keys() if isinstance(node, dict) else range(len(node))
    for key in list(keys):
        yield node, key
        if isinstance(node[key], dict | list) and node[key]:
            yield from places(node[key])


@LANU
@given(data=st.data())
def test_mutated_json_exports_import_or_are_refused(export, data):
    document = mutated(export, data)
    import_new(json.dumps(document).encode("utf-8"), "plan.json")


@LANU
@given(document=json_values, text=st.text(max_size=40))
def test_random_json_and_text_import_or_are_refused(document, text):
    import_new(json.dumps({"format": "lanu-plan/1", "plan": document}).encode(), "plan.json")
    import_new(text.encode("utf-8"), "plan.txt")


@LANU
@given(data=st.data())
def test_broken_json_texts_are_refused(export, data):
    text = json.dumps(export, ensure_ascii=False)
    at = data.draw(st.integers(0, len(text)))
    insert = data.draw(st.sampled_from(["", "[", "]", "{", '"', "\\", ",", "\x00", "9" * 5000]))
    text = text[:at] + insert + (text[at:] if data.draw(st.booleans()) else "")
    encoding = data.draw(st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]))
    import_new(text.encode(encoding, "surrogatepass"), "plan.json")


# A read plan to save_plan -------------------------------------------------------------


def plan_data():
    data = synthetic_plan_data(3, organisations=2, slug="satunnainen")
    data.sections = [SectionData("Johdanto", "Teksti", "introduction")]
    data.indicators = [IndicatorDescriptionData("Indikaattori", 1, "Ryhmä", "", "THL")]
    return data


def items_of(data) -> list:
    """The plan and every data class it holds."""
    found = [data, *data.organisations, *data.sections, *data.indicators, *data.goals]
    found += [sub for goal in data.goals for sub in goal.subgoals]
    found += data.actions + [metric for action in data.actions for metric in action.metrics]
    return found


@LANU
@given(data=st.data())
def test_read_plans_with_random_values_save_or_are_refused(data):
    plan = plan_data()
    items = items_of(plan)  # before any list is replaced by something else
    for _n in range(data.draw(st.integers(1, 4))):
        item = data.draw(st.sampled_from(items))
        field = data.draw(st.sampled_from([f.name for f in dataclasses.fields(item)]))
        setattr(item, field, data.draw(python_values))
    atomic_attempt(lambda: save_plan(plan))


# CSV ----------------------------------------------------------------------------------


@pytest.fixture
def plan_with_csv(client):
    plan = build_plan(4, organisations=2, slug="taulukko")
    url = reverse("plans:export-csv", args=[plan.slug])
    return plan, client.get(url).getvalue().decode("utf-8-sig")


cells = texts | st.sampled_from(["1", "999999", "-1", "I.1; II.2", "1.1.2024", "Pysyvä"])


@LANU
@given(data=st.data())
def test_mutated_csv_imports_into_its_plan_or_is_refused(plan_with_csv, data):
    plan, text = plan_with_csv
    rows = list(csv.reader(io.StringIO(text, newline="")))
    for _n in range(data.draw(st.integers(1, 4))):
        row = data.draw(st.sampled_from(rows))
        if row and data.draw(st.booleans()):
            row[data.draw(st.integers(0, len(row) - 1))] = data.draw(cells)
        else:
            row.append(data.draw(cells))
    separator = data.draw(st.sampled_from([",", ";", "\t"]))
    out = io.StringIO()
    csv.writer(out, delimiter=separator).writerows(rows)
    encoding = data.draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    raw = out.getvalue().encode(encoding, "replace")
    if data.draw(st.booleans()):
        raw = raw[: data.draw(st.integers(0, len(raw)))]
    import_into(raw, "actions.csv", plan)
    import_new(raw, "actions.csv")


# XLSX ---------------------------------------------------------------------------------


@pytest.fixture
def plan_with_xlsx(client):
    plan = build_plan(4, organisations=2, slug="excel")
    return plan, client.get(reverse("plans:export-xlsx", args=[plan.slug])).getvalue()


xlsx_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff")
    | st.sampled_from("\n\t"),
    max_size=12,
) | st.sampled_from([t for t in TRICKY_TEXTS if "\x00" not in t])
xlsx_values = (
    st.none()
    | st.booleans()
    | st.integers(-(2**40), 2**40)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.dates(date(1900, 3, 1), date(9999, 12, 31))
    | xlsx_text
)


@settings(LANU, max_examples=25)  # each example writes and reads a workbook twice
@given(data=st.data())
def test_mutated_xlsx_imports_or_is_refused(plan_with_xlsx, data):
    plan, raw = plan_with_xlsx
    book = openpyxl.load_workbook(io.BytesIO(raw))
    for _n in range(data.draw(st.integers(1, 4))):
        sheet = data.draw(st.sampled_from(book.worksheets))
        row, column = data.draw(st.integers(1, 7)), data.draw(st.integers(1, 16))
        sheet.cell(row=row, column=column, value=data.draw(xlsx_values))
    out = io.BytesIO()
    book.save(out)
    raw = out.getvalue()
    if data.draw(st.integers(0, 4)) == 0:
        at = data.draw(st.integers(0, len(raw) - 1))
        raw = raw[:at] + bytes([raw[at] ^ 0xFF]) + raw[at + 1 :]
    import_into(raw, "actions.xlsx", plan)
    import_new(raw, "actions.xlsx")

"""A plan's own CSV and XLSX import back into it with zero changes, in every encoding
and with every separator a spreadsheet program writes them in."""

import codecs
import importlib
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import translation

from lanu.importers import read_changes_bytes
from lanu.importers.data import (
    ActionData,
    GoalData,
    ImportRefused,
    MetricData,
    OrganisationData,
    PlanData,
    SubGoalData,
)
from lanu.importers.save import save_plan
from lanu.plans import spreadsheets
from lanu.plans.listing import plan_actions
from lanu.plans.models import Plan

pytestmark = pytest.mark.django_db
load_demo = importlib.import_module("lanu.demo.management.commands.load-demo")

TRICKY = [
    'Sanoi: "kyllä" ja ""ei""; sitten, pilkku\nToinen rivi\n\nKolmas rivi',
    "=SUMMA(A1:A2)",
    "+358 40 123 4567",
    "-5 % poissaoloista",
    "@nuorisopalvelut",
    "'=jo heittomerkki",
    "'lainausmerkki alussa",
    "Sarkain\tkeskellä; puolipiste",
    "ÅÄÖ åäö € “lainaus” – ajatusviiva",
    "rivinvaihto\r\nWindowsin tapaan",
]
ONE_LINE = [text for text in TRICKY if "\n" not in text]  # items and metrics: one per line


def tricky_plan() -> Plan:
    """A published plan whose every text cell holds something a CSV or Excel could break."""
    organisations = [OrganisationData('Yhdistys "Ilo"; ry, Kotka'), OrganisationData("=Kunta")]
    actions = [
        ActionData(
            organisation=organisations[n % 2].name,
            subgoals=["I.1", "II.1"][: 1 + n % 2],
            description=text,
            items=[ONE_LINE[n % len(ONE_LINE)], ONE_LINE[(n + 1) % len(ONE_LINE)]],
            metrics=[MetricData(ONE_LINE[(n + 2) % len(ONE_LINE)])],
            schedule=ONE_LINE[(n + 3) % len(ONE_LINE)],
            start_date=date(2024, 1, 31) if n % 2 else None,
            permanence=["permanent", "project", "pilot", "unknown"][n % 4],
            responsible=TRICKY[(n + 5) % len(TRICKY)],
            monitoring=TRICKY[(n + 6) % len(TRICKY)],
            ease=["", "easy", "hard"][n % 3],
            impact=["", "low", "high"][n % 3],
            notes=TRICKY[(n + 7) % len(TRICKY)],
        )
        for n, text in enumerate(TRICKY)
    ]
    goals = [
        GoalData(g, f"Tavoite {g}", subgoals=[SubGoalData("1", "Alatavoite")])
        for g in "I II".split()
    ]
    data = PlanData(
        name='Hankala "suunnitelma"; 2024',
        slug="hankala",
        period_start=2024,
        period_end=2027,
        published=True,
        organisations=organisations,
        goals=goals,
        actions=actions,
    )
    return save_plan(data)


def demo_plan(slug: str) -> Plan:
    """A seed plan as `load-demo` imports it."""
    load_demo.Command().load_plan(slug, load_demo.SEEDS, load_demo.DEMO_PLANS[slug])
    return Plan.objects.get(slug=slug)


PLANS = [*load_demo.DEMO_PLANS, "tricky"]


def plan_named(slug: str) -> Plan:
    return tricky_plan() if slug == "tricky" else demo_plan(slug)


def assert_no_changes(raw: bytes, name: str, plan: Plan) -> None:
    found = read_changes_bytes(raw, name, plan)
    assert [(u.row, [(c.key, c.old, c.new) for c in u.changes]) for u in found.updates] == []
    assert found.new_actions == []
    assert found.unchanged == plan.actions.count() > 0


@pytest.mark.parametrize("slug", PLANS)
def test_each_plans_own_exports_import_back_with_no_changes(client, slug):
    plan = plan_named(slug)
    csv_url = reverse("plans:export-csv", args=[plan.slug])
    xlsx_url = reverse("plans:export-xlsx", args=[plan.slug])
    assert_no_changes(client.get(csv_url).getvalue(), "actions.csv", plan)
    assert_no_changes(client.get(csv_url, {"sep": ";"}).getvalue(), "actions.csv", plan)
    assert_no_changes(client.get(xlsx_url).getvalue(), "actions.xlsx", plan)


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("slug", ["tricky", "lansi-uusimaa-2024-2026"])
def test_swedish_and_english_exports_import_back_with_no_changes(client, slug, language):
    """Headings and choices in the reader's language: the importer reads all three."""
    plan = plan_named(slug)
    with translation.override(language):
        csv_url = reverse("plans:export-csv", args=[plan.slug])
        xlsx_url = reverse("plans:export-xlsx", args=[plan.slug])
    raw = client.get(csv_url).getvalue()
    assert raw.decode("utf-8-sig").startswith("ID,Organisation,")
    assert_no_changes(raw, "actions.csv", plan)
    assert_no_changes(client.get(csv_url, {"sep": ";"}).getvalue(), "actions.csv", plan)
    assert_no_changes(client.get(xlsx_url).getvalue(), "actions.xlsx", plan)


def test_semicolon_csv_is_separated_by_semicolons_for_finnish_excel(client):
    plan = tricky_plan()
    raw = client.get(reverse("plans:export-csv", args=[plan.slug]), {"sep": ";"}).getvalue()
    heading = raw.decode("utf-8-sig").splitlines()[0]
    assert heading.split(";")[:3] == ["Tunniste", "Organisaatio", "Välitavoitteet"]
    other = client.get(reverse("plans:export-csv", args=[plan.slug]), {"sep": "x"}).getvalue()
    assert other.decode("utf-8-sig").startswith("Tunniste,Organisaatio,")


def csv_text(plan: Plan, separator: str) -> str:
    out = io.StringIO()
    spreadsheets.write_csv(out, plan_actions(plan), separator)
    return out.getvalue().removeprefix("\ufeff")


@pytest.mark.parametrize(
    "mark, encoding", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")]
)
def test_excel_unicode_text_utf16_tab_separated_imports_back(mark, encoding):
    plan = tricky_plan()
    assert_no_changes(mark + csv_text(plan, "\t").encode(encoding), "actions.txt", plan)


def test_utf8_without_byte_order_mark_imports_back():
    plan = tricky_plan()
    assert_no_changes(csv_text(plan, ",").encode("utf-8"), "actions.csv", plan)


def test_windows_1252_csv_from_finnish_excel_is_read():
    plan = tricky_plan()
    raw = csv_text(plan, ";").encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    assert_no_changes(raw, "actions.csv", plan)


def test_text_neither_utf8_nor_finnish_windows_1252_is_refused_by_name(in_english):
    plan = tricky_plan()
    raw = csv_text(plan, ",").encode("utf-8").replace(b"Yhdistys", b"Yhdistys \x81")
    with pytest.raises(ImportRefused, match=r"not UTF-8 text \(byte \d+\)"):
        read_changes_bytes(raw, "actions.csv", plan)


def test_a_broken_utf16_file_is_refused_by_its_encoding(in_english):
    plan = tricky_plan()
    raw = codecs.BOM_UTF16_LE + csv_text(plan, "\t").encode("utf-16-le") + b"\x00\xd8"
    with pytest.raises(ImportRefused, match=r"not valid UTF-16 text"):
        read_changes_bytes(raw, "actions.txt", plan)


def test_a_description_longer_than_the_csv_modules_default_limit_comes_back():
    plan = tricky_plan()
    plan.actions.filter(order=0).update(description="Pitkä kuvaus. " * 20_000)
    assert_no_changes(csv_text(plan, ",").encode("utf-8"), "actions.csv", plan)

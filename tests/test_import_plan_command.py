"""python -m lanu import-plan: the seeds, --dry-run, bad files, and the demo data."""

import io

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from lanu.plans.models import Action, Goal, Organisation, Plan, SubGoal

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "prefix, goals, subgoals, organisations",
    [("003", 3, 16, 11), ("002", 4, 12, 1), ("004", 4, 15, 1)],
)
def test_import_plan_creates_the_seed_plans(seed_path, prefix, goals, subgoals, organisations):
    call_command("import-plan", str(seed_path(prefix)), "--slug", "seed")
    plan = Plan.objects.get(slug="seed")
    assert plan.goals.count() == goals
    assert SubGoal.objects.filter(goal__plan=plan).count() == subgoals
    assert plan.organisations.count() == organisations
    with_actions = Organisation.objects.filter(actions__plan=plan).distinct().count()
    assert with_actions == organisations


def test_dry_run_prints_counts_and_writes_nothing(seed_path, capsys):
    call_command("import-plan", str(seed_path("003")), "--dry-run")
    out = capsys.readouterr().out
    assert "Kouvolan kaupunki: 16" in out
    assert "I Lasten, nuorten ja perheiden arjen hyvinvointi lisääntyy: 7" in out
    assert Plan.objects.count() == Goal.objects.count() == Action.objects.count() == 0
    assert Organisation.objects.count() == 0


def refused(path) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import-plan", str(path))
    assert Plan.objects.count() == Organisation.objects.count() == 0
    return str(error.value)


def test_empty_file_is_refused(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n")
    assert "empty.txt: Tiedosto on tyhjä." in refused(path)


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "plan.dat"
    path.write_bytes(b"LANU\x00\x01\x02binary")
    assert "plan.dat: Tiedosto ei ole tekstiasiakirja." in refused(path)


def test_damaged_pdf_is_refused_as_a_pdf(tmp_path):
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    assert "plan.pdf: PDF-tiedosto on vioittunut: sitä ei voi lukea." in refused(path)


def test_file_in_another_encoding_is_refused_with_its_line(tmp_path):
    """Neither UTF-8 nor Windows-1252 (0x81 is no character in either)."""
    path = tmp_path / "other.txt"
    path.write_bytes("Suunnitelma\nPäätavoite\n".encode("latin-1").replace(b"\xe4", b"\x81"))
    assert "other.txt:2: Tiedosto ei ole UTF-8-tekstiä" in refused(path)


def test_windows_1252_file_with_finnish_letters_is_read_as_such(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("Suunnitelma\nPäätavoite\n".encode("cp1252"))
    message = refused(path)
    assert "UTF-8" not in message
    assert "Suunnitelmaa ei tunnistettu" in message  # read, though not a plan


def test_file_with_no_recognisable_table_is_refused(tmp_path):
    path = tmp_path / "letter.txt"
    path.write_text("Hyvä vastaanottaja,\n\nkiitos viestistä.\n", encoding="utf-8")
    assert "letter.txt:1: Suunnitelmaa ei tunnistettu" in refused(path)


def test_invalid_json_is_refused_with_line_and_column(tmp_path):
    path = tmp_path / "plan.json"
    path.write_text('{"format": "lanu-plan/1",\n "plan": {,}}', encoding="utf-8")
    assert "plan.json:2:11: Tämä ei ole kelvollista JSONia" in refused(path)


def test_missing_file_is_refused(tmp_path):
    assert "Tiedostoa" in refused(tmp_path / "nothing.txt")


def test_html_in_a_document_is_shown_as_text(client, seed_path, tmp_path):
    text = seed_path("004").read_text(encoding="utf-8")
    evil = '<script>alert("x")</script><img src=x onerror=alert(1)>'
    path = tmp_path / "evil.txt"
    path.write_text(text.replace("Talousneuvolatoimintaa laajennetaan", evil, 1), "utf-8")
    call_command("import-plan", str(path), "--slug", "evil")
    Plan.objects.filter(slug="evil").update(published=True)
    action = Action.objects.get(description__contains="<script>")
    for url in [
        reverse("plans:action", args=["evil", action.pk]),
        reverse("plans:actions", args=["evil"]),
    ]:
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page


def test_load_demo_imports_the_seeds_once(capsys):
    call_command("load-demo")
    call_command("load-demo")
    assert set(Plan.objects.values_list("slug", flat=True)) == {
        "kymenlaakso-2020-2024",
        "espoo-2017-2021",
        "lansi-uusimaa-2024-2026",
    }
    assert Plan.objects.filter(published=True).count() == 3
    assert "already there" in capsys.readouterr().out


def test_load_demo_with_people_gives_each_demo_person_a_role(settings):
    settings.DEBUG = True
    call_command("load-demo", "--people")
    call_command("load-demo", "--people")
    from lanu.accounts.models import Membership

    roles = {(m.user.username, m.role, str(m.organisation)) for m in Membership.objects.all()}
    assert roles == {
        ("alice", "coordinator", "None"),
        ("bob", "editor", "Kymsote"),
        ("charlie", "editor", "Kouvolan kaupunki"),
        ("vera", "viewer", "None"),
    }


def test_demo_people_are_refused_outside_development(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        call_command("load-demo", "--people")


# A document people write: guessed by itself, the options give what it does not say

ROWS = [  # goal, sub-goal, action, responsible, metric
    ("1. Osallisuus", "1.1 Lapset kuullaan", "Lasten parlamentti", "Nuorisopalvelut", "Kokoukset"),
    ("", "", "Oppilaskuntien tuki", "Koulut", "Oppilaskunnat"),
    ("", "1.2 Perheet mukaan", "Perheiden ilta", "Perhekeskus", "Osallistujat"),
    (
        "2. Turvallisuus",
        "2.1 Turvallinen koulumatka",
        "Saattoliikenteen kävely",
        "Tekniset",
        "Kysely",
    ),
]
HEADERS = ("Painopiste", "Tavoite", "Toimenpide", "Vastuutaho", "Mittarit")


def word_plan(path, cover=(), headers=HEADERS, rows=ROWS):
    """A Word plan: cover paragraphs, then one action table."""
    import docx

    document = docx.Document()
    for text in cover:
        document.add_paragraph(text)
    table = document.add_table(rows=1 + len(rows), cols=len(headers))
    for place, text in enumerate(headers):
        table.cell(0, place).text = text
    for number, row in enumerate(rows, 1):
        for place, text in enumerate(row):
            table.cell(number, place).text = text
    document.save(path)
    return path


COVER = ("Raaseporin kaupunki", "Lasten ja nuorten hyvinvointisuunnitelma 2024–2026")


def command_error(*args) -> str:
    with pytest.raises(CommandError) as error:
        call_command("import-plan", *map(str, args), stdout=io.StringIO())
    assert Plan.objects.count() == Organisation.objects.count() == 0
    return str(error.value)


def test_a_word_plan_is_read_by_itself(tmp_path):
    call_command("import-plan", str(word_plan(tmp_path / "p.docx", COVER)), stdout=io.StringIO())
    plan = Plan.objects.get()
    assert plan.name == "Lasten ja nuorten hyvinvointisuunnitelma 2024–2026"
    assert (plan.period_start, plan.period_end) == (2024, 2026)
    assert [o.name for o in plan.organisations.all()] == ["Raaseporin kaupunki"]
    assert [a.description for a in plan.actions.order_by("order")] == [r[2] for r in ROWS]
    assert plan.goals.count() == 2 and SubGoal.objects.filter(goal__plan=plan).count() == 3


@pytest.mark.usefixtures("in_english")
def test_what_the_document_does_not_say_is_asked_for_by_its_option(tmp_path):
    message = command_error(word_plan(tmp_path / "p.docx"))
    assert 'Give it with --name "NAME".' in message
    assert "Give it with --period 2024-2026." in message
    assert 'Give it with --organisation "NAME"' in message


def test_the_options_give_name_period_and_organisations(tmp_path):
    path = word_plan(tmp_path / "p.docx")
    options = ["--name", "Inkoon suunnitelma", "--period", "2025–2028"]
    options += ["--organisation", "Inkoon kunta", "--organisation", "Inkoon seurakunta"]
    call_command("import-plan", str(path), *options, stdout=io.StringIO())
    plan = Plan.objects.get()
    assert (plan.name, plan.period_start, plan.period_end) == ("Inkoon suunnitelma", 2025, 2028)
    names = {o.name for o in plan.organisations.all()}
    assert names == {"Inkoon kunta", "Inkoon seurakunta"}
    assert {a.organisation.name for a in plan.actions.all()} == {"Inkoon kunta"}


def test_the_options_replace_the_documents_guesses(tmp_path):
    path = word_plan(tmp_path / "p.docx", COVER)
    call_command("import-plan", str(path), "--name", "Oma nimi", stdout=io.StringIO())
    assert Plan.objects.get().name == "Oma nimi"


@pytest.mark.parametrize("period", ["2024", "2026-2024", "vuodet 2024-2026", "24-26"])
def test_a_bad_period_is_refused_before_reading(tmp_path, period, in_english):
    message = command_error(word_plan(tmp_path / "p.docx", COVER), "--period", period)
    assert f"--period “{period}” is not a period" in message


def test_a_bad_period_is_refused_in_finnish(tmp_path):
    message = command_error(word_plan(tmp_path / "p.docx", COVER), "--period", "ensi vuonna")
    assert "--period “ensi vuonna” ei ole kausi" in message


UNKNOWN = ("Osa-alue", "Alaotsikko", "Mitä tehdään", "Kuka", "Miten seurataan")


def test_columns_give_the_roles_of_unknown_headers(tmp_path):
    path = word_plan(tmp_path / "p.docx", COVER, headers=UNKNOWN)
    assert "Osa-alue" in command_error(path)  # the tables found, for --columns
    roles = "goal,subgoal,action,responsible,metrics"
    call_command("import-plan", str(path), "--columns", roles, stdout=io.StringIO())
    plan = Plan.objects.get()
    assert [a.description for a in plan.actions.order_by("order")] == [r[2] for r in ROWS]
    assert plan.actions.get(description="Perheiden ilta").responsible == "Perhekeskus"


def test_columns_for_one_table_by_its_number(tmp_path):
    path = word_plan(tmp_path / "p.docx", COVER, headers=UNKNOWN)
    roles = "1:goal,subgoal,action,responsible,metrics"
    call_command("import-plan", str(path), "--columns", roles, stdout=io.StringIO())
    assert Plan.objects.get().actions.count() == len(ROWS)


def test_columns_chosen_are_kept_for_the_next_file_of_the_layout(tmp_path):
    path = word_plan(tmp_path / "p.docx", COVER, headers=UNKNOWN)
    roles = "goal,subgoal,action,responsible,metrics"
    call_command("import-plan", str(path), "--columns", roles, stdout=io.StringIO())
    call_command("import-plan", str(path), "--slug", "next-year", stdout=io.StringIO())
    assert Plan.objects.get(slug="next-year").actions.count() == len(ROWS)


def test_an_unknown_role_is_refused_listing_the_roles_in_finnish(tmp_path):
    path = word_plan(tmp_path / "p.docx", COVER)
    message = command_error(path, "--columns", "goal,subgoal,tehtävä,responsible,metrics")
    assert "”tehtävä” ei ole sarakkeen rooli; roolit ovat: goal, subgoal," in message


def test_the_ambiguity_answer_form_of_organisation_still_works_with_a_name(tmp_path):
    Organisation.objects.create(name="Raaseporin kaupunki B", aliases=["Raaseporin kaupunki"])
    Organisation.objects.create(name="Raaseporin kaupunki C", aliases=["Raaseporin kaupunki"])
    path = word_plan(tmp_path / "p.docx", COVER)
    answer = "Raaseporin kaupunki=Raaseporin kaupunki C"
    call_command("import-plan", str(path), "--organisation", answer, stdout=io.StringIO())
    plan = Plan.objects.get()
    assert [o.name for o in plan.organisations.all()] == ["Raaseporin kaupunki C"]


def test_a_seed_text_naming_no_organisation_takes_the_option(seed_path, tmp_path):
    text = seed_path("004").read_text(encoding="utf-8")
    cover = "Länsi-Uudenmaan hyvinvointialue  \nVästra Nylands välfärdsområde\n"
    title = "# Länsi-Uudenmaan hyvinvointialueen\n\n## Lasten ja nuorten hyvinvointisuunnitelma\n"
    path = tmp_path / "plan.txt"
    path.write_text(text.replace(cover, "\n").replace(title, "# Suunnitelma\n"), encoding="utf-8")
    with translation.override("en"):
        assert 'Give it with --organisation "NAME"' in command_error(path)
    call_command("import-plan", str(path), "--organisation", "Inkoon kunta", stdout=io.StringIO())
    plan = Plan.objects.get()
    assert plan.actions.filter(organisation__name="Inkoon kunta").count() == 50


def test_columns_for_a_table_the_document_lacks_are_refused(tmp_path, in_english):
    path = word_plan(tmp_path / "p.docx", COVER)
    message = command_error(path, "--columns", "4:goal,subgoal,action,responsible,metrics")
    assert "--columns 4:…: the document has no table 4 (it has 1)." in message


def test_columns_of_another_width_than_the_table_leave_it_as_guessed(tmp_path):
    path = word_plan(tmp_path / "p.docx", COVER)
    call_command("import-plan", str(path), "--columns", "goal,action", stdout=io.StringIO())
    assert Plan.objects.get().actions.count() == len(ROWS)


def test_a_table_given_too_few_roles_is_refused_with_its_columns(tmp_path, in_english):
    path = word_plan(tmp_path / "p.docx", COVER)
    message = command_error(path, "--columns", "1:goal,action")
    assert "has 5 columns, but 2 roles were given" in message


def bullet_plan(path):
    """A Word plan whose one action cell lists three actions as bullets."""
    import docx

    document = docx.Document()
    for text in COVER:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=3)
    for place, text in enumerate(("Tavoite", "Toimenpide", "Vastuutaho")):
        table.cell(0, place).text = text
    table.cell(1, 0).text = "1. Liikkuminen lisääntyy"
    cell = table.cell(1, 1)
    cell.text = "Harrastukset:"
    for text in ("Koulujen kerhot laajenevat", "Uimakoulu kaikille", "Liikuntaseteli nuorille"):
        cell.add_paragraph(text, style="List Bullet")
    table.cell(1, 2).text = "Liikuntapalvelut"
    document.save(path)
    return path


def test_bullets_flagged_as_actions_are_split_with_the_option(tmp_path):
    path = bullet_plan(tmp_path / "p.docx")
    out = io.StringIO()
    call_command("import-plan", str(path), "--slug", "one", stdout=out)
    assert Plan.objects.get(slug="one").actions.count() == 1
    key = out.getvalue().split("(--split-bullets ")[1].split(")")[0]  # as the flag prints it
    call_command("import-plan", str(path), "--slug", "split", "--split-bullets", key, stdout=out)
    call_command("import-plan", str(path), "--slug", "all", "--split-bullets", "all", stdout=out)
    for slug in ("split", "all"):
        actions = Plan.objects.get(slug=slug).actions.order_by("order")
        assert [a.description for a in actions] == [
            "Koulujen kerhot laajenevat",
            "Uimakoulu kaikille",
            "Liikuntaseteli nuorille",
        ]


@pytest.mark.usefixtures("in_english")
def test_the_option_for_what_is_missing_is_told_by_the_problems_kind_not_its_words():
    from lanu.importers.commands import problem_line
    from lanu.importers.data import Problem
    from lanu.importers.details import MissingDetail

    reworded = MissingDetail("Whose plan is this?", detail="organisation")
    assert 'Give it with --organisation "NAME"' in problem_line(reworded)
    words_alone = Problem("Name the plan: its name was not found on the first pages.")
    assert "--name" not in problem_line(words_alone)


def test_no_command_imports_a_view_module():
    """A command works without the web: what it shares with a view lives in its own module."""
    import ast
    from pathlib import Path

    import lanu

    commands = Path(lanu.__file__).parent.glob("*/management/commands/*.py")
    imported = {}
    for path in commands:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                names = [node.module or ""] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            views = [name for name in names if "views" in name.split(".")]
            if views:
                imported[path.name] = views
    assert imported == {}

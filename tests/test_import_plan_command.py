"""python -m lanu import-plan: the seeds, --dry-run, bad files, and the demo data."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

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
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.7\x00\x01\x02binary")
    assert "plan.pdf: Tiedosto ei ole tekstiasiakirja." in refused(path)


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

"""The full export is a backup: export-plan -> import-plan -> export-plan gives the same plan.

Coordinators get the full export (archived items flagged, the status scale,
rounds with reports, values, submissions, priorities and highlights, people);
everyone else the public one, which holds no draft, no archived item, nobody.
"""

import json
from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from lanu.accounts.models import Membership
from lanu.followup.models import (
    ActionReport,
    FollowUpRound,
    MetricValue,
    ReminderSent,
    Submission,
)
from lanu.followup.rounds import close_round, open_round
from lanu.followup.synthetic import build_rounds
from lanu.importers import read_plan
from lanu.importers.save import save_plan
from lanu.plans.models import Action, Plan

pytestmark = pytest.mark.django_db

DRAFT = "Luonnos: vielä kesken, ei julkinen"


def export(slug: str, *options) -> dict:
    out = StringIO()
    call_command("export-plan", slug, *options, stdout=out)
    return json.loads(out.getvalue())


def import_file(path, *options) -> str:
    out = StringIO()
    call_command("import-plan", str(path), *options, stdout=out)
    return out.getvalue()


def without_slug(document: dict) -> dict:
    document["plan"].pop("slug")
    return document


def beside(document: dict) -> dict:
    """The document as its copy restored beside it exports: no slug, and no short codes of
    the feedback forms (the copy's forms get new ones, the originals keep theirs)."""
    for form in document.get("feedback_forms", []):
        form.pop("code")
    return without_slug(document)


def round_trip(slug: str, tmp_path) -> tuple[dict, dict, str]:
    """The plan's full export, the export of its copy imported from it, the import's report."""
    document = export(slug)
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    report = import_file(path, "--slug", "copy")
    return beside(document), beside(export("copy")), report


def archive_some(plan: Plan) -> Action:
    """Archive a goal, a sub-goal of another goal and an action; link an action to it."""
    plan.goals.filter(number="III").update(archived=True)
    subgoal = plan.goals.get(number="II").subgoals.get(number="3")
    subgoal.archived = True
    subgoal.save()
    first = plan.actions.order_by("order").first()
    first.subgoals.add(subgoal)
    last = plan.actions.order_by("order").last()
    last.archived = True
    last.save()
    return last


@pytest.fixture
def busy(people):
    """The personas' plan with archived items, a closed 2024 round and an open 2025 one."""
    plan = people.plan
    closed, open_ = build_rounds(plan, years=(2024, 2025))
    archived = archive_some(plan)  # reported in both rounds, then archived
    FollowUpRound.objects.filter(pk=closed.pk).update(closed_by=people.alice, notes="Valmis")
    report = ActionReport.objects.get(round=open_, action=archived)
    report.account, report.continuation, report.updated_by = DRAFT, "changes", people.bob
    report.save()
    metrics = list(archived.metrics.order_by("order"))
    MetricValue.objects.create(report=report, metric=metrics[1], value=Decimal("12.5"))
    first = ActionReport.objects.get(round=closed, action=plan.actions.order_by("order").first())
    metric = first.action.metrics.order_by("order").first()
    MetricValue.objects.create(report=first, metric=metric, value=3)
    metric.archived = True  # as editing archives a metric that has values
    metric.save()
    Submission.objects.filter(round=open_).update(submitted_by=people.bob)
    remind(open_, people)
    return people


def remind(round_, people) -> None:
    """Two reminders of the round: to Charlie, and to an address whose account is gone."""
    for recipient, email, link in [
        (people.charlie, "charlie@example.fi", True),
        (None, "x@y.fi", False),
    ]:
        ReminderSent.objects.create(
            round=round_,
            organisation=people.second,
            recipient=recipient,
            email=email,
            sent_on=date(2026, 2, 2),
            sent_by=people.alice,
            with_password_link=link,
        )


def test_full_export_round_trips_archived_items_rounds_values_and_people(
    busy, tmp_path, in_english
):
    before, after, report = round_trip("yhteinen", tmp_path)
    assert after == before
    copy = Plan.objects.get(slug="copy")
    assert copy.goals.get(number="III").archived
    assert copy.actions.filter(archived=True).count() == 1
    assert copy.actions.order_by("order").first().subgoals.filter(archived=True).count() == 1
    open_ = copy.rounds.get(year=2025)
    assert open_.state == "open" and open_.reports.filter(account=DRAFT).count() == 1
    assert MetricValue.objects.filter(report__round__plan=copy).count() == 2
    closed = copy.rounds.get(year=2024)
    assert (
        closed.closed_by == busy.alice
        and closed.closed_at == busy.plan.rounds.get(year=2024).closed_at
    )
    assert closed.members.count() == busy.plan.rounds.get(year=2024).members.count() > 0
    assert copy.actions.order_by("order").first().metrics.filter(archived=True).count() == 1
    roles = set(copy.memberships.values_list("user__username", "role", "organisation__name"))
    assert ("bob", "editor", "Organisaatio 1") in roles and len(roles) == 4
    assert "4 memberships" in report


def test_reminders_sent_round_trip_with_who_when_and_to_whom(busy, tmp_path):
    before, after, _report = round_trip("yhteinen", tmp_path)
    assert after["rounds"][1]["reminders"] == before["rounds"][1]["reminders"]
    copied = ReminderSent.objects.filter(round__plan__slug="copy").order_by("email")
    original = ReminderSent.objects.filter(round__plan=busy.plan).order_by("email")
    assert [
        (r.organisation.name, r.recipient, r.email, r.sent_at, r.sent_on, r.sent_by) for r in copied
    ] == [
        (r.organisation.name, r.recipient, r.email, r.sent_at, r.sent_on, r.sent_by)
        for r in original
    ]
    assert [r.with_password_link for r in copied] == [True, False]
    assert copied[0].recipient == busy.charlie and copied[0].sent_by == busy.alice


def test_an_imported_round_stays_imported(busy, tmp_path):
    busy.plan.rounds.filter(year=2024).update(imported=True)
    round_trip("yhteinen", tmp_path)
    copied = FollowUpRound.objects.filter(plan__slug="copy")
    assert dict(copied.values_list("year", "imported")) == {2024: True, 2025: False}


def test_full_export_flags_what_the_public_one_leaves_out(busy):
    document = export("yhteinen")
    assert [goal["archived"] for goal in document["goals"]] == [False, False, True]
    assert sum(action["archived"] for action in document["actions"]) == 1
    assert "II.3" in document["actions"][0]["subgoals"]
    assert [level["name"] for level in document["status_levels"]][0] == "Ei aloitettu"
    assert [round_["year"] for round_ in document["rounds"]] == [2024, 2025]
    open_ = document["rounds"][1]
    draft = next(report for report in open_["reports"] if report["account"] == DRAFT)
    assert draft["values"] == [{"metric": 1, "value": "12.5000"}]
    assert draft["updated_by"] == "bob"
    assert {person["username"] for person in document["people"]} >= {"alice", "bob", "vera"}


def test_kymenlaakso_and_its_2023_round_round_trip(seed_path, tmp_path):
    plan = save_plan(read_plan(seed_path("003")), "kymenlaakso")
    call_command("import-round", str(seed_path("000")), "--plan", "kymenlaakso", "--year", "2023")
    archive_some(plan)
    before, after, _report = round_trip("kymenlaakso", tmp_path)
    assert after == before
    round_ = before["rounds"][0]
    assert (round_["year"], round_["state"], len(round_["highlights"])) == (2023, "closed", 46)
    assert any(p["organisation"] is None and p["prefix"] for p in round_["priorities"])
    assert len(round_["members"]) == len(before["actions"]) and round_["subgoals_at_closing"]
    linked = [action for action in after["actions"] if "II.3" in action["subgoals"]]
    assert len(linked) == len([a for a in before["actions"] if "II.3" in a["subgoals"]]) > 0


def test_a_file_from_before_rounds_said_imported_is_read_by_the_rounds_shape(
    seed_path, people, tmp_path
):
    """The Kymenlaakso 2023 round was written by import-round; the personas' 2024 round
    was run in Lanu and closed with no reports: only the first is taken as imported."""
    save_plan(read_plan(seed_path("003")), "kymenlaakso")
    call_command("import-round", str(seed_path("000")), "--plan", "kymenlaakso", "--year", "2023")
    ran = open_round(people.plan, 2024, date(2025, 1, 15), date(2025, 2, 28))
    close_round(ran)
    for slug in ("kymenlaakso", "yhteinen"):
        document = export(slug)
        for round_ in document["rounds"]:
            del round_["imported"]  # as files were written before
        path = tmp_path / f"{slug}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        import_file(path, "--slug", f"{slug}-old")
    copied = FollowUpRound.objects.filter(plan__slug__endswith="-old")
    assert sorted(copied.values_list("plan__slug", "imported")) == [
        ("kymenlaakso-old", True),
        ("yhteinen-old", False),
    ]


PUBLIC_KEYS = {"format", "plan", "organisations", "sections", "indicators", "goals", "actions"}


def public_document(client, plan) -> dict:
    response = client.get(reverse("plans:export-json", args=[plan.slug]))
    assert response.status_code == 200
    return json.loads(response.getvalue())


def leaks(document: dict) -> list[str]:
    text = json.dumps(document, ensure_ascii=False)
    words = (DRAFT, "bob", "alice", "example.fi", "archived", '"Mittari 0.1"')
    found = [word for word in words if word in text]
    return found + sorted(set(document) - PUBLIC_KEYS)


@pytest.mark.parametrize("name", [None, "vera", "bob", "mallory"])
def test_who_does_not_coordinate_gets_the_public_export_without_drafts_or_people(
    client, busy, name
):
    busy.plan.published = True
    busy.plan.save()
    if name:
        client.force_login(getattr(busy, name))
    document = public_document(client, busy.plan)
    assert leaks(document) == []
    assert len(document["actions"]) == busy.plan.actions.filter(archived=False).count()
    assert [goal["number"] for goal in document["goals"]] == ["I", "II"]


def test_a_coordinator_gets_the_full_export_at_the_same_address(client, busy):
    client.force_login(busy.alice)
    response = client.get(reverse("plans:export-json", args=[busy.plan.slug]))
    assert response["Cache-Control"] == "private, no-store"
    assert json.loads(response.getvalue()) == export("yhteinen")


def test_the_public_export_command_prints_what_the_public_reads(client, busy):
    busy.plan.published = True
    busy.plan.save()
    assert export("yhteinen", "--public") == public_document(client, busy.plan)


def test_unknown_people_get_accounts_without_a_password(busy, tmp_path, in_english):
    document = export("yhteinen")
    busy.vera.delete()
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    report = import_file(path, "--slug", "copy")
    vera = get_user_model().objects.get(username="vera")
    assert vera.email == "vera@example.fi" and not vera.has_usable_password()
    assert "New accounts without a password" in report and "vera" in report
    assert Membership.objects.filter(plan__slug="copy", user=vera, role="viewer").exists()


def spoiled(document: dict, where: str, value) -> dict:
    """The document with the value at a dotted path ("rounds.0.year") replaced."""
    *path, last = where.split(".")
    item = document
    for key in path:
        item = item[int(key)] if isinstance(item, list) else item[key]
    item[int(last) if isinstance(item, list) else last] = value
    return document


@pytest.mark.parametrize(
    "where, value, message",
    [
        ("rounds.0.year", 10**12, "rounds[0].year"),
        ("rounds.1.reports.0.account", "a\x00b", "rounds[1].reports[0].account"),
        ("rounds.1.reports.0.account", ["a list"], "rounds[1].reports[0].account"),
        ("rounds.1.reports.0.status", 99, "rounds[1].reports[0].status"),
        ("rounds.1.reports.0.action", 10**6, "rounds[1].reports[0].action"),
        ("rounds.1.reports.0.continuation", "forever", "rounds[1].reports[0].continuation"),
        ("rounds.0.state", "half-open", "rounds[0].state"),
        ("rounds.0.closed_at", "2025-03-31T12:00:00", "rounds[0].closed_at"),
        ("status_levels.0.name", "x" * 101, "status_levels[0].name"),
        ("memberships.0.role", "owner", "memberships[0].role"),
        ("people.0.username", "not a name!", "people[0].username"),
        ("rounds", "many", "rounds"),
        ("goals.0.archived", "yes", "archived"),
    ],
)
def test_a_spoiled_backup_is_refused_where_it_is_and_writes_nothing(
    busy, tmp_path, in_english, where, value, message
):
    document = spoiled(export("yhteinen"), where, value)
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    counts = (Plan.objects.count(), get_user_model().objects.count(), ActionReport.objects.count())
    with pytest.raises(CommandError) as error:
        import_file(path, "--slug", "copy")
    assert message in str(error.value)
    after = (Plan.objects.count(), get_user_model().objects.count(), ActionReport.objects.count())
    assert after == counts


def coordinated_plan_with_rounds(actions: int, people) -> Plan:
    from lanu.importers.synthetic import build_plan

    plan = build_plan(actions, organisations=3, slug=f"plan-{actions}")
    build_rounds(plan, years=(2024, 2025))
    for report in ActionReport.objects.filter(round__plan=plan)[:actions:2]:
        MetricValue.objects.create(report=report, metric=report.action.metrics.first(), value=1)
    Membership.objects.create(user=people.alice, plan=plan, role="coordinator")
    return plan


def test_the_full_export_runs_as_many_queries_for_a_large_plan_as_for_a_small_one(client, people):
    from tests.querycount import queries_for

    client.force_login(people.alice)
    small, large = (coordinated_plan_with_rounds(n, people) for n in (5, 40))
    counts = [
        queries_for(client, reverse("plans:export-json", args=[p.slug])) for p in (small, large)
    ]
    assert counts[0] == counts[1]


def test_a_backup_uploaded_on_the_web_says_its_rounds_and_people_are_not_brought_in(
    client, busy, in_english
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from lanu.importers.models import PendingImport

    document = json.dumps(export("yhteinen"), ensure_ascii=False).encode()
    client.force_login(busy.alice)
    upload = SimpleUploadedFile("backup.json", document)
    response = client.post(reverse("plans:import"), {"file": upload})
    assert response["Location"] == reverse(
        "plans:import-preview", args=[PendingImport.objects.get().pk]
    )
    page = client.get(response["Location"]).text
    assert "it also holds 2 follow-up rounds and 4 people" in page.replace("&#x27;", "'")
    assert "python -m lanu import-plan" in page


def test_the_command_restoring_a_backup_does_not_say_it_leaves_the_rounds(
    busy, tmp_path, in_english
):
    _before, _after, report = round_trip("yhteinen", tmp_path)
    assert "brings in the plan only" not in report

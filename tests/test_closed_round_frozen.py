"""A closed round stays as it was at closing, whatever is edited later (issue 8, problem 7).

The plan "yhteinen" of the `people` fixture (12 actions, 3 organisations) has a
2023 round, closed, in which actions 1-6 were reported. After the closing the
coordinator archives a reported action, a goal and a sub-goal, and moves an action
to another organisation and other sub-goals: the closed round's public progress
page, the coordinator's overview, the round's page and the organisation's report
show the same figures as before, the archived action still counted and marked.
"""

import io
import json
from datetime import date

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from lanu.followup.models import (
    ActionReport,
    FollowUpRound,
    MetricValue,
    RoundAction,
    Submission,
)
from lanu.followup.rounds import close_round, open_round
from lanu.importers import read_plan
from lanu.importers.save import save_plan
from lanu.plans.models import SubGoal
from tests.action_data import action_data, logged_in, url
from tests.html_tables import tables
from tests.querycount import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]
STATUSES = {1: "Käynnissä", 2: "Aloitettu", 3: "Käytössä", 4: "Käynnissä", 5: "Aloitettu"}


def action(plan, number: int):
    return plan.actions.get(order=number - 1)


@pytest.fixture
def closed(people):
    """The 2023 round, submitted and closed: actions 1-5 with a status, 6 with only an account."""
    plan = people.plan
    round_ = open_round(plan, 2023, date(2024, 1, 15), date(2024, 3, 31))
    for number, name in STATUSES.items():
        status = plan.status_levels.get(name=name)
        ActionReport.objects.create(round=round_, action=action(plan, number), status=status)
    ActionReport.objects.create(round=round_, action=action(plan, 6), account="Aloitettiin")
    for organisation in plan.organisations.all():  # submitted: the public page shows them
        Submission.objects.create(round=round_, organisation=organisation)
    return close_round(round_, people.alice)


PAGES = {
    "progress": lambda plan: reverse("followup:progress-year", args=[plan.slug, 2023]),
    "overview": lambda plan: reverse("followup:round-overview", args=[plan.slug, 2023]),
    "round": lambda plan: reverse("followup:round", args=[plan.slug, 2023]),
    "organisation 1": lambda plan: reverse(
        "followup:report-organisation", args=[plan.slug, 2023, plan.organisations.first().pk]
    ),
}


def pages(people) -> dict[str, dict]:
    """Every table of the closed round's pages, as a reader sees them."""
    client = logged_in(people.alice)
    found = {}
    for name, address in PAGES.items():
        response = client.get(address(people.plan))
        assert response.status_code == 200, name
        found[name] = tables(response)
    return found


def without_marks(found: dict) -> dict:
    """The tables with the "(archived)" marks of archived actions taken out."""
    return {
        name: {
            caption: [[cell.replace(" (archived)", "") for cell in row] for row in rows]
            for caption, rows in page.items()
        }
        for name, page in found.items()
    }


def post(people, address: str, data: dict) -> None:
    response = logged_in(people.alice).post(address, data)
    assert response.status_code == 302


def archive_action(people, number: int) -> None:
    target = action(people.plan, number)
    post(people, url("archive", target), {"version": target.version})


def archive_goal(people, number: str) -> None:
    goal = people.plan.goals.get(number=number)
    address = reverse("plans:goal-archive", args=[people.plan.slug, goal.pk])
    post(people, address, {"version": goal.version})


def archive_subgoal(people, key: str) -> None:
    goal, number = key.split(".")
    subgoal = SubGoal.objects.get(goal__plan=people.plan, goal__number=goal, number=number)
    address = reverse("plans:subgoal-archive", args=[people.plan.slug, subgoal.pk])
    post(people, address, {"version": subgoal.version})


def move_action(people, number: int, organisation, subgoal_keys: list[str]) -> None:
    target = action(people.plan, number)
    live = SubGoal.objects.filter(goal__plan=people.plan, archived=False, goal__archived=False)
    subgoals = [s.pk for s in live.select_related("goal") if s.key in subgoal_keys]
    data = action_data(target, organisation=organisation.pk, subgoals=subgoals)
    post(people, url("edit", target), data)


def test_the_progress_page_counts_the_round_as_closed(people, closed):
    found = pages(people)["progress"]
    assert found["The whole plan"][1][2:] == ["0", "2", "2", "1", "0", "7", "12"]


def test_archiving_a_reported_action_leaves_the_closed_round_as_it_was(people, closed):
    before = pages(people)
    archive_action(people, 1)
    after = pages(people)
    assert without_marks(after) == before
    progress_rows = after["progress"]["The status of each action in 2023"]
    assert progress_rows[1][:3] == [
        "1",
        f"{action(people.plan, 1).title} (archived)",
        "Organisaatio 1",
    ]
    report_rows = after["organisation 1"]["Actions and their reports"]
    assert report_rows[1][1].endswith("(archived)") and report_rows[1][2] == "Under way"


def test_archiving_a_goal_and_a_subgoal_leaves_the_closed_round_as_it_was(people, closed):
    before = pages(people)
    archive_goal(people, "I")
    archive_subgoal(people, "II.1")
    assert pages(people) == before


def test_moving_an_action_leaves_the_closed_rounds_distributions_as_they_were(people, closed):
    before = pages(people)
    move_action(people, 1, people.second, ["III.1"])
    move_action(people, 2, people.first, ["III.2"])
    assert action(people.plan, 1).organisation == people.second
    assert pages(people) == before


def test_an_open_round_follows_the_live_plan(people, closed):
    round_ = open_round(people.plan, 2024, date(2025, 1, 15), date(2025, 3, 31))
    archive_action(people, 1)
    client = logged_in(people.alice)
    overview = client.get(reverse("followup:round-overview", args=[people.plan.slug, 2024]))
    assert tables(overview)["The whole plan"][1][-1] == "11"
    close_round(round_)
    assert RoundAction.objects.filter(round=round_).count() == 11


def test_closing_writes_down_the_rounds_actions_and_subgoals(people, closed):
    members = RoundAction.objects.filter(round=closed)
    assert members.count() == 12
    first = members.get(action=action(people.plan, 1))
    assert first.organisation == people.first
    assert sorted(SubGoal.objects.get(pk=pk).key for pk in first.subgoals) == ["I.1", "I.2"]
    live = SubGoal.objects.filter(goal__plan=people.plan)
    assert sorted(closed.subgoals_at_closing) == sorted(live.values_list("pk", flat=True))


def test_an_action_archived_after_being_reported_counts_in_the_round_it_closes(people):
    round_ = open_round(people.plan, 2023, date(2024, 1, 15), date(2024, 3, 31))
    ActionReport.objects.create(round=round_, action=action(people.plan, 1), account="Päättyi")
    archive_action(people, 1)
    archive_action(people, 2)  # archived with no report: not in the round
    close_round(round_)
    counted = set(RoundAction.objects.filter(round=round_).values_list("action__order", flat=True))
    assert counted == set(range(12)) - {1}


def test_a_closed_rounds_archived_action_report_can_still_be_read(people, closed):
    archive_action(people, 1)
    address = reverse(
        "followup:report-action", args=[people.plan.slug, 2023, action(people.plan, 1).pk]
    )
    assert logged_in(people.alice).get(address).status_code == 200


def test_closed_round_pages_run_as_many_queries_for_a_larger_plan(admin_client, plan_of):
    addresses = []
    for size in (5, 40):
        plan = plan_of(size, organisations=3, slug=f"plan-{size}")
        round_ = open_round(plan, 2023, date(2024, 1, 15), date(2024, 3, 31))
        for n, target in enumerate(plan.actions.all()):
            level = plan.status_levels.all()[n % 4]
            ActionReport.objects.create(round=round_, action=target, status=level)
        close_round(round_)
        target.archived = True
        target.save()
        addresses.append({name: address(plan) for name, address in PAGES.items()})
    for name in PAGES:
        small, large = (queries_for(admin_client, found[name]) for found in addresses)
        assert small == large, name
    assert FollowUpRound.objects.filter(state="closed").count() == 2


def test_import_round_writes_down_the_rounds_actions(seed_path):
    plan = save_plan(read_plan(seed_path("003")), "kymenlaakso")
    plan.published = True
    plan.save()
    options = ["--plan", "kymenlaakso", "--year", "2023"]
    call_command("import-round", str(seed_path("000")), *options, stdout=io.StringIO())
    round_ = plan.rounds.get(year=2023)
    assert round_.is_closed
    assert round_.members.count() == plan.actions.count() > 100
    archived = plan.actions.first()
    archived.archived = True
    archived.save()
    response = Client().get(reverse("followup:progress", args=["kymenlaakso"]))
    assert f"({plan.actions.count()} actions)" in response.content.decode()


def test_a_backup_restores_the_closed_round_as_it_was_closed(people, closed, tmp_path):
    reported = ActionReport.objects.get(round=closed, action=action(people.plan, 3))
    removed = action(people.plan, 3).metrics.first()
    MetricValue.objects.create(report=reported, metric=removed, value=7)
    target = action(people.plan, 3)
    post(people, url("edit", target), action_data(target, metrics="Mittari 2.2 *"))
    archive_action(people, 1)
    move_action(people, 2, people.first, ["III.2"])
    before = pages(people)
    document = exported("yhteinen")
    assert document["archived_metrics"] == [{"action": 2, "metric": 0}]
    assert document["rounds"][0]["members"][1] == {
        "action": 1,
        "organisation": "Organisaatio 2",
        "subgoals": ["I.2", "I.3"],
    }
    path = tmp_path / "backup.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    call_command("import-plan", str(path), "--slug", "copy", stdout=io.StringIO())
    copy = people.plan.__class__.objects.get(slug="copy")
    assert copy.actions.get(order=2).metrics.get(text="Mittari 2.1").archived
    people.plan = copy
    assert pages(people) == before
    again = exported("copy")
    for found in (document, again):
        found["plan"].pop("slug")
    assert again == document


def exported(slug: str) -> dict:
    out = io.StringIO()
    call_command("export-plan", slug, stdout=out)
    return json.loads(out.getvalue())

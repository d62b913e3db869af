"""Organisations report their actions in the open round: nothing lost, nothing into a closed one."""

import datetime
import threading
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from lanu.followup.models import (
    ActionReport,
    AddedPriority,
    FollowUpRound,
    JointHighlight,
    MetricValue,
    Submission,
)
from lanu.followup.rounds import close_round, open_round
from lanu.history.records import changes_of
from tests.querycount import queries_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

JAN, FEB = datetime.date(2024, 1, 15), datetime.date(2024, 2, 29)
CONFLICT = "Someone else saved this while you were editing it"
CLOSED = "The follow-up round 2023 is closed: reports can no longer be saved."


@pytest.fixture
def round_(people):
    return open_round(people.plan, 2023, JAN, FEB)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def action_of(people, organisation):
    return people.plan.actions.filter(organisation=organisation).order_by("order").first()


def report_url(action, year=2023) -> str:
    return reverse("followup:report-action", args=[action.plan.slug, year, action.pk])


def organisation_url(name: str, people, organisation, year=2023) -> str:
    return reverse(f"followup:{name}", args=[people.plan.slug, year, organisation.pk])


def report_data(action, version="", **changes) -> dict:
    level = action.plan.status_levels.get(name="Käynnissä")
    data = {"status": level.pk, "account": "Ryhmiä pidettiin 12.", "continuation": "continues"}
    metrics = list(action.metrics.order_by("order"))
    data[f"metric_{metrics[0].pk}"] = "12,5"
    return {**data, "version": version, "loaded": "", **changes}


def test_bob_reports_his_action_with_a_decimal_comma(people, round_):
    action = action_of(people, people.first)
    bob = logged_in(people.bob)
    form = bob.get(report_url(action))
    assert form.status_code == 200 and "Under way" in form.text
    assert 'src="/static/js/report.js"' in form.text and "<script>" not in form.text
    response = bob.post(report_url(action), report_data(action))
    assert response.status_code == 302
    report = ActionReport.objects.get(round=round_, action=action)
    assert (report.status.name, report.account, report.continuation) == (
        "Käynnissä",
        "Ryhmiä pidettiin 12.",
        "continues",
    )
    assert report.version == 1 and report.updated_by == people.bob
    assert [v.value for v in MetricValue.objects.filter(report=report)] == [Decimal("12.5")]
    page = bob.get(response.url)
    assert "Saved " in page.text and "Ryhmiä pidettiin 12.</textarea>" in page.text
    assert response.url.endswith(f"#report-{action.pk}")  # back at the action on the one page
    assert changes_of(report).get().user == people.bob


@pytest.mark.parametrize(
    "typed, value",
    [("12,5", "12.5"), ("1 234,75", "1234.75"), ("1\u00a0000", "1000"), ("0.5", "0.5")],
)
def test_metric_values_accept_finnish_numbers(people, round_, typed, value):
    action = action_of(people, people.first)
    metric = action.metrics.order_by("order").first()
    data = report_data(action, **{f"metric_{metric.pk}": typed})
    assert logged_in(people.bob).post(report_url(action), data).status_code == 302
    assert MetricValue.objects.get(metric=metric).value == Decimal(value)


def test_a_metric_value_that_is_no_number_is_refused(people, round_):
    action = action_of(people, people.first)
    metric = action.metrics.order_by("order").first()
    response = logged_in(people.bob).post(
        report_url(action), report_data(action, **{f"metric_{metric.pk}": "paljon"})
    )
    assert response.status_code == 400 and "Enter a number." in response.text
    assert not ActionReport.objects.exists()


def test_saving_again_updates_the_one_row_and_blank_removes_a_value(people, round_):
    action = action_of(people, people.first)
    metric = action.metrics.order_by("order").first()
    bob = logged_in(people.bob)
    bob.post(report_url(action), report_data(action))
    form = bob.get(report_url(action))
    assert 'name="version" value="1"' in form.text and 'value="12,5"' not in form.text  # English
    data = report_data(action, version=1, account="Ryhmiä pidettiin 14.")
    data[f"metric_{metric.pk}"] = ""
    assert bob.post(report_url(action), data).status_code == 302
    report = ActionReport.objects.get()
    assert (report.account, report.version) == ("Ryhmiä pidettiin 14.", 2)
    assert not MetricValue.objects.exists()


def test_each_editor_reports_only_their_own_organisations_actions(people, round_):
    bobs, charlies = action_of(people, people.first), action_of(people, people.second)
    bob, charlie = logged_in(people.bob), logged_in(people.charlie)
    assert charlie.post(report_url(charlies), report_data(charlies)).status_code == 302
    for client, other in ((bob, charlies), (charlie, bobs)):
        assert client.get(report_url(other)).status_code == 403
        assert client.post(report_url(other), report_data(other)).status_code == 403
    assert (
        bob.get(organisation_url("report-organisation", people, people.second)).status_code == 403
    )
    assert list(ActionReport.objects.values_list("action", flat=True)) == [charlies.pk]


def test_organisation_page_lists_only_its_actions_with_their_state(people, round_):
    action = action_of(people, people.first)
    ActionReport.objects.create(
        round=round_,
        action=action,
        account="Tehtiin",
        status=people.plan.status_levels.get(order=3),
    )
    page = logged_in(people.bob).get(organisation_url("report-organisation", people, people.first))
    assert page.status_code == 200
    actions = people.plan.actions.filter(organisation=people.first)
    assert all(a.title in page.text for a in actions)
    others = people.plan.actions.exclude(organisation=people.first)
    assert not any(f'/actions/{a.pk}/"' in page.text for a in others)
    assert "In use" in page.text and "3 actions have no report yet." in page.text


def test_viewer_reads_reports_but_cannot_report(people, round_):
    vera = logged_in(people.vera)
    action = action_of(people, people.first)
    assert (
        vera.get(organisation_url("report-organisation", people, people.first)).status_code == 200
    )
    assert (
        "Submit the organisation"
        not in vera.get(organisation_url("report-organisation", people, people.first)).text
    )
    assert vera.get(report_url(action)).status_code == 403
    assert vera.post(report_url(action), report_data(action)).status_code == 403
    assert not ActionReport.objects.exists()


def test_autosave_answers_in_json(people, round_):
    action = action_of(people, people.first)
    response = logged_in(people.bob).post(
        report_url(action), report_data(action), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 200
    answer = response.json()
    assert answer["message"].startswith("Saved ") and answer["version"] == 1
    assert '"account": "Ryhmi' in answer["loaded"]


def test_two_editors_saving_one_report_the_second_gets_the_conflict(people, round_):
    action = action_of(people, people.first)
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    for client in (bob, alice):
        assert client.get(report_url(action)).context["form"]["version"].value() is None
    first = bob.post(report_url(action), report_data(action, account="Bobin teksti"))
    assert first.status_code == 302
    second = alice.post(report_url(action), report_data(action, account="Alicen teksti"))
    assert second.status_code == 409
    assert CONFLICT in second.text and "Bobin teksti" in second.text  # what bob saved
    assert "Alicen teksti</textarea>" in second.text  # her own text kept in the form
    report = ActionReport.objects.get()
    assert (report.account, report.version) == ("Bobin teksti", 1)
    again = alice.post(report_url(action), report_data(action, version=1, account="Alicen teksti"))
    assert again.status_code == 302
    assert ActionReport.objects.get().account == "Alicen teksti"


def test_autosave_conflict_says_so_in_json(people, round_):
    action = action_of(people, people.first)
    logged_in(people.alice).post(report_url(action), report_data(action))
    response = logged_in(people.bob).post(
        report_url(action), report_data(action, account="Bob"), HTTP_ACCEPT="application/json"
    )
    assert response.status_code == 409 and response.json()["conflict"] is True
    assert ActionReport.objects.get().account == "Ryhmiä pidettiin 12."


def report_state() -> tuple:
    reports = tuple(ActionReport.objects.values_list("pk", "version", "account", "status"))
    values = tuple(MetricValue.objects.values_list("report", "metric", "value"))
    counts = tuple(m.objects.count() for m in (Submission, AddedPriority, JointHighlight))
    return reports, values, counts


def test_saving_after_the_round_closed_is_refused_with_the_text_shown_back(people, round_):
    action = action_of(people, people.first)
    bob = logged_in(people.bob)
    bob.post(report_url(action), report_data(action))
    close_round(round_, people.alice)
    before = report_state()
    data = report_data(action, version=1, account="Myöhässä kirjoitettu teksti")
    response = bob.post(report_url(action), data)
    assert response.status_code == 409
    assert CLOSED in response.text
    assert "Myöhässä kirjoitettu teksti</textarea>" in response.text  # to copy
    assert report_state() == before
    autosave = bob.post(report_url(action), data, HTTP_ACCEPT="application/json")
    assert autosave.status_code == 409 and autosave.json()["error"] == CLOSED
    assert report_state() == before
    page = bob.get(report_url(action))
    assert "The round is closed" in page.text and "data-autosave" not in page.text
    assert "Ryhmiä pidettiin 12." in page.text  # the saved report, read only


def test_submitting_the_organisations_report_and_correcting_after(people, round_):
    action = action_of(people, people.first)
    bob = logged_in(people.bob)
    url = organisation_url("report-submit", people, people.first)
    response = bob.post(url, {"confirm": "yes"}, follow=True)  # none reported: confirmed
    assert "The report was submitted. You can still correct it until the round closes" in (
        response.text
    )
    submission = Submission.objects.get()
    assert (submission.organisation, submission.submitted_by) == (people.first, people.bob)
    assert bob.post(report_url(action), report_data(action)).status_code == 302  # still corrects
    again = bob.post(organisation_url("report-submit", people, people.first), follow=True)
    assert "The report was already submitted on" in again.text
    assert Submission.objects.count() == 1
    close_round(round_)
    late = bob.post(organisation_url("report-submit", people, people.second), follow=True)
    assert late.status_code == 403  # not bob's organisation
    assert Submission.objects.count() == 1


def test_submitting_into_a_closed_round_is_refused(people, round_):
    close_round(round_)
    response = logged_in(people.charlie).post(
        organisation_url("report-submit", people, people.second), follow=True
    )
    assert CLOSED in response.text
    assert not Submission.objects.exists()


def subgoal_field(people, key="I.1") -> tuple:
    goal, number = key.split(".")
    subgoal = people.plan.goals.get(number=goal).subgoals.get(number=number)
    return subgoal, f"subgoal_{subgoal.pk}"


def texts_form(client, url) -> dict:
    page = client.get(url)
    assert page.status_code == 200
    loaded = page.context["form"]["loaded"].value()
    return {"loaded": loaded}


def test_organisation_adds_priorities_for_the_coming_year(people, round_):
    bob = logged_in(people.bob)
    url = organisation_url("report-priorities", people, people.first)
    subgoal, field = subgoal_field(people)
    data = texts_form(bob, url) | {field: "Perhekeskusten verkosto\n\nNuorten osallisuus"}
    assert bob.post(url, data).status_code == 302
    rows = AddedPriority.objects.filter(round=round_, subgoal=subgoal, organisation=people.first)
    assert [(r.text, r.prefix) for r in rows] == [
        ("Perhekeskusten verkosto", "Organisaatio 1"),
        ("Nuorten osallisuus", "Organisaatio 1"),
    ]
    assert "Perhekeskusten verkosto" in bob.get(url).text
    assert logged_in(people.charlie).post(url, data).status_code == 403


def test_priorities_saved_meanwhile_are_not_overwritten(people, round_):
    url = organisation_url("report-priorities", people, people.first)
    _subgoal, field = subgoal_field(people)
    bob, alice = logged_in(people.bob), logged_in(people.alice)
    bobs, alices = texts_form(bob, url), texts_form(alice, url)
    assert bob.post(url, bobs | {field: "Bobin painopiste"}).status_code == 302
    refused = alice.post(url, alices | {field: "Alicen painopiste"})
    assert refused.status_code == 409
    assert "Someone else saved these while you were editing them" in refused.text
    assert "Bobin painopiste" in refused.text and "Alicen painopiste</textarea>" in refused.text
    assert list(AddedPriority.objects.values_list("text", flat=True)) == ["Bobin painopiste"]
    merged = refused.context["form"]["loaded"].value()
    again = alice.post(url, {"loaded": merged, field: "Alicen painopiste"})
    assert again.status_code == 302
    assert list(AddedPriority.objects.values_list("text", flat=True)) == ["Alicen painopiste"]


def test_coordinator_writes_joint_highlights(people, round_):
    alice = logged_in(people.alice)
    url = reverse("followup:round-highlights", args=[people.plan.slug, 2023])
    subgoal, field = subgoal_field(people, "II.3")
    response = alice.post(url, texts_form(alice, url) | {field: "Yhteinen koulutus"})
    assert response.status_code == 302
    assert list(JointHighlight.objects.values_list("subgoal", "text")) == [
        (subgoal.pk, "Yhteinen koulutus")
    ]
    assert logged_in(people.bob).get(url).status_code == 403


def test_texts_after_the_round_closed_are_refused_and_shown_back(people, round_):
    alice = logged_in(people.alice)
    url = reverse("followup:round-highlights", args=[people.plan.slug, 2023])
    data = texts_form(alice, url) | {subgoal_field(people)[1]: "Myöhäinen nosto"}
    close_round(round_)
    response = alice.post(url, data)
    assert response.status_code == 409 and CLOSED in response.text
    assert "Myöhäinen nosto</textarea>" in response.text
    assert not JointHighlight.objects.exists()


# Two people saving one report at the same moment: exactly one wins, nothing duplicated.


@pytest.mark.django_db(transaction=True)
def test_two_threads_saving_one_new_report_at_once(people):
    round_ = open_round(people.plan, 2023, JAN, FEB)
    action = action_of(people, people.first)
    barrier = threading.Barrier(2)
    statuses = {}

    def save(user, text):
        client = logged_in(user)
        data = report_data(action, account=text)
        barrier.wait()
        try:
            statuses[text] = client.post(report_url(action), data).status_code
        finally:
            connection.close()

    threads = [
        threading.Thread(target=save, args=(people.bob, "Bobin teksti")),
        threading.Thread(target=save, args=(people.alice, "Alicen teksti")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses.values()) == [302, 409]
    winner = next(text for text, status in statuses.items() if status == 302)
    report = ActionReport.objects.get(round=round_, action=action)  # still one row
    assert (report.account, report.version) == (winner, 1)
    assert MetricValue.objects.filter(report=report).count() == 1


# Query counts of the list pages do not grow with the number of actions.


def round_pages(plan, coordinator) -> list[str]:
    open_round(plan, 2023, JAN, FEB)
    FollowUpRound.objects.get(plan=plan)
    organisation = plan.actions.order_by("order").first().organisation
    action = plan.actions.filter(organisation=organisation).first()
    client = logged_in(coordinator)
    for reported in plan.actions.filter(organisation=organisation)[:5]:
        client.post(report_url(reported), report_data(reported))
    args = [plan.slug, 2023]
    return [
        reverse("followup:rounds", args=[plan.slug]),
        reverse("followup:round", args=args),
        reverse("followup:round-close", args=args),
        reverse("followup:round-highlights", args=args),
        reverse("followup:report-organisation", args=[*args, organisation.pk]),
        reverse("followup:report-priorities", args=[*args, organisation.pk]),
        reverse("followup:report-action", args=[*args, action.pk]),
    ]


def test_round_pages_query_count_does_not_grow_with_the_actions(plan_of, django_user_model):
    from lanu.accounts.models import Membership

    alice = django_user_model.objects.create_user("alice", "alice@example.fi", "x")
    counts = []
    for size in (10, 100):
        plan = plan_of(size, organisations=3, slug=f"plan-{size}")
        Membership.objects.create(user=alice, plan=plan, role="coordinator")
        client = logged_in(alice)
        counts.append([queries_for(client, url) for url in round_pages(plan, alice)])
    assert counts[0] == counts[1]


def test_a_viewer_reads_an_organisations_report_only_once_submitted(people, round_):
    action = action_of(people, people.first)
    logged_in(people.bob).post(report_url(action), report_data(action))
    vera, page = (
        logged_in(people.vera),
        organisation_url("report-organisation", people, people.first),
    )
    text = vera.get(page).text
    assert "Ryhmiä pidettiin 12." not in text and "has not submitted its report yet" in text
    assert "Ryhmiä pidettiin 12." in logged_in(people.alice).get(page).text  # the coordinator
    Submission.objects.create(round=round_, organisation=people.first)
    assert "Ryhmiä pidettiin 12." in vera.get(page).text

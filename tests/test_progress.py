"""The public progress page of a plan: its closed follow-up rounds only, never an open one."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from lanu.followup.models import (
    ActionReport,
    AddedPriority,
    JointHighlight,
    MetricValue,
    Submission,
)
from lanu.followup.rounds import close_round, open_round
from lanu.followup.synthetic import build_rounds
from lanu.plans.models import Metric, SubGoal
from tests.html_tables import tables
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db
LEVELS = ["Not started", "Started", "Under way", "In use", "Will not be realised"]


def report(round_, number, status):
    ActionReport.objects.create(
        round=round_,
        action=round_.plan.actions.get(order=number - 1),
        status=round_.plan.status_levels.get(name=status),
    )


def new_round(plan, year, statuses: dict[int, str], closed=True, submitted=None):
    """A round with the statuses reported; the organisations named submit (default: all)."""
    round_ = open_round(plan, year, date(year + 1, 1, 15), date(year + 1, 3, 31))
    for number, status in statuses.items():
        report(round_, number, status)
    organisations = plan.organisations.all()
    if submitted is not None:
        organisations = organisations.filter(name__in=submitted)
    for organisation in organisations:
        Submission.objects.create(round=round_, organisation=organisation)
    return close_round(round_) if closed else round_


@pytest.fixture
def plan(plan_of):
    """A published plan of 6 actions: two closed rounds, 2023 and 2024, and 2025 open."""
    plan = plan_of(6, organisations=2, slug="julkinen")
    new_round(plan, 2023, {1: "Aloitettu", 2: "Aloitettu", 3: "Käynnissä"})
    new_round(plan, 2024, {1: "Käynnissä", 2: "Käytössä", 3: "Käytössä", 4: "Aloitettu"})
    new_round(plan, 2025, {n: "Ei toteudu" for n in range(1, 7)}, closed=False)
    return plan


def progress(client, plan, year=None):
    args = [plan.slug, year] if year else [plan.slug]
    response = client.get(
        reverse("followup:progress-year" if year else "followup:progress", args=args)
    )
    assert response.status_code == 200
    return response


def counts(row) -> list[str]:
    return row[2:]


def test_progress_shows_the_latest_closed_round(client, plan, in_english):
    found = tables(progress(client, plan))
    assert counts(found["The whole plan"][1]) == ["0", "1", "1", "2", "0", "2", "6"]
    assert "The status of each action in 2024" in found


def test_progress_never_shows_an_open_round(client, plan, in_english):
    page = progress(client, plan).content.decode()
    assert "Will not be realised 6" not in page and "2025" not in page
    url = reverse("followup:progress-year", args=[plan.slug, 2025])
    assert client.get(url).status_code == 404


def test_progress_of_an_earlier_closed_round(client, plan, in_english):
    found = tables(progress(client, plan, 2023))
    assert counts(found["The whole plan"][1]) == ["0", "2", "1", "0", "0", "3", "6"]


def test_progress_shows_the_status_of_each_action(client, plan, in_english):
    rows = tables(progress(client, plan))["The status of each action in 2024"]
    assert rows[0] == [
        "No.",
        "Action",
        "Organisation",
        "Sub-goal",
        "Status",
        "What was done",
        "Metrics",
    ]
    assert [(row[0], row[2], row[4]) for row in rows[1:]] == [
        ("1", "Organisaatio 1", "Under way"),
        ("2", "Organisaatio 2", "In use"),
        ("3", "Organisaatio 1", "In use"),
        ("4", "Organisaatio 2", "Started"),
        ("5", "Organisaatio 1", "Not reported"),
        ("6", "Organisaatio 2", "Not reported"),
    ]
    assert rows[1][3] == "I.1, I.2"


def test_progress_shows_the_status_per_subgoal(client, plan, in_english):
    rows = tables(progress(client, plan))["Status of the actions of Main goal I"]
    by_label = {row[0]: counts(row) for row in rows[1:]}
    assert by_label["I.2 Välitavoite I.2"] == ["0", "0", "1", "1", "0", "0", "2"]
    assert by_label["Main goal I"] == ["0", "1", "1", "2", "0", "1", "5"]


def test_progress_shows_the_trend_of_the_closed_rounds(client, plan, in_english):
    response = progress(client, plan)
    rows = tables(response)["Actions per reported status level per year"]
    assert rows == [
        ["Year", *LEVELS, "Actions with a status"],
        ["2023", "0", "2", "1", "0", "0", "3"],
        ["2024", "0", "1", "1", "2", "0", "4"],
    ]
    assert '<svg class="trend-chart" role="img"' in response.content.decode()


def test_progress_shows_joint_highlights_and_added_priorities(client, plan, in_english):
    round_ = plan.rounds.get(year=2024)
    subgoal = plan.goals.get(number="I").subgoals.get(number="2")
    organisation = plan.organisations.get(name="Organisaatio 1")
    JointHighlight.objects.create(round=round_, subgoal=subgoal, text="Yhdessä-tiimit käynnissä")
    AddedPriority.objects.create(
        round=round_, subgoal=subgoal, organisation=organisation, text="Perhekeskus"
    )
    AddedPriority.objects.create(
        round=round_, subgoal=subgoal, prefix="Kletu", text="Eroauttaminen"
    )
    page = progress(client, plan).content.decode()
    assert "<li>Yhdessä-tiimit käynnissä</li>" in page
    assert "<li><strong>Organisaatio 1:</strong> Perhekeskus</li>" in page
    assert "<li><strong>Kletu:</strong> Eroauttaminen</li>" in page
    assert "Added priorities for 2025" in page


def test_progress_without_a_closed_round_says_so(client, plan_of, in_english):
    plan = plan_of(3, slug="uusi")
    new_round(plan, 2024, {1: "Käytössä"}, closed=False)
    page = progress(client, plan).content.decode()
    assert "No follow-up round of this plan has been closed yet." in page
    assert "In use" not in page


def test_plan_page_links_to_the_progress_once_a_round_is_closed(client, plan_of, in_english):
    plan = plan_of(3, slug="uusi")
    link = reverse("followup:progress", args=[plan.slug])
    round_ = new_round(plan, 2024, {1: "Käytössä"}, closed=False)
    assert link not in client.get(plan.get_absolute_url()).content.decode()
    close_round(round_)
    assert link in client.get(plan.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "persona, status",
    [("alice", 200), ("bob", 200), ("vera", 200), ("mallory", 404), (None, 404)],
)
def test_progress_of_an_unpublished_plan_is_for_its_members(client, people, persona, status):
    new_round(people.plan, 2024, {1: "Käytössä"})
    if persona:
        client.force_login(getattr(people, persona))
    assert client.get(reverse("followup:progress", args=["yhteinen"])).status_code == status


def add_metric_values(plan) -> None:
    """A value for each metric of every report: the first metric yes/no, the others numbers."""
    Metric.objects.filter(action__plan=plan, order=0).update(kind="yes_no")
    metrics = list(Metric.objects.filter(action__plan=plan).values_list("action_id", "pk"))
    reports = defaultdict(list)  # every round's reports, not only one of them
    for action_id, pk in ActionReport.objects.filter(round__plan=plan).values_list(
        "action_id", "pk"
    ):
        reports[action_id].append(pk)
    MetricValue.objects.bulk_create(
        MetricValue(report_id=report, metric_id=pk, value=pk % 2)
        for action_id, pk in metrics
        for report in reports[action_id]
    )


def test_progress_query_count_does_not_grow_with_the_plan(client, plan_of):
    small, large = plan_of(10, slug="small"), plan_of(1000, slug="large")
    for plan in (small, large):
        build_rounds(plan, years=(2022, 2023, 2024))
        add_metric_values(plan)
    urls = [reverse("followup:progress", args=[plan.slug]) for plan in (small, large)]
    assert queries_for(client, urls[0]) == queries_for(client, urls[1])
    page = client.get(urls[1]).text  # the metric trends are counted too
    assert 'id="yes-no-metrics"' in page and 'id="number-metrics"' in page


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["", "/en"])
def test_round_pages_have_no_axe_violations(live_server, people, language):
    """The coordinator's view, the reminders' confirmation page, the view after sending them
    (with its message) and the progress page."""
    from tests.browser import axe_violations, chromium_page
    from tests.test_edit_browser import log_in

    people.plan.published = True
    people.plan.save()
    rounds = build_rounds(people.plan)
    overview = reverse("followup:round-overview", args=["yhteinen", rounds[-1].year])
    with chromium_page() as page:
        log_in(page, live_server.url)
        page.goto(live_server.url + language + overview)
        assert axe_violations(page) == [], overview
        send = {"": "Lähetä muistutukset…", "/en": "Send reminders…"}[language]
        page.get_by_role("link", name=send).click()
        page.wait_for_selector("form button[type=submit]")
        assert axe_violations(page) == [], "the reminders' confirmation"
        page.locator("main form button[type=submit]").click()
        page.wait_for_selector(".messages")
        assert axe_violations(page) == [], "after the reminder"
        for url in [
            reverse("followup:progress", args=["yhteinen"]),
            reverse("followup:progress-year", args=["yhteinen", rounds[0].year]),
            reverse("plans:plan", args=["yhteinen"]),
        ]:
            page.goto(live_server.url + language + url)
            assert axe_violations(page) == [], url


@pytest.fixture
def drafted(plan_of):
    """A closed 2024 round: Organisaatio 1 submitted its report, Organisaatio 2 left a draft."""
    plan = plan_of(4, organisations=2, slug="luonnos")
    round_ = open_round(plan, 2024, date(2025, 1, 15), date(2025, 3, 31))
    first, second = plan.actions.get(order=0), plan.actions.get(order=1)
    assert (first.organisation.name, second.organisation.name) == (
        "Organisaatio 1",
        "Organisaatio 2",
    )
    levels = plan.status_levels
    submitted = ActionReport.objects.create(
        round=round_, action=first, status=levels.get(name="Käytössä"), account="Perhekeskus auki"
    )
    draft = ActionReport.objects.create(
        round=round_,
        action=second,
        status=levels.get(name="Ei toteudu"),
        account="Salainen luonnos",
    )
    for report, text, value in [(submitted, "Asiakkaita", "12.5"), (draft, "Ryhmiä", "99")]:
        metric = Metric.objects.create(action=report.action, text=text)
        MetricValue.objects.create(report=report, metric=metric, value=Decimal(value))
    Submission.objects.create(round=round_, organisation=first.organisation)
    close_round(round_)
    return plan


def public_pages(plan) -> list[str]:
    """Every public page of the plan that could show a report."""
    urls = [
        reverse("followup:progress", args=[plan.slug]),
        reverse("followup:progress-year", args=[plan.slug, 2024]),
        reverse("plans:plan", args=[plan.slug]),
        reverse("plans:actions", args=[plan.slug]),
        reverse("plans:export-json", args=[plan.slug]),
        reverse("plans:export-csv", args=[plan.slug]),
    ]
    urls += [reverse("plans:action", args=[plan.slug, a.pk]) for a in plan.actions.all()]
    urls += [
        reverse("plans:organisation", args=[plan.slug, o.pk]) for o in plan.organisations.all()
    ]
    urls += [
        reverse("plans:subgoal", args=[plan.slug, s.pk])
        for s in SubGoal.objects.filter(goal__plan=plan)
    ]
    return urls


def test_a_draft_never_shows_on_a_public_page(client, drafted, in_english):
    for url in public_pages(drafted):
        response = client.get(url)
        assert response.status_code == 200, url
        page = response.getvalue().decode()
        assert "Salainen luonnos" not in page and "Ryhmiä: 99" not in page, url


def test_the_added_priorities_of_a_draft_are_not_public(client, drafted, in_english):
    """An organisation's added priorities are part of its report: public once submitted."""
    round_ = drafted.rounds.get(year=2024)
    subgoal = SubGoal.objects.filter(goal__plan=drafted).order_by("id").first()
    for name, text in [
        ("Organisaatio 1", "Lähetetty painopiste"),
        ("Organisaatio 2", "Luonnospainopiste"),
    ]:
        organisation = drafted.organisations.get(name=name)
        AddedPriority.objects.create(
            round=round_, subgoal=subgoal, organisation=organisation, text=text
        )
    AddedPriority.objects.create(round=round_, subgoal=subgoal, prefix="Kletu", text="Tuotu")
    page = progress(client, drafted).content.decode()
    assert "Lähetetty painopiste" in page and "Tuotu" in page
    assert "Luonnospainopiste" not in page


def round_with_priorities(plan_of, imported: bool):
    """A closed 2024 round nobody submitted in, with Organisaatio 2's added priority."""
    plan = plan_of(3, organisations=2, slug="tuotu")
    round_ = new_round(plan, 2024, {}, submitted=[])
    round_.imported = imported
    round_.save(update_fields=["imported"])
    subgoal = SubGoal.objects.filter(goal__plan=plan).order_by("id").first()
    organisation = plan.organisations.get(name="Organisaatio 2")
    AddedPriority.objects.create(
        round=round_, subgoal=subgoal, organisation=organisation, text="Tuotu painopiste"
    )
    return plan


def test_an_imported_rounds_priorities_stay_public(client, plan_of, in_english):
    """An imported evaluation has no submissions: its priorities show as the document had."""
    plan = round_with_priorities(plan_of, imported=True)
    assert "Tuotu painopiste" in progress(client, plan).content.decode()


def test_a_round_closed_with_no_submission_shows_no_draft_priority(client, plan_of, in_english):
    """A round run in Lanu that nobody submitted in: its priorities are all drafts."""
    plan = round_with_priorities(plan_of, imported=False)
    page = progress(client, plan).content.decode()
    assert "Tuotu painopiste" not in page
    assert "Not reported in 2024:</strong> Organisaatio 1, Organisaatio 2</p>" in page


def test_progress_shows_what_a_submitted_report_did(client, drafted, in_english):
    rows = tables(progress(client, drafted))["The status of each action in 2024"]
    assert rows[1][2:] == [
        "Organisaatio 1",
        rows[1][3],
        "In use",
        "Perhekeskus auki",
        "Asiakkaita: 12.5",
    ]
    assert rows[2][2] == "Organisaatio 2" and rows[2][4:] == ["Not reported", "", ""]
    whole = tables(progress(client, drafted))["The whole plan"][1]
    assert counts(whole) == ["0", "0", "0", "1", "0", "3", "4"]  # the draft's "Ei toteudu": 0


def test_progress_names_the_organisations_that_did_not_report(client, drafted, in_english):
    page = progress(client, drafted).content.decode()
    assert "Not reported in 2024:</strong> Organisaatio 2</p>" in page


def test_the_action_page_shows_its_status_year_by_year(client, drafted, in_english):
    first, second = drafted.actions.get(order=0), drafted.actions.get(order=1)
    url = reverse("plans:action", args=[drafted.slug, first.pk])
    found = tables(client.get(url))
    caption = "The status the organisation reported for the action in each closed follow-up round"
    assert found[caption] == [
        ["Year", "Status", "What was done", "Metrics"],
        ["2024", "In use", "Perhekeskus auki", "Asiakkaita: 12.5"],
    ]
    page = client.get(reverse("plans:action", args=[drafted.slug, second.pk])).content.decode()
    assert "No submitted report of the action in a closed follow-up round yet." in page


def test_the_action_page_shows_a_submitted_report_once_its_round_closes(client, plan_of):
    plan = plan_of(2, organisations=1, slug="auki")
    round_ = new_round(plan, 2024, {1: "Käytössä"}, closed=False)
    url = reverse("plans:action", args=[plan.slug, plan.actions.get(order=0).pk])
    assert "Käytössä" not in client.get(url).content.decode()
    close_round(round_)
    assert "Käytössä" in client.get(url).content.decode()


@pytest.fixture
def measured(plan_of):
    """Rounds 2023 and 2024, both organisations submitted, but in 2024 Organisaatio 2 left a
    draft: actions 1 and 2 have a yes/no metric, action 3 a number in persons."""
    plan = plan_of(4, organisations=2, slug="mitattu")
    actions = [plan.actions.get(order=n) for n in range(3)]
    kinds = [("Palautejärjestelmä luotu", "yes_no", ""), ("Malli käytössä", "yes_no", "")]
    kinds.append(("Osallistujat", "number", "henkilöä"))
    metrics = [
        Metric.objects.create(action=action, text=text, kind=kind, unit=unit)
        for action, (text, kind, unit) in zip(actions, kinds, strict=True)
    ]
    answers = {2023: ["0", "0", "40"], 2024: ["1", "1", "55.5"]}
    for year, values in answers.items():
        round_ = open_round(plan, year, date(year + 1, 1, 15), date(year + 1, 3, 31))
        for action, metric, value in zip(actions, metrics, values, strict=True):
            report = ActionReport.objects.create(round=round_, action=action)
            MetricValue.objects.create(report=report, metric=metric, value=Decimal(value))
        submitted = plan.organisations.all()
        if year == 2024:
            submitted = submitted.filter(name="Organisaatio 1")
        for organisation in submitted:
            Submission.objects.create(round=round_, organisation=organisation)
        close_round(round_)
    return plan


def test_yes_no_metrics_are_charted_as_the_share_answering_yes(client, measured, in_english):
    response = progress(client, measured)
    rows = tables(response)["Actions answering yes or no to a yes/no metric per year"]
    assert rows == [
        ["Year", "Yes", "No", "Share answering yes"],
        ["2023", "0", "2", "0 %"],
        ["2024", "1", "0", "100 %"],  # action 2's "yes" is Organisaatio 2's draft
    ]
    page = response.content.decode()
    assert "Actions answering yes to a yes/no metric, per year." in page
    assert ">Yes</text>" in page and ">No</text>" in page  # the legend names each colour


def test_number_metrics_are_charted_as_a_trend(client, measured, in_english):
    response = progress(client, measured)
    rows = tables(response)["The values of each number and percentage metric per year"]
    assert rows[0] == ["Metric", "Action", "2023", "2024", "Trend"]
    assert rows[1][0] == "Osallistujat (henkilöä)" and rows[1][2:4] == ["40", "55.5"]
    page = response.content.decode()
    assert "<title>Osallistujat (henkilöä): 2023 40, 2024 55.5</title>" in page

"""The public progress page of a plan: its closed follow-up rounds only, never an open one."""

from datetime import date

import pytest
from django.urls import reverse

from lanu.followup.models import ActionReport, AddedPriority, JointHighlight
from lanu.followup.rounds import close_round, open_round
from lanu.followup.synthetic import build_rounds
from tests.html_tables import tables
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db
LEVELS = ["Ei aloitettu", "Aloitettu", "Käynnissä", "Käytössä", "Ei toteudu"]


def report(round_, number, status):
    ActionReport.objects.create(
        round=round_,
        action=round_.plan.actions.get(order=number - 1),
        status=round_.plan.status_levels.get(name=status),
    )


def new_round(plan, year, statuses: dict[int, str], closed=True):
    round_ = open_round(plan, year, date(year + 1, 1, 15), date(year + 1, 3, 31))
    for number, status in statuses.items():
        report(round_, number, status)
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
    assert "Ei toteudu 6" not in page and "2025" not in page
    url = reverse("followup:progress-year", args=[plan.slug, 2025])
    assert client.get(url).status_code == 404


def test_progress_of_an_earlier_closed_round(client, plan, in_english):
    found = tables(progress(client, plan, 2023))
    assert counts(found["The whole plan"][1]) == ["0", "2", "1", "0", "0", "3", "6"]


def test_progress_shows_the_status_of_each_action(client, plan, in_english):
    rows = tables(progress(client, plan))["The status of each action in 2024"]
    assert rows[0] == ["No.", "Toimenpide", "Organisation", "Välitavoite", "Status"]
    assert [(row[0], row[2], row[4]) for row in rows[1:]] == [
        ("1", "Organisaatio 1", "Käynnissä"),
        ("2", "Organisaatio 2", "Käytössä"),
        ("3", "Organisaatio 1", "Käytössä"),
        ("4", "Organisaatio 2", "Aloitettu"),
        ("5", "Organisaatio 1", "No status"),
        ("6", "Organisaatio 2", "No status"),
    ]
    assert rows[1][3] == "I.1, I.2"


def test_progress_shows_the_status_per_subgoal(client, plan, in_english):
    rows = tables(progress(client, plan))["Status of the actions of Päätavoite I"]
    by_label = {row[0]: counts(row) for row in rows[1:]}
    assert by_label["I.2 Välitavoite I.2"] == ["0", "0", "1", "1", "0", "0", "2"]
    assert by_label["Päätavoite I"] == ["0", "1", "1", "2", "0", "1", "5"]


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
    assert "Käytössä" not in page


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


def test_progress_query_count_does_not_grow_with_the_plan(client, plan_of):
    small, large = plan_of(10, slug="small"), plan_of(1000, slug="large")
    for plan in (small, large):
        build_rounds(plan, years=(2022, 2023, 2024))
    urls = [reverse("followup:progress", args=[plan.slug]) for plan in (small, large)]
    assert queries_for(client, urls[0]) == queries_for(client, urls[1])


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["", "/en"])
def test_round_pages_have_no_axe_violations(live_server, people, language):
    """The coordinator's view (after a reminder, with its confirmation) and the progress page."""
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
        page.get_by_role("button").last.click()
        page.wait_for_selector(".messages")
        assert axe_violations(page) == [], "after the reminder"
        for url in [
            reverse("followup:progress", args=["yhteinen"]),
            reverse("followup:progress-year", args=["yhteinen", rounds[0].year]),
            reverse("plans:plan", args=["yhteinen"]),
        ]:
            page.goto(live_server.url + language + url)
            assert axe_violations(page) == [], url

"""The coordinator's view of a follow-up round, and the reminder to those who have not submitted.

The plan "yhteinen" of the `people` fixture has 12 actions; Organisaatio 1 has actions
1, 4, 7, 10, Organisaatio 2 actions 2, 5, 8, 11 and Organisaatio 3 actions 3, 6, 9, 12
(numbers as the pages show them). bob edits Organisaatio 1, charlie Organisaatio 2.
"""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lanu.accounts.models import Membership
from lanu.followup.models import ActionReport, ReminderSent, Submission
from lanu.followup.rounds import close_round, open_round
from lanu.followup.synthetic import build_rounds
from tests.html_tables import tables
from tests.personas import PERSONAS, as_persona, check_outcome
from tests.querycount import queries_for

pytestmark = pytest.mark.django_db
HEADER = ["Not started", "Started", "Under way", "In use", "Will not be realised", "No status"]


def level(round_, name):
    return round_.plan.status_levels.get(name=name)


def report(round_, number, status=None, account=""):
    action = round_.plan.actions.get(order=number - 1)
    status = level(round_, status) if status else None
    return ActionReport.objects.create(round=round_, action=action, status=status, account=account)


@pytest.fixture
def round_2024(people):
    """Organisaatio 1 reported everything and submitted; Organisaatio 2 half, not submitted."""
    round_ = open_round(people.plan, 2024, date(2025, 1, 15), date(2025, 3, 31))
    for number, status in [(1, "Aloitettu"), (4, "Käynnissä"), (7, "Käytössä"), (10, "Käytössä")]:
        report(round_, number, status)
    report(round_, 2, "Aloitettu")
    report(round_, 5, account="Suunnittelu aloitettu.")  # reported, with no status
    report(round_, 8)  # an empty report: not reported
    Submission.objects.create(round=round_, organisation=people.first, submitted_by=people.bob)
    return round_


def overview_url(round_) -> str:
    return reverse("followup:round-overview", args=[round_.plan.slug, round_.year])


def overview(client, people, round_):
    client.force_login(people.alice)
    response = client.get(overview_url(round_))
    assert response.status_code == 200
    return response


def counts(row) -> list[str]:
    return row[2:]  # after the label and the bar


def test_overview_shows_who_has_submitted_and_how_many_actions_are_reported(
    client, people, round_2024, in_english
):
    rows = tables(overview(client, people, round_2024))["Who has submitted their report"]
    assert [row[:3] for row in rows[1:]] == [
        [
            "Organisaatio 1",
            "Yes, " + timezone.localdate().strftime("%-d.%-m.%Y") + " (Bob)",
            "4 / 4",
        ],
        ["Organisaatio 2", "Not yet", "2 / 4"],
        ["Organisaatio 3", "Not yet", "0 / 4"],
    ]
    assert rows[1][3] == "Bob <bob@example.fi>"
    assert rows[2][3] == "Charlie <charlie@example.fi>"
    assert rows[3][3].startswith("No contact person: nobody can be reminded.")


def test_overview_counts_statuses_of_the_whole_plan(client, people, round_2024, in_english):
    found = tables(overview(client, people, round_2024))
    assert found["The whole plan"][0][2:] == [*HEADER, "Actions"]
    assert counts(found["The whole plan"][1]) == ["0", "2", "1", "2", "0", "7", "12"]


def test_overview_counts_statuses_per_subgoal_and_goal(client, people, round_2024, in_english):
    found = tables(overview(client, people, round_2024))
    rows = found["Main goal I: Päätavoite I"]
    by_label = {row[0]: counts(row) for row in rows[1:]}
    # I.1: action 1; I.2: actions 1, 2; I.5: actions 4 and 5; an action counts once per goal
    assert by_label["I.1 Välitavoite I.1"] == ["0", "1", "0", "0", "0", "0", "1"]
    assert by_label["I.2 Välitavoite I.2"] == ["0", "2", "0", "0", "0", "0", "2"]
    assert by_label["I.5 Välitavoite I.5"] == ["0", "0", "1", "0", "0", "1", "2"]
    assert by_label["Main goal I"] == ["0", "2", "1", "0", "0", "2", "5"]


def test_overview_counts_statuses_per_organisation(client, people, round_2024, in_english):
    rows = tables(overview(client, people, round_2024))["Status per organisation"]
    assert {row[0]: counts(row) for row in rows[1:]} == {
        "Organisaatio 1": ["0", "1", "1", "2", "0", "0", "4"],
        "Organisaatio 2": ["0", "1", "0", "0", "0", "3", "4"],
        "Organisaatio 3": ["0", "0", "0", "0", "0", "4", "4"],
    }


def test_overview_bar_names_each_level_and_count(client, people, round_2024, in_english):
    html = overview(client, people, round_2024).content.decode()
    assert "<title>Started: 2</title>" in html
    assert (
        "<title>The whole plan: Not started 0, Started 2, Under way 1, In use 2, "
        "Will not be realised 0, No status 7 (12 actions)</title>" in html
    )


def test_overview_lists_the_actions_with_no_report(client, people, round_2024, in_english):
    found = tables(overview(client, people, round_2024))
    rows = found["Actions with no report in this round"]
    assert [row[0] for row in rows[1:]] == ["3", "6", "8", "9", "11", "12"]
    assert rows[3][2] == "Organisaatio 2"  # action 8: its report is empty


def test_first_round_has_nothing_to_compare_with(client, people, round_2024, in_english):
    response = overview(client, people, round_2024)
    assert "This is the plan's first follow-up round" in response.content.decode()


def test_overview_shows_the_change_since_the_previous_round(client, people, round_2024, in_english):
    round_2025 = open_round(people.plan, 2025, date(2026, 1, 15), date(2026, 3, 31))
    close_round(round_2024)
    for number, status in [(1, "Käynnissä"), (4, "Käynnissä"), (7, "Käytössä"), (3, "Aloitettu")]:
        report(round_2025, number, status)
    found = tables(overview(client, people, round_2025))
    levels = found["Actions per status level in 2024 and 2025"]
    assert levels[1:] == [
        ["Not started", "0", "0", "0"],
        ["Started", "2", "1", "-1"],
        ["Under way", "1", "2", "+1"],
        ["In use", "2", "1", "-1"],
        ["Will not be realised", "0", "0", "0"],
        ["No status", "7", "8", "+1"],
    ]
    changes = found["Actions whose status changed from 2024 to 2025"]
    assert [[row[0], row[3], row[4]] for row in changes[1:]] == [
        ["1", "Started", "→ Under way"],
        ["2", "Started", "→ No status"],
        ["3", "No status", "→ Started"],
        ["10", "In use", "→ No status"],
    ]


# The reminder


def remind_url(round_) -> str:
    return reverse("followup:round-remind", args=[round_.plan.slug, round_.year])


def remind(client, round_):
    """Confirm the reminders, as the confirmation page's button posts."""
    return client.post(remind_url(round_), {"confirm": "yes"})


def test_reminder_e_mails_the_editors_of_organisations_that_have_not_submitted(
    client, people, round_2024, in_english
):
    client.force_login(people.alice)
    response = remind(client, round_2024)
    assert response.status_code == 302 and response.url.endswith(overview_url(round_2024))
    assert [message.to for message in mail.outbox] == [["charlie@example.fi"]]
    message = mail.outbox[0]
    assert people.plan.name in message.subject and "31.3.2025" in message.subject
    assert "Organisaatio 2" in message.body and "31.3.2025" in message.body
    assert "Organisaatio 2: 4 toimenpiteestä raportoitu toistaiseksi 2" in message.body  # Finnish
    assert message.reply_to == ["alice@example.fi"]


def test_reminder_confirms_who_was_e_mailed_and_who_has_no_contact_person(
    client, people, round_2024, in_english
):
    client.force_login(people.alice)
    page = client.get(remind(client, round_2024).url).content.decode()
    assert (
        "A reminder was e-mailed to 1 person: Charlie &lt;charlie@example.fi&gt; (Organisaatio 2)."
        in page
    )
    assert "Organisaatio 3 has no contact person (an editor of the plan): not reminded." in page


def test_reminder_reaches_every_editor_of_an_organisation(client, people, round_2024):
    Membership.objects.create(
        user=people.vera, plan=people.plan, role="editor", organisation=people.second
    )
    client.force_login(people.alice)
    remind(client, round_2024)
    assert sorted(message.to[0] for message in mail.outbox) == [
        "charlie@example.fi",
        "vera@example.fi",
    ]


def test_no_reminder_when_everyone_has_submitted(client, people, round_2024, in_english):
    for organisation in people.plan.organisations.exclude(pk=people.first.pk):
        Submission.objects.create(round=round_2024, organisation=organisation)
    client.force_login(people.alice)
    page = client.get(remind(client, round_2024).url).content.decode()
    assert mail.outbox == []
    assert "Every organisation has submitted: no reminder was sent." in page


def test_no_reminder_in_a_closed_round(client, people, round_2024, in_english):
    close_round(round_2024)
    client.force_login(people.alice)
    page = client.get(remind(client, round_2024).url).content.decode()
    assert mail.outbox == []
    assert "The round is closed: no reminders are sent." in page


def test_reminder_asks_first_and_sends_nothing_until_confirmed(client, people, round_2024):
    client.force_login(people.alice)
    assert client.get(remind_url(round_2024)).status_code == 200
    assert client.post(remind_url(round_2024)).status_code == 200  # no confirmation posted
    assert mail.outbox == []
    assert not ReminderSent.objects.exists()


@pytest.mark.parametrize("persona, expected", PERSONAS)
def test_reminder_personas(client, people, round_2024, persona, expected):
    response = remind(as_persona(client, people, persona), round_2024)
    check_outcome(response, expected)
    assert len(mail.outbox) == (1 if expected == "done" else 0)


def test_reminder_needs_the_csrf_token(people, round_2024):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(people.alice)
    assert remind(client, round_2024).status_code == 403
    assert mail.outbox == []


@pytest.mark.parametrize("persona, expected", PERSONAS)
def test_overview_personas(client, people, round_2024, persona, expected):
    response = as_persona(client, people, persona).get(overview_url(round_2024))
    check_outcome(response, 200 if expected == "done" else expected)


def test_overview_of_a_round_that_does_not_exist_is_404(client, people, round_2024):
    client.force_login(people.alice)
    assert (
        client.get(reverse("followup:round-overview", args=["yhteinen", 2019])).status_code == 404
    )


# Query counts


def test_overview_query_count_does_not_grow_with_the_plan(admin_client, plan_of):
    small, large = plan_of(10, slug="small"), plan_of(1000, slug="large")
    urls = [overview_url(build_rounds(plan)[-1]) for plan in (small, large)]
    assert queries_for(admin_client, urls[0]) == queries_for(admin_client, urls[1])

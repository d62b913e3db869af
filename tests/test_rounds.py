"""Rounds: a coordinator opens one a year with a status scale, and closing freezes it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from lanu.followup import reports
from lanu.followup.models import ActionReport, FollowUpRound, StatusLevel
from lanu.followup.rounds import close_round, open_round
from lanu.followup.scales import DEFAULT, REALISED

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("in_english")]

JAN, FEB = datetime.date(2024, 1, 15), datetime.date(2024, 2, 29)


def rounds_url(name: str, plan, **kwargs) -> str:
    return reverse(f"followup:{name}", kwargs={"slug": plan.slug, **kwargs})


def round_data(year=2024, **changes) -> dict:
    return {"year": year, "opens_on": "2024-01-15", "closes_on": "2024-02-29", **changes}


def test_coordinator_opens_a_round_with_the_default_scale(client, people):
    client.force_login(people.alice)
    page = client.get(rounds_url("round-new", people.plan))
    assert page.status_code == 200 and "Open a follow-up round" in page.text
    response = client.post(rounds_url("round-new", people.plan), round_data())
    assert response.status_code == 302
    round_ = FollowUpRound.objects.get(plan=people.plan)
    assert (round_.year, round_.opens_on, round_.closes_on) == (2024, JAN, FEB)
    assert [level.name for level in people.plan.status_levels.all()] == [d["name"] for d in DEFAULT]
    shown = client.get(response.url)
    assert "Follow-up round 2024" in shown.text and "Organisaatio 1" in shown.text
    assert shown.text.count("0 / 4") == 3  # each organisation: none of its 4 actions reported


def test_a_round_can_start_with_the_realised_scale(client, people):
    client.force_login(people.alice)
    client.post(rounds_url("round-new", people.plan), round_data(scale="realised"))
    assert [level.name for level in people.plan.status_levels.all()] == [
        r["name"] for r in REALISED
    ]


def test_one_round_per_plan_and_year_with_a_clear_message(client, people):
    client.force_login(people.alice)
    client.post(rounds_url("round-new", people.plan), round_data())
    again = client.post(rounds_url("round-new", people.plan), round_data())
    assert again.status_code == 200
    assert "The plan already has a follow-up round for 2024." in again.text
    assert FollowUpRound.objects.filter(plan=people.plan).count() == 1


def test_a_year_taken_meanwhile_is_a_message_not_a_crash(people):
    open_round(people.plan, 2023, JAN, FEB)
    with pytest.raises(reports.YearTaken):
        reports.start_round(people.plan, 2023, JAN, FEB)
    assert FollowUpRound.objects.count() == 1


def test_closing_date_cannot_be_before_opening(client, people):
    client.force_login(people.alice)
    response = client.post(rounds_url("round-new", people.plan), round_data(closes_on="2024-01-01"))
    assert "The closing date cannot be before the opening date." in response.text
    assert not FollowUpRound.objects.exists()


def test_coordinator_chooses_a_ready_made_scale(client, people):
    client.force_login(people.alice)
    url = rounds_url("round-scale", people.plan)
    assert client.get(url).status_code == 200
    response = client.post(url, {"form": "preset", "preset-preset": "realised"})
    assert response.status_code == 302
    assert list(people.plan.status_levels.values_list("name", flat=True)) == [
        "Toteutui",
        "Ei toteutunut",
    ]


def levels_data(*levels) -> dict:
    data = {"form": "levels", "levels-TOTAL_FORMS": len(levels) + 1, "levels-INITIAL_FORMS": 0}
    for n, (name, colour, progress) in enumerate(levels):
        data |= {f"levels-{n}-name": name, f"levels-{n}-colour": colour}
        if progress:
            data[f"levels-{n}-counts_as_progress"] = "on"
    return data


def test_coordinator_edits_the_levels_of_a_one_to_three_scale(client, people):
    client.force_login(people.alice)
    data = levels_data(("1", "#c0504d", False), ("2", "#f2c12e", True), ("3", "#3a8f3a", True))
    data["levels-0-description"] = "Ei vielä"
    response = client.post(rounds_url("round-scale", people.plan), data)
    assert response.status_code == 302
    levels = list(people.plan.status_levels.all())
    assert [(lv.name, lv.colour, lv.counts_as_progress) for lv in levels] == [
        ("1", "#c0504d", False),
        ("2", "#f2c12e", True),
        ("3", "#3a8f3a", True),
    ]
    assert levels[0].description == "Ei vielä"


def test_a_level_needs_a_proper_colour(client, people):
    client.force_login(people.alice)
    response = client.post(rounds_url("round-scale", people.plan), levels_data(("1", "red", True)))
    assert response.status_code == 400
    assert "Write the colour as # and six hex digits." in response.text
    assert not people.plan.status_levels.exists()


def test_the_scale_cannot_change_once_a_report_uses_it(client, people):
    round_ = open_round(people.plan, 2023, JAN, FEB)
    action = people.plan.actions.first()
    level = people.plan.status_levels.first()
    ActionReport.objects.create(round=round_, action=action, status=level)
    client.force_login(people.alice)
    response = client.post(
        rounds_url("round-scale", people.plan), {"form": "preset", "preset-preset": "realised"}
    )
    assert response.status_code == 409
    assert "Reports already use this scale, so it can no longer change." in response.text
    assert StatusLevel.objects.filter(plan=people.plan).count() == len(DEFAULT)
    page = client.get(rounds_url("round-new", people.plan))
    assert 'name="scale"' not in page.text  # nothing to choose any more


def test_closing_asks_first_then_freezes_the_round(client, people):
    round_ = open_round(people.plan, 2023, JAN, FEB)
    client.force_login(people.alice)
    url = rounds_url("round-close", people.plan, year=2023)
    confirmation = client.get(url)
    assert "Close the follow-up round 2023?" in confirmation.text
    assert "3 organisations have not submitted their reports." in confirmation.text
    round_.refresh_from_db()
    assert not round_.is_closed
    response = client.post(url)
    assert response.status_code == 302
    round_.refresh_from_db()
    assert round_.is_closed and round_.closed_by == people.alice and round_.closed_at
    again = client.post(url, follow=True)
    assert "The round was already closed." in again.text


def test_round_list_shows_rounds_and_the_scale(client, people):
    open_round(people.plan, 2023, JAN, FEB)
    close_round(open_round(people.plan, 2022, JAN, FEB))
    client.force_login(people.vera)
    page = client.get(rounds_url("rounds", people.plan))
    assert page.status_code == 200
    assert page.text.index(">2023<") < page.text.index(">2022<")
    assert "Closed" in page.text and "In use" in page.text
    assert "Open a round" not in page.text  # a viewer only reads


def test_the_plan_page_links_to_the_rounds_for_members_only(client, people):
    plan_url = reverse("plans:plan", args=[people.plan.slug])
    link = rounds_url("rounds", people.plan)
    client.force_login(people.bob)
    assert link in client.get(plan_url).text
    people.plan.published = True
    people.plan.save()
    client.force_login(people.mallory)
    assert link not in client.get(plan_url).text


# The year of a round: within the plan's period, or the year after for the final evaluation.


def plan_for(people, first: int, last: int):
    people.plan.period_start, people.plan.period_end = first, last
    people.plan.save()
    return people.plan


def test_a_round_outside_the_plans_period_is_refused_in_finnish_keeping_the_form(client, people):
    plan = plan_for(people, 2020, 2024)
    client.force_login(people.alice)
    with translation.override("fi"):
        url = rounds_url("round-new", plan)
    response = client.post(url, round_data(year=2031), HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 200
    assert (
        "Suunnitelma kattaa vuodet 2020–2024: kierros voi raportoida vuoden 2020–2025 "
        "(2025 loppuarviointia varten), ei vuotta 2031." in response.text
    )
    assert 'value="2031"' in response.text and 'value="2024-02-29"' in response.text
    assert not FollowUpRound.objects.exists()


@pytest.mark.parametrize("year", [2019, 2026])
def test_years_just_outside_the_period_and_its_final_evaluation_are_refused(client, people, year):
    plan = plan_for(people, 2020, 2024)
    client.force_login(people.alice)
    response = client.post(rounds_url("round-new", plan), round_data(year=year))
    assert "a round may report a year from 2020 to 2025" in response.text
    assert not FollowUpRound.objects.exists()


@pytest.mark.parametrize("year", [2020, 2024, 2025])
def test_the_period_and_the_year_after_it_are_accepted(client, people, year):
    plan = plan_for(people, 2020, 2024)
    client.force_login(people.alice)
    response = client.post(rounds_url("round-new", plan), round_data(year=year))
    assert response.status_code == 302
    assert FollowUpRound.objects.get().year == year


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [(2024, 2027, 2026), (2020, 2024, 2025), (2028, 2032, 2028)],
)
def test_the_year_offered_is_this_year_within_the_plans_period(
    client, people, monkeypatch, first, last, expected
):
    monkeypatch.setattr(timezone, "localdate", lambda: datetime.date(2026, 12, 1))
    plan = plan_for(people, first, last)
    client.force_login(people.alice)
    page = client.get(rounds_url("round-new", plan))
    assert f'name="year" value="{expected}"' in page.text


def test_the_levels_saved_untouched_stay_the_same_rows(client, people):
    open_round(people.plan, 2023, JAN, FEB)
    before = list(people.plan.status_levels.values())
    client.force_login(people.alice)
    url = rounds_url("round-scale", people.plan)
    formset = client.get(url).context["formset"]
    data = {"form": "levels", **management_data(formset)}
    for form in formset:
        for name in form.fields:
            value = form[name].value()
            if name == "counts_as_progress":
                if value:
                    data[form.add_prefix(name)] = "on"
            elif value is not None:
                data[form.add_prefix(name)] = value
    assert client.post(url, data).status_code == 302
    assert list(people.plan.status_levels.values()) == before


def management_data(formset) -> dict:
    form = formset.management_form
    return {form.add_prefix(name): form[name].value() for name in form.fields}


def test_a_changed_level_is_updated_in_place_and_a_removed_one_deleted(client, people):
    open_round(people.plan, 2023, JAN, FEB)
    ids = list(people.plan.status_levels.values_list("pk", flat=True))
    client.force_login(people.alice)
    data = levels_data(("Alussa", "#c0504d", False), ("Valmis", "#3a8f3a", True))
    assert client.post(rounds_url("round-scale", people.plan), data).status_code == 302
    levels = list(people.plan.status_levels.all())
    assert [(lv.pk, lv.name, lv.order) for lv in levels] == [
        (ids[0], "Alussa", 0),
        (ids[1], "Valmis", 1),
    ]
    levels = ("Alussa", "#c0504d", False), ("Valmis", "#3a8f3a", True), ("3", "#000000", True)
    data = levels_data(*levels) | {"levels-INITIAL_FORMS": 2}  # the page shows the two
    assert client.post(rounds_url("round-scale", people.plan), data).status_code == 302
    levels = list(people.plan.status_levels.all())
    assert [lv.pk for lv in levels][:2] == ids[:2]
    assert [lv.name for lv in levels] == ["Alussa", "Valmis", "3"]
